package expresso

import (
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"unsafe"

	"github.com/expresso-go/expresso/internal/encodeurl"
	"github.com/expresso-go/expresso/internal/statuses"
)

// end is what happens when a request falls off the end of the App: an
// automatic OPTIONS answer, a 405 with Allow when the path exists for other
// methods, else a 404 "Cannot GET /path". These are answered here, not
// given to the OnError handlers: in Express they come from the final
// handler, which no error middleware sees. When the response was already
// committed it does nothing, as Express's final handler.
func (app *App) end(c *Context) error {
	if c.res.state != Head {
		return nil
	}
	d := &c.d
	if p := c.pending; p != nil {
		// A setter refused earlier (Express would have thrown there): that
		// is the error, not a 404.
		c.pending = nil
		return d.fail(p, 0)
	}
	if d.allow == 0 && len(d.allowCustom) == 0 {
		app.handleError(c, cannotError(http.StatusNotFound, c.method, c.path))
		return nil
	}
	if c.mi == mOptions {
		return d.fail(c.answerOptions(d.allow, d.allowCustom), 0)
	}
	err := cannotError(http.StatusMethodNotAllowed, c.method, c.path)
	err.Header = http.Header{"Allow": c.hv(allowHeader(d.allow, d.allowCustom))}
	app.handleError(c, err)
	return nil
}

// cannotError returns the HTTPError "Cannot METHOD /path" with code, its
// message in the same allocation when it is short.
func cannotError(code int, method, path string) *HTTPError {
	e := new(struct {
		HTTPError
		buf [64]byte
	})
	b := append(e.buf[:0], "Cannot "...)
	b = append(b, method...)
	b = append(b, ' ')
	b = append(b, encodeurl.Encode(path)...)
	e.Code, e.Message = code, unsafe.String(unsafe.SliceData(b), len(b))
	return &e.HTTPError
}

// handleError is the default error handler. It answers with the error's
// status and a body negotiated between HTML (also when there is no Accept
// header), JSON and text. When the response already finished it only logs;
// when the body had started it reports that the connection must be aborted.
func (app *App) handleError(c *Context, err error) (abort bool) {
	res := c.res
	switch res.state {
	case Finished:
		app.logError(c, "expresso: error after the response was sent", err)
		return false
	case Body:
		app.logError(c, "expresso: error after the response started; aborting the connection", err)
		return true
	}
	if p := c.pending; p != nil {
		// A refusal no sender returned: the error page supersedes it.
		c.pending = nil
		app.log.Error("expresso: a refused call was not returned by any sender", "err", p,
			"method", c.method, "path", c.path)
	}
	he, isHTTP := err.(*HTTPError) // the common case, without reflection
	status := statusOf(err, he, isHTTP)
	if status < 400 || status > 599 {
		status = http.StatusInternalServerError
		if res.status >= 400 && res.status <= 599 {
			status = res.status
		}
	}
	if !isHTTP {
		he, isHTTP = asHTTPError(err)
	}
	msg := statuses.Text(status)
	switch {
	case isHTTP && status < 500:
		msg = he.Error()
	case !app.prod:
		msg = err.Error()
		if isHTTP && he.Err != nil && !strings.Contains(msg, he.Err.Error()) {
			msg += ": " + he.Err.Error()
		}
	}
	if status >= 500 {
		app.logError(c, "expresso: request failed", err, "status", status)
	}

	h := res.Header()
	delete(h, "Content-Encoding")
	delete(h, "Content-Language")
	delete(h, "Content-Range")
	if isHTTP {
		// After the deletes: a 416's Content-Range is the error's own.
		for k, vs := range he.Header {
			h[http.CanonicalHeaderKey(k)] = vs
		}
	}
	h["Content-Security-Policy"] = c.hv(cspNone)
	h["X-Content-Type-Options"] = c.hv(nosniff)
	var body string
	buf := c.getJSONBuf() // the Context's buffer, for the HTML page
	defer c.putJSONBuf(buf)
	switch c.prefer(errorOffers) {
	case 0:
		h["Content-Type"] = c.hv(ctHTML)
		page := appendErrorHTML(buf.b.AvailableBuffer(), msg)
		buf.b.Write(page)
	case 1:
		h["Content-Type"] = c.hv(ctJSON)
		body = `{"status":` + strconv.Itoa(status) + `,"message":` + jsonString(msg) + `}`
	default:
		h["Content-Type"] = c.hv(ctTextPlain)
		body = msg
	}
	delete(h, "Etag")
	var werr error
	if buf.b.Len() > 0 {
		werr = c.whole("error handler", status, buf.b.Bytes())
	} else {
		werr = c.wholeString("error handler", status, body)
	}
	if werr != nil {
		app.log.Error("expresso: writing the error response failed", "err", werr)
	}
	return false
}

// StatusOf returns the status the default error handler answers err with:
// the StatusCode of the first error in its chain that has one (an
// [*HTTPError], or any error with a StatusCode() int method) when it is
// 400–599, else 500. It is Express's err.status || 500, for error handlers
// ported from Express. (The default handler also keeps a 4xx or 5xx status
// the handler set before returning an error without one; StatusOf cannot
// see that.) StatusOf(nil) is 0.
func StatusOf(err error) int {
	if err == nil {
		return 0
	}
	he, isHTTP := err.(*HTTPError)
	if code := statusOf(err, he, isHTTP); code >= 400 && code <= 599 {
		return code
	}
	return http.StatusInternalServerError
}

// statusOf returns the status carried by err (the first StatusCode in its
// chain), or 0.
func statusOf(err error, he *HTTPError, isHTTP bool) int {
	if isHTTP {
		return he.Code
	}
	var sc statusCoder
	if errors.As(err, &sc) {
		return sc.StatusCode()
	}
	return 0
}

// asHTTPError finds an *HTTPError in err's chain.
func asHTTPError(err error) (*HTTPError, bool) {
	var he *HTTPError
	ok := errors.As(err, &he)
	return he, ok
}

var errorOffers = []string{"text/html", "application/json", "text/plain"}

// The parts of finalhandler's error page around the message.
const (
	errorHTMLHead = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>"
	errorHTMLTail = "</pre>\n</body>\n</html>\n"
)

// appendErrorHTML appends finalhandler's page for msg to b: the message
// HTML-escaped, newlines as <br> and each pair of spaces as " &nbsp;".
func appendErrorHTML(b []byte, msg string) []byte {
	b = append(b, errorHTMLHead...)
	// One pass: escaping adds no newline or space, so it commutes with the
	// two replacements.
	last := 0
	for i := 0; i < len(msg); i++ {
		var rep string
		switch msg[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&quot;"
		case '\'':
			rep = "&#39;"
		case '\n':
			rep = "<br>"
		case ' ':
			if i+1 == len(msg) || msg[i+1] != ' ' {
				continue
			}
			b = append(b, msg[last:i]...)
			b = append(b, " &nbsp;"...)
			i++
			last = i + 1
			continue
		default:
			continue
		}
		b = append(b, msg[last:i]...)
		b = append(b, rep...)
		last = i + 1
	}
	b = append(b, msg[last:]...)
	return append(b, errorHTMLTail...)
}

// logError logs err for the request c, with the stack of a recovered
// panic.
func (app *App) logError(c *Context, msg string, err error, attrs ...any) {
	attrs = append(attrs, "err", err, "method", c.method, "path", c.path)
	var p *panicked
	if errors.As(err, &p) {
		if !app.panics.admit(app.log, p.stack) {
			return // counted for the call site's summary (panics.go)
		}
		attrs = append(attrs, "stack", string(p.stack))
	}
	app.log.Error(msg, attrs...)
}

// panicError turns a recovered panic value into an error.
func panicError(v any) error {
	if err, ok := v.(error); ok {
		return &panicked{v: v, err: err, stack: debug.Stack()}
	}
	return &panicked{v: v, stack: debug.Stack()}
}

// panicked is a recovered panic, a 500.
type panicked struct {
	v     any
	err   error
	stack []byte
}

func (p *panicked) Error() string { return fmt.Sprintf("expresso: panic: %v", p.v) }
func (p *panicked) Unwrap() error { return p.err }
