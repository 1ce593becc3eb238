package expresso

import (
	"io"
	"net/http"
	"strconv"
	"unsafe"

	"github.com/expresso-go/expresso/internal/contenttype"
	"github.com/expresso-go/expresso/internal/statuses"
)

// Send sends a response, Express's res.send. The Content-Type follows the
// body's Go type:
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
// matching [ErrHeadersSent]. Every sender of the package goes through the
// same steps; see ARCHITECTURE.md.
func (c *Context) Send(body any) error {
	switch b := body.(type) {
	case string:
		return c.sendString("Send", b)
	case []byte:
		return c.send(&outgoing{call: "Send", data: b, mode: modeSend, ctype: ctOctetStream})
	case nil:
		return c.send(&outgoing{call: "Send", mode: modeSend})
	case io.Reader:
		if cl, ok := b.(io.Closer); ok {
			defer cl.Close()
		}
		return c.send(&outgoing{call: "Send", r: b, size: -1, mode: modeSend, ctype: ctOctetStream})
	}
	return c.json("Send", body)
}

// SendString is Send for a string: the same Content-Type, Content-Length,
// ETag, 304 and HEAD handling, without boxing s into an interface. It is
// what Send does for a string, and it allocates nothing for a string built
// at run time (Send(s) with a non-constant s costs Go one small
// allocation to pass s as an any).
func (c *Context) SendString(s string) error { return c.sendString("SendString", s) }

func (c *Context) sendString(call, s string) error {
	return c.send(&outgoing{call: call, data: unsafe.Slice(unsafe.StringData(s), len(s)),
		mode: modeSend, ctype: ctHTML, utf8: true})
}

// SendStatus sends the status with its text as a text/plain body,
// Express's res.sendStatus (texts from jshttp/statuses, e.g. 413 "Payload
// Too Large"; an unknown code's text is the number).
func (c *Context) SendStatus(code int) error {
	text := statuses.Text(code)
	if text == "" {
		text = strconv.Itoa(code)
	}
	return c.send(&outgoing{call: "SendStatus", status: code, setStatus: true, data: unsafe.Slice(unsafe.StringData(text), len(text)),
		mode: modeSend, ctype: ctTextPlain, forceType: true})
}

// sendMode selects the header rules of the funnel.
type sendMode uint8

const (
	// modeSend is Express's res.send: Content-Length, ETag, 304 for a
	// fresh request, and the 204/304/205 rules.
	modeSend sendMode = iota
	// modeWhole is a complete body sent as given, with its Content-Length
	// only: error pages, redirects, automatic OPTIONS answers.
	modeWhole
	// modeEnd is Node's res.end: Content-Length unless the body is chunked
	// (Transfer-Encoding or trailers) or the status has no body.
	modeEnd
)

// outgoing is one body handed to the funnel.
type outgoing struct {
	call string
	// data is the body in memory, unless r is a streamed body of size
	// bytes (-1 when unknown).
	data []byte
	r    io.Reader
	size int64
	// status becomes the status when setStatus is set (after the refusal
	// checks, so that a refused call leaves the status alone).
	status    int
	setStatus bool
	mode      sendMode
	// ctype is the Content-Type used when none is set; "" sends none.
	// forceType sets it even when one is set; utf8 forces the charset of a
	// Content-Type already set to utf-8 (Send of a string, JSON).
	ctype           string
	forceType, utf8 bool
	// noETag skips computing an ETag from data (a caller that set its own,
	// or JSONP's validators).
	noETag bool
}

// send is the funnel every response body goes through, in this order:
//
//  1. live check: the Context must not have been released;
//  2. refusals: a refusal a setter recorded is returned first; a response
//     that left Head is refused (End may finish one in Body);
//  3. headers: status, Content-Type, then by mode Content-Length and ETag,
//     freshness (304), and the empty-body rules of 204, 304 and 205;
//  4. commit: the status line and headers go out (HEAD drops the body);
//  5. write: the bytes, or the stream through ReadFrom (sendfile);
//  6. finish: the Response is Finished.
func (c *Context) send(o *outgoing) error {
	c.live()
	res := c.res
	if err := c.pending; err != nil {
		c.pending = nil
		if o.mode == modeEnd && res.state == Body {
			c.write(o)
			res.finish(o.call)
		}
		return err
	}
	switch {
	case res.state == Body && o.mode == modeEnd:
		err := c.write(o)
		res.finish(o.call)
		return err
	case res.state == Finished && o.mode == modeEnd:
		return res.refuse(o.call, ErrWriteAfterEnd)
	case res.state != Head:
		return res.refuse(o.call, ErrHeadersSent)
	}
	if o.setStatus {
		if o.status < 100 || o.status > 999 {
			return invalidStatus(o.status)
		}
		res.status = o.status
	}
	h := res.Header()
	typed := c.setType(h, o)
	if c.setLength(h, o) && o.mode == modeSend {
		if o.r == nil && !o.noETag && c.etagOn() {
			if _, has := h["Etag"]; !has {
				c.setETag(h, o.data)
			}
		}
	}
	if o.mode == modeSend {
		if c.fresh(res.status) {
			res.status = http.StatusNotModified
		}
		if c.emptyBody(h, res.status) {
			o.data, o.r = nil, nil
		}
	}
	res.commit(o.call, !typed && (len(o.data) > 0 || o.r != nil))
	err := c.write(o)
	res.finish(o.call)
	return err
}

// setType applies o's Content-Type rules and reports whether the response
// has a Content-Type key (a nil one included).
func (c *Context) setType(h http.Header, o *outgoing) bool {
	ct, typed := h["Content-Type"]
	switch {
	case o.forceType || len(ct) == 0 && o.ctype != "":
		h["Content-Type"] = c.hv(o.ctype)
		return true
	case o.utf8 && len(ct) > 0:
		switch ct[0] {
		case ctHTML, ctTextPlain, ctJSON, ctJavaScript:
			return true // already canonical with charset=utf-8
		}
		if v := contenttype.SetCharset(ct[0], "utf-8"); v != ct[0] {
			h["Content-Type"] = c.hv(v)
		}
	}
	return typed
}

// setLength sets Content-Length by o's mode, reporting whether the body has
// a known length (it is not chunked).
func (c *Context) setLength(h http.Header, o *outgoing) bool {
	if _, chunked := h["Transfer-Encoding"]; chunked && o.mode != modeWhole {
		return false
	}
	n := int64(len(o.data))
	if o.r != nil {
		if o.size < 0 {
			return false
		}
		n = o.size
	}
	if o.mode == modeEnd && !needsLength(h, c.res.status, c.trailers) {
		return false
	}
	if o.mode == modeWhole {
		delete(h, "Transfer-Encoding")
	}
	if o.r != nil {
		if _, set := h["Content-Length"]; set {
			return true // a stream's caller (SendFile) set it, e.g. for a range
		}
	}
	h["Content-Length"] = c.lengthValue(int(n))
	return true
}

// write sends o's body: the bytes, or the stream. For HEAD and the statuses
// without a body a stream of known size is counted, not read.
func (c *Context) write(o *outgoing) error {
	res := c.res
	if o.r == nil {
		if len(o.data) == 0 {
			return nil
		}
		_, err := res.write(o.call, o.data)
		return err
	}
	if res.dropsBody() {
		if o.size > 0 {
			res.n += o.size
		}
		return nil
	}
	_, err := res.ReadFrom(o.r)
	return err
}

// emptyBody applies Express's rules for the statuses that carry no body:
// 204 and 304 lose Content-Type, Content-Length and Transfer-Encoding (the
// ETag and other headers stay); 205 gets Content-Length 0 and loses
// Transfer-Encoding. It reports whether status is one of them.
func (c *Context) emptyBody(h http.Header, status int) bool {
	switch status {
	case http.StatusNoContent, http.StatusNotModified:
		delete(h, "Content-Type")
		delete(h, "Content-Length")
		delete(h, "Transfer-Encoding")
		return true
	case http.StatusResetContent:
		h["Content-Length"] = c.lengthValue(0)
		delete(h, "Transfer-Encoding")
		return true
	}
	return false
}

// whole sends a complete body with status through the funnel without
// Express's send rules (no ETag, no 304): the error page, redirects and
// OPTIONS answers. Their callers set the Content-Type.
func (c *Context) whole(call string, status int, body []byte) error {
	return c.send(&outgoing{call: call, status: status, setStatus: true, data: body, mode: modeWhole})
}

// wholeString is whole for a string body.
func (c *Context) wholeString(call string, status int, body string) error {
	return c.whole(call, status, unsafe.Slice(unsafe.StringData(body), len(body)))
}
