package expresso

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/expresso-go/expresso/internal/encodeurl"
	"github.com/expresso-go/expresso/internal/htmlescape"
	"github.com/expresso-go/expresso/internal/statuses"
)

// ErrRedirectStatus is wrapped by the error Redirect returns for a status
// outside 300–399.
var ErrRedirectStatus = errors.New("expresso: redirect status must be 300–399")

// Redirect redirects to url with status (302 by default), Express's
// res.redirect: the Location is percent-encoded as [Context.Location]; the
// body is negotiated — text ("Found. Redirecting to URL") without an
// Accept header or for text/plain, an HTML page for text/html (URL
// HTML-escaped, never a link), else empty with no Content-Type — and
// Vary: Accept is always added. It is sent as a whole body, without Send's
// rules: no ETag, no 304. Unlike Express, a status outside 300–399 is refused with an error.
func (c *Context) Redirect(url string, status ...int) error {
	c.live()
	code := http.StatusFound
	switch len(status) {
	case 0:
	case 1:
		code = status[0]
	default:
		return errors.New("expresso: Redirect takes at most one status")
	}
	if c.pending != nil || c.res.state != Head {
		return c.whole("Redirect", code, nil) // refused: touch no header
	}
	if code < 300 || code > 399 {
		return &HTTPError{Code: http.StatusInternalServerError, Err: ErrRedirectStatus,
			Message: "expresso: Redirect: invalid status " + strconv.Itoa(code) + "; redirect status must be 300–399"}
	}
	address := encodeurl.Encode(url)
	if err := checkHeader("Location", address); err != nil {
		return err
	}
	h := c.res.Header()
	h["Location"] = c.hv(address)
	if v := h["Vary"]; len(v) == 0 {
		h["Vary"] = c.hv("Accept")
	} else {
		c.Vary("Accept")
	}
	msg := statuses.Text(code)
	if msg == "" {
		msg = "undefined"
	}
	var body string
	switch c.prefer(redirectOffers) {
	case 0:
		h["Content-Type"] = c.hv(ctTextPlain)
		body = msg + ". Redirecting to " + address
	case 1:
		h["Content-Type"] = c.hv(ctHTML)
		body = "<!DOCTYPE html><head><title>" + msg + "</title></head><body><p>" + msg +
			". Redirecting to " + htmlescape.Escape(address) + "</p></body>"
	default:
		delete(h, "Content-Type")
	}
	return c.wholeString("Redirect", code, body)
}

var redirectOffers = []string{"text/plain", "text/html"}
