package expresso

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/expresso-go/expresso/internal/fresh"
	"github.com/expresso-go/expresso/internal/httprange"
)

// conditional reports whether the request has one of the headers that make
// send evaluate preconditions and freshness.
func (c *Context) conditional() bool {
	rh := c.req.Header
	return len(rh["If-Match"]) > 0 || len(rh["If-Unmodified-Since"]) > 0 ||
		len(rh["If-None-Match"]) > 0 || len(rh["If-Modified-Since"]) > 0
}

// preconditions returns the 412 of a failed If-Match or
// If-Unmodified-Since, as send's isPreconditionFailure.
func (c *Context) preconditions(h http.Header) error {
	if !c.conditional() {
		return nil
	}
	rh := c.req.Header
	if match := first(rh["If-Match"]); match != "" {
		tag := first(h["Etag"])
		if tag == "" || match != "*" && !fresh.WeakMatch(match, tag) {
			return NewHTTPError(http.StatusPreconditionFailed)
		}
		return nil
	}
	since, ok := parseHTTPDate(first(rh["If-Unmodified-Since"]))
	if !ok {
		return nil
	}
	lm, ok := parseHTTPDate(first(h["Last-Modified"]))
	if !ok || lm.After(since) {
		return NewHTTPError(http.StatusPreconditionFailed)
	}
	return nil
}

// parseHTTPDate parses an HTTP date; "" and garbage are not dates.
func parseHTTPDate(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, err := http.ParseTime(s)
	return t, err == nil
}

// window returns the part of a file of size bytes to send: o's Start/End
// window, narrowed to the request's Range when there is exactly one
// satisfiable range after combining (the status becomes 206 with its
// Content-Range). An unsatisfiable Range is a 416 with Content-Range
// "bytes */len".
func (c *Context) window(h http.Header, size int64, o *SendFileOptions) (off, n int64, err error) {
	off = max(o.Start, 0)
	n = max(size-off, 0)
	if o.End > 0 {
		n = max(min(n, o.End-off+1), 0)
	}
	rh := first(c.req.Header["Range"])
	if o.DisableAcceptRanges || !isBytesRange(rh) {
		return off, n, nil
	}
	var buf [4]httprange.Range
	rs, result := httprange.Parse(buf[:0], n, rh)
	if !c.rangeFresh(h) {
		result = httprange.Malformed
	}
	switch {
	case result == httprange.Unsatisfiable:
		var b [48]byte
		cr := string(strconv.AppendInt(append(b[:0], "bytes */"...), n, 10))
		h["Content-Range"] = c.hv(cr)
		e := NewHTTPError(http.StatusRequestedRangeNotSatisfiable)
		e.Header = http.Header{"Content-Range": {cr}}
		return 0, 0, e
	case result == httprange.Satisfiable && len(rs) == 1:
		r := rs[0]
		var b [64]byte
		v := append(b[:0], "bytes "...)
		v = strconv.AppendInt(v, r.Start, 10)
		v = append(v, '-')
		v = strconv.AppendInt(v, r.End, 10)
		v = append(v, '/')
		v = strconv.AppendInt(v, n, 10)
		h["Content-Range"] = c.hvBytes(v)
		c.res.status = http.StatusPartialContent
		return off + r.Start, r.End - r.Start + 1, nil
	}
	return off, n, nil
}

// isBytesRange reports whether a Range header matches send's /^ *bytes=/.
func isBytesRange(v string) bool {
	return strings.HasPrefix(strings.TrimLeft(v, " "), "bytes=")
}

// rangeFresh is send's isRangeFresh: without If-Range the range applies;
// an If-Range with a '"' is an ETag that must contain the response's ETag;
// otherwise it is a date no earlier than Last-Modified.
func (c *Context) rangeFresh(h http.Header) bool {
	ir := first(c.req.Header["If-Range"])
	if ir == "" {
		return true
	}
	if strings.IndexByte(ir, '"') >= 0 {
		tag := first(h["Etag"])
		return tag != "" && strings.Contains(ir, tag)
	}
	lm, ok := parseHTTPDate(first(h["Last-Modified"]))
	if !ok {
		return false
	}
	d, ok := parseHTTPDate(ir)
	return ok && !lm.After(d)
}
