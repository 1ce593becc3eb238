package expresso

import (
	"errors"
	"maps"
	"net/http"
	"unsafe"
)

// begin returns the refusal recorded by a setter, or refuses call when the
// headers already went out: the refusal checks of the funnel, for the
// calls that send headers without a body (WriteHead, FlushHeaders).
func (c *Context) begin(call string) error {
	if err := c.pending; err != nil {
		c.pending = nil
		return err
	}
	if c.res.state != Head {
		return c.res.refuse(call, ErrHeadersSent)
	}
	return nil
}

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
	// Check everything before merging anything, so that a refused call
	// leaves the headers as they were.
	for _, hh := range headers {
		if err := checkHeaders(hh); err != nil {
			return err
		}
	}
	h := c.res.Header()
	for _, hh := range headers {
		for k, vs := range hh {
			h[http.CanonicalHeaderKey(k)] = vs
		}
	}
	return c.res.writeHeader("WriteHead", status)
}

// Write writes body bytes, sending the headers first if needed, Node's
// res.write. The Context is an io.Writer. As in Node, the bytes go to the
// client at once (chunked, unless a Content-Length was set), so a ported
// streaming or server-sent-events handler works unchanged; write through
// [Context.Response] for net/http's buffering instead. Writes for HEAD and
// to 204 or 304 responses are dropped without an error. After the response
// finished it writes nothing and returns an error matching
// [ErrWriteAfterEnd].
func (c *Context) Write(p []byte) (int, error) {
	c.live()
	if err := c.pending; err != nil && c.res.state == Head {
		c.pending = nil
		return 0, err
	}
	n, err := c.res.write("Write", p)
	if err == nil {
		err = c.flushStream()
	}
	return n, err
}

// flushStream pushes written bytes to the client unless the handler set a
// Content-Length (then net/http sends them when the body is complete).
func (c *Context) flushStream() error {
	if c.res.head || len(c.res.Header()["Content-Length"]) > 0 {
		return nil
	}
	if err := c.res.FlushError(); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return err
	}
	return nil
}

// WriteString is Write for a string.
func (c *Context) WriteString(s string) (int, error) {
	c.live()
	if err := c.pending; err != nil && c.res.state == Head {
		c.pending = nil
		return 0, err
	}
	n, err := c.res.writeString("Write", s)
	if err == nil {
		err = c.flushStream()
	}
	return n, err
}

// End finishes the response, Node's res.end([data]): with a body (a string
// or []byte) it writes it first, and if the headers were not sent yet it
// sets Content-Length (0 without a body) as Node does — except for 204 and
// 304, whose body is dropped, and when trailers were added (see
// [Context.AddTrailers]), which need a chunked body. Unlike Node, a HEAD
// request gets the Content-Length a GET would, with no body. After the
// response finished it returns an error matching [ErrWriteAfterEnd].
func (c *Context) End(body ...any) error {
	o := outgoing{call: "End", mode: modeEnd}
	switch len(body) {
	case 0:
	case 1:
		switch b := body[0].(type) {
		case string:
			o.data = unsafe.Slice(unsafe.StringData(b), len(b))
		case []byte:
			o.data = b
		case nil:
		default:
			return errors.New("expresso: End takes a string or []byte; use Send or JSON for other values")
		}
	default:
		return errors.New("expresso: End takes at most one body")
	}
	return c.send(&o)
}

// needsLength reports whether End must set Content-Length, as Node does
// when it ends a response whose headers are not sent: not when one is set,
// not for chunked bodies (trailers declared with AddTrailers or the Trailer
// header, which only a chunked body carries; the caller checks
// Transfer-Encoding), and not for 204 and 304, which have no body.
func needsLength(h http.Header, status int, trailers bool) bool {
	if status == http.StatusNoContent || status == http.StatusNotModified || trailers {
		return false
	}
	_, length := h["Content-Length"]
	_, trailer := h["Trailer"]
	return !length && !trailer // Transfer-Encoding: the caller checked it
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
// body: [Context.End] then sets no Content-Length, and a body already
// started is flushed so that it is chunked; a Content-Length set
// explicitly drops them.
func (c *Context) AddTrailers(h http.Header) error {
	c.live()
	if c.res.state == Finished {
		return c.res.refuse("AddTrailers", ErrWriteAfterEnd)
	}
	if err := checkHeaders(h); err != nil {
		return err
	}
	rh := c.res.Header()
	for k, vs := range h {
		rh[http.TrailerPrefix+http.CanonicalHeaderKey(k)] = vs
	}
	c.trailers = true
	if c.res.state == Body {
		// The headers went out, but net/http may still be buffering them
		// and would then frame a short body with a Content-Length, losing
		// the trailers. Flushing now settles on a chunked body, as Node
		// does from the first write.
		if err := c.res.FlushError(); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return err
		}
	}
	return nil
}

// WriteContinue sends an interim "100 Continue" with no headers, Node's
// res.writeContinue.
func (c *Context) WriteContinue() error {
	c.live()
	if c.res.state != Head {
		return c.res.refuse("WriteContinue", ErrHeadersSent)
	}
	c.interim(http.StatusContinue, nil)
	return nil
}

// WriteEarlyHints sends an interim "103 Early Hints" carrying exactly the
// given headers (typically Link), Node's res.writeEarlyHints: headers set
// for the final response are not sent with the hints, and the hints are
// not added to the final response.
func (c *Context) WriteEarlyHints(hints http.Header) error {
	c.live()
	if c.res.state != Head {
		return c.res.refuse("WriteEarlyHints", ErrHeadersSent)
	}
	if err := checkHeaders(hints); err != nil {
		return err
	}
	c.interim(http.StatusEarlyHints, hints)
	return nil
}

// interim sends an informational response carrying exactly the headers
// given. net/http sends the whole header map with one, so the headers set
// for the final response are swapped out meanwhile and put back after.
func (c *Context) interim(code int, headers http.Header) {
	h := c.res.Header()
	saved := maps.Clone(h)
	clear(h)
	for k, vs := range headers {
		h[http.CanonicalHeaderKey(k)] = vs
	}
	c.res.w.WriteHeader(code)
	clear(h)
	maps.Copy(h, saved)
}

// checkHeaders checks every name and value of h as [checkHeader].
func checkHeaders(h http.Header) error {
	for k, vs := range h {
		if len(vs) == 0 {
			if err := checkHeader(k, ""); err != nil {
				return err
			}
		}
		for _, v := range vs {
			if err := checkHeader(k, v); err != nil {
				return err
			}
		}
	}
	return nil
}
