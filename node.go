package expresso

import (
	"errors"
	"net/http"
	"unsafe"
)

// WriteHead sends the status line and headers now, Node's
// res.writeHead(status, headers): the given headers are merged over those
// already set (theirs win). The response is then in [Body]: write with
// [Context.Write] and finish with [Context.End].
func (c *Context) WriteHead(status int, headers ...http.Header) error {
	c.live()
	if err := c.begin("WriteHead"); err != nil {
		return err
	}
	if status < 100 || status > 999 {
		return invalidStatus(status)
	}
	h := c.res.Header()
	for _, hh := range headers {
		for k, vs := range hh {
			for _, v := range vs {
				if err := checkHeader(k, v); err != nil {
					return err
				}
			}
			h[http.CanonicalHeaderKey(k)] = vs
		}
	}
	return c.res.writeHeader("WriteHead", status)
}

// Write writes body bytes, sending the headers first if needed, Node's
// res.write. The Context is an io.Writer. After the response finished it
// writes nothing and returns an error matching [ErrWriteAfterEnd].
func (c *Context) Write(p []byte) (int, error) {
	c.live()
	if err := c.pending; err != nil && c.res.state == Head {
		c.pending = nil
		return 0, err
	}
	return c.res.write("Write", p)
}

// WriteString is Write for a string.
func (c *Context) WriteString(s string) (int, error) {
	c.live()
	return c.res.writeString("Write", s)
}

// End finishes the response, Node's res.end([data]): with a body (a string
// or []byte) it writes it first, and if the headers were not sent yet it
// sets Content-Length (0 without a body) as Node does. After the response
// finished it returns an error matching [ErrWriteAfterEnd].
func (c *Context) End(body ...any) error {
	c.live()
	res := c.res
	if res.state == Finished {
		return res.refuse("End", ErrWriteAfterEnd)
	}
	if err := c.pending; err != nil && res.state == Head {
		c.pending = nil
		return err
	}
	var data []byte
	switch len(body) {
	case 0:
	case 1:
		switch b := body[0].(type) {
		case string:
			data = unsafe.Slice(unsafe.StringData(b), len(b))
		case []byte:
			data = b
		case nil:
		default:
			return errors.New("expresso: End takes a string or []byte; use Send or JSON for other values")
		}
	default:
		return errors.New("expresso: End takes at most one body")
	}
	if res.state == Head {
		h := res.Header()
		_, cl := h["Content-Length"]
		_, te := h["Transfer-Encoding"]
		if !cl && !te {
			var vals *headerVals
			setLength(h, &vals, len(data))
			if vals != nil {
				vals.fill(h)
			}
		}
		res.commit("End", len(data) > 0)
	}
	var err error
	if len(data) > 0 {
		_, err = res.write("End", data)
	}
	res.finish("End")
	return err
}

// HeadersSent reports whether the headers went out, Node's res.headersSent.
func (c *Context) HeadersSent() bool { c.live(); return c.res.state != Head }

// Finished reports whether the response is complete, Node's
// res.writableEnded.
func (c *Context) Finished() bool { c.live(); return c.res.state == Finished }

// FlushHeaders sends the status line and headers now, Node's
// res.flushHeaders. Called again, it does nothing.
func (c *Context) FlushHeaders() error {
	c.live()
	if c.res.state == Head {
		if err := c.begin("FlushHeaders"); err != nil {
			return err
		}
	}
	if c.res.state == Finished {
		return nil
	}
	return c.res.FlushError()
}

// Flush sends buffered body bytes to the client now (and the headers if
// needed), for streaming.
func (c *Context) Flush() error {
	c.live()
	if c.res.state == Finished {
		return c.res.refuse("Flush", ErrWriteAfterEnd)
	}
	return c.res.FlushError()
}

// AddTrailers sets trailer fields sent after the body, Node's
// res.addTrailers. As in Node they reach the client only with a chunked
// body (no Content-Length).
func (c *Context) AddTrailers(h http.Header) error {
	c.live()
	if c.res.state == Finished {
		return c.res.refuse("AddTrailers", ErrWriteAfterEnd)
	}
	rh := c.res.Header()
	for k, vs := range h {
		for _, v := range vs {
			if err := checkHeader(k, v); err != nil {
				return err
			}
		}
		rh[http.TrailerPrefix+http.CanonicalHeaderKey(k)] = vs
	}
	return nil
}

// WriteContinue sends an interim "100 Continue", Node's
// res.writeContinue.
func (c *Context) WriteContinue() error {
	c.live()
	if c.res.state != Head {
		return c.res.refuse("WriteContinue", ErrHeadersSent)
	}
	c.res.w.WriteHeader(http.StatusContinue)
	return nil
}

// WriteEarlyHints sends an interim "103 Early Hints" with the given headers
// (typically Link), Node's res.writeEarlyHints. The hints are not added to
// the final response's headers.
func (c *Context) WriteEarlyHints(hints http.Header) error {
	c.live()
	if c.res.state != Head {
		return c.res.refuse("WriteEarlyHints", ErrHeadersSent)
	}
	h := c.res.Header()
	saved := make(http.Header, len(hints))
	for k, vs := range hints {
		for _, v := range vs {
			if err := checkHeader(k, v); err != nil {
				return err
			}
		}
		k = http.CanonicalHeaderKey(k)
		saved[k] = h[k]
		h[k] = vs
	}
	c.res.w.WriteHeader(http.StatusEarlyHints)
	for k, vs := range saved {
		if vs == nil {
			delete(h, k)
		} else {
			h[k] = vs
		}
	}
	return nil
}
