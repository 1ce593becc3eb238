package expresso

import (
	"io"
	"net/http"
	"strconv"
	"unsafe"

	"github.com/expresso-go/expresso/internal/contenttype"
	"github.com/expresso-go/expresso/internal/etag"
	"github.com/expresso-go/expresso/internal/fresh"
	"github.com/expresso-go/expresso/internal/statuses"
)

// Send sends a response, Express's res.send: the one funnel every body goes
// through. The Content-Type follows the body's Go type:
//
//   - string: text/html, or the Content-Type already set with its charset
//     replaced by utf-8;
//   - []byte: application/octet-stream unless a Content-Type is set (kept
//     as is, charset included);
//   - nil: an empty body and no Content-Type;
//   - io.Reader: streamed (application/octet-stream unless set), without
//     Content-Length or ETag; an io.Closer is closed;
//   - anything else: JSON, as [Context.JSON].
//
// Send sets Content-Length and, unless Config.ETag is ETagOff or one is set,
// an ETag; answers 304 when the request is fresh; strips the body and its
// headers for 204 and 304 and the body for 205; and sends only headers to
// HEAD. Once the response left [Head] it sends nothing and returns an error
// matching [ErrHeadersSent].
func (c *Context) Send(body any) error {
	c.live()
	switch b := body.(type) {
	case string:
		return c.sendString("Send", b)
	case []byte:
		return c.sendBytes("Send", b)
	case nil:
		if err := c.begin("Send"); err != nil {
			return err
		}
		return c.finishBody("Send", nil)
	case io.Reader:
		return c.sendReader("Send", b)
	}
	return c.json("Send", body)
}

// SendString is Send for a string: the same Content-Type, Content-Length,
// ETag, 304 and HEAD handling, without boxing s into an interface. It is
// what Send does for a string, and it allocates nothing for a string built
// at run time (Send(s) with a non-constant s costs Go one small
// allocation to pass s as an any).
func (c *Context) SendString(s string) error {
	c.live()
	return c.sendString("SendString", s)
}

// begin returns the refusal recorded by a setter, or refuses the send when
// the headers already went out.
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

// sendString sends s as text with charset utf-8.
func (c *Context) sendString(call, s string) error {
	if err := c.begin(call); err != nil {
		return err
	}
	c.utf8Type(ctHTML)
	return c.finishBody(call, unsafe.Slice(unsafe.StringData(s), len(s)))
}

// utf8Type sets the Content-Type to def when none is set, else forces its
// charset to utf-8.
func (c *Context) utf8Type(def []string) {
	h := c.res.Header()
	if ct := h["Content-Type"]; len(ct) > 0 {
		switch ct[0] {
		case ctHTML[0], ctTextPlain[0], ctJSON[0], ctJavaScript[0]:
			return // already canonical with charset=utf-8
		}
		if v := contenttype.SetCharset(ct[0], "utf-8"); v != ct[0] {
			h["Content-Type"] = []string{v}
		}
		return
	}
	h["Content-Type"] = def
}

func (c *Context) sendBytes(call string, b []byte) error {
	if err := c.begin(call); err != nil {
		return err
	}
	h := c.res.Header()
	if len(h["Content-Type"]) == 0 {
		h["Content-Type"] = ctOctetStream
	}
	if b == nil {
		b = []byte{}
	}
	return c.finishBody(call, b)
}

// finishBody is the common tail of Send: ETag, Content-Length, freshness,
// empty-body statuses and HEAD. A nil body means Send(nil): "".
func (c *Context) finishBody(call string, body []byte) error {
	res := c.res
	h := res.Header()
	if _, chunked := h["Transfer-Encoding"]; !chunked {
		if c.etagOn() {
			if _, has := h["Etag"]; !has {
				c.setETag(h, body)
			}
		}
		c.app.setLength(h, len(body))
	}
	status := res.status
	if c.fresh(status) {
		status = http.StatusNotModified
	}
	if c.app.emptyBody(h, status) {
		body = nil
	}
	res.status = status
	// Every body sent here has its Content-Type set: no sniffing guard.
	res.commit(call, false)
	var err error
	if len(body) > 0 {
		_, err = res.write(call, body)
	}
	res.finish(call)
	return err
}

// emptyBody applies Express's rules for the statuses that carry no body:
// 204 and 304 lose Content-Type, Content-Length and Transfer-Encoding (the
// ETag and other headers stay); 205 gets Content-Length 0 and loses
// Transfer-Encoding. It reports whether status is one of them.
func (app *App) emptyBody(h http.Header, status int) bool {
	switch status {
	case http.StatusNoContent, http.StatusNotModified:
		delete(h, "Content-Type")
		delete(h, "Content-Length")
		delete(h, "Transfer-Encoding")
		return true
	case http.StatusResetContent:
		h["Content-Length"] = app.lengths.get(0)
		delete(h, "Transfer-Encoding")
		return true
	}
	return false
}

// setLength sets Content-Length, from the App's table for bodies shorter
// than numLengths, else in one small allocation.
func (app *App) setLength(h http.Header, n int) {
	if n < numLengths {
		h["Content-Length"] = app.lengths.get(n)
		return
	}
	v := new(struct {
		val [1]string
		buf [20]byte
	})
	b := strconv.AppendInt(v.buf[:0], int64(n), 10)
	v.val[0] = unsafe.String(&v.buf[0], len(b))
	h["Content-Length"] = v.val[:]
}

// etagOn reports whether Send computes ETags.
func (c *Context) etagOn() bool {
	return c.app.cfg.ETagFunc != nil || c.app.cfg.ETag != ETagOff
}

// setETag sets the ETag of body per the App's settings: Config.ETagFunc's
// tag (none when it returns ""), else jshttp/etag's, whose header value
// and bytes take one small allocation.
func (c *Context) setETag(h http.Header, body []byte) {
	cfg := &c.app.cfg
	if cfg.ETagFunc != nil {
		if t := cfg.ETagFunc(body); t != "" {
			h["Etag"] = []string{t}
		}
		return
	}
	v := new(struct {
		val [1]string
		buf [etag.MaxLen]byte
	})
	b := etag.Append(v.buf[:0], body, cfg.ETag == ETagWeak)
	v.val[0] = unsafe.String(&v.buf[0], len(b))
	h["Etag"] = v.val[:]
}

// fresh reports whether the request is fresh for a response with status,
// Express's req.fresh.
func (c *Context) fresh(status int) bool {
	if c.mi != mGet && c.mi != mHead && c.mi != mQuery {
		return false
	}
	if (status < 200 || status > 299) && status != http.StatusNotModified {
		return false
	}
	rh := c.req.Header
	inm, ims := rh["If-None-Match"], rh["If-Modified-Since"]
	if len(inm) == 0 && len(ims) == 0 {
		return false
	}
	return fresh.Fresh(first(inm), first(ims), first(rh["Cache-Control"]), c.res.get("Etag"), c.res.get("Last-Modified"))
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// sendReader streams r.
func (c *Context) sendReader(call string, r io.Reader) error {
	if cl, ok := r.(io.Closer); ok {
		defer cl.Close()
	}
	if err := c.begin(call); err != nil {
		return err
	}
	res := c.res
	h := res.Header()
	if len(h["Content-Type"]) == 0 {
		h["Content-Type"] = ctOctetStream
	}
	status := res.status
	if c.fresh(status) {
		status = http.StatusNotModified
	}
	if c.app.emptyBody(h, status) {
		// Nothing of the stream is sent, and an empty body's ETag would
		// not describe it: no ETag.
		res.status = status
		res.commit(call, false)
		res.finish(call)
		return nil
	}
	res.commit(call, true)
	_, err := res.ReadFrom(r)
	res.finish(call)
	return err
}

// SendStatus sends the status with its text as a text/plain body,
// Express's res.sendStatus (texts from jshttp/statuses, e.g. 413 "Payload
// Too Large"; an unknown code's text is the number).
func (c *Context) SendStatus(code int) error {
	c.live()
	// A refusal recorded earlier wins and leaves the status alone.
	if err := c.begin("SendStatus"); err != nil {
		return err
	}
	if code < 100 || code > 999 {
		return invalidStatus(code)
	}
	c.res.status = code
	text := statuses.Text(code)
	if text == "" {
		text = strconv.Itoa(code)
	}
	c.res.Header()["Content-Type"] = ctTextPlain
	return c.finishBody("SendStatus", unsafe.Slice(unsafe.StringData(text), len(text)))
}

// writeWhole commits status with a complete body whose headers (but
// Content-Length) are set, bypassing Send (no ETag, no freshness).
func (c *Context) writeWhole(call string, status int, body string) error {
	return c.writeWholeBytes(call, status, unsafe.Slice(unsafe.StringData(body), len(body)))
}

// writeWholeBytes is writeWhole for a body in a buffer.
func (c *Context) writeWholeBytes(call string, status int, body []byte) error {
	res := c.res
	if res.state != Head {
		return res.refuse(call, ErrHeadersSent)
	}
	c.app.setLength(res.Header(), len(body))
	res.status = status
	res.commit(call, false) // the callers set the Content-Type of any body
	var err error
	if len(body) > 0 {
		_, err = res.write(call, body)
	}
	res.finish(call)
	return err
}
