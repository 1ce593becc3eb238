package expresso

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

// ctxKey is the request-context key under which a net/http middleware's
// next handler finds the Context.
type ctxKey struct{}

// FromRequest returns the Context serving r, inside net/http middleware
// mounted with Use; nil elsewhere.
func FromRequest(r *http.Request) *Context {
	c, _ := r.Context().Value(ctxKey{}).(*Context)
	return c
}

// wrapStd adapts a net/http middleware: mw is built once, around a next
// handler that continues the expresso chain with the request and
// ResponseWriter the middleware passes on. A wrapped ResponseWriter gets a
// guarded Response of its own for the rest of the chain, so the
// middleware's writer sees everything sent after it.
func wrapStd(mw func(http.Handler) http.Handler) Handler {
	var h http.Handler
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := FromRequest(r)
		if c == nil {
			panic("expresso: a net/http middleware called next with a request not derived from the one it was given")
		}
		if c.stdURL != nil && r.URL == c.stdStripped {
			// Undo the prefix stripping for the rest of the chain.
			r2 := new(http.Request)
			*r2 = *r
			r2.URL = c.stdURL
			r = r2
		}
		prev := c.res
		c.req = r // kept after the chain: later readers see the derived request
		if w != http.ResponseWriter(prev) {
			inner := &Response{}
			// The status as it was when the middleware started: prev may
			// be written meanwhile by the middleware's own goroutine.
			inner.reset(w, c, c.stdHead, c.stdStack)
			inner.status = c.stdStatus
			c.res = inner
		}
		// Restored on the way out, a panic included, so that the error
		// handlers answer through the App's writer, not the middleware's.
		defer func() { c.res = prev }()
		c.stdErr = c.Next()
	})
	h = mw(next)
	if h == nil {
		panic("expresso: Use: the net/http middleware returned a nil handler")
	}
	return func(c *Context) error {
		r := c.req
		if FromRequest(r) != c {
			r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, c))
			c.req = r
		}
		c.stdErr = nil
		c.stdStatus, c.stdHead, c.stdStack = c.res.status, c.res.head, c.res.stack
		sr := c.stripped(r)
		if sr != r {
			c.stdURL, c.stdStripped = r.URL, sr.URL
		}
		h.ServeHTTP(c.res, sr)
		err := c.stdErr
		c.stdErr, c.stdURL, c.stdStripped = nil, nil, nil
		return err
	}
}

// serveStd adapts an http.Handler: it answers the request (it is not
// given a next), seeing the path relative to the Use prefix. As in
// net/http, a handler that returns without writing has answered an empty
// 200 (the status it set, if any).
func serveStd(h http.Handler) Handler {
	return func(c *Context) error {
		h.ServeHTTP(c.res, c.stripped(c.req))
		if c.res.state == Head {
			c.res.WriteHeader(c.res.status)
		}
		return nil
	}
}

// stripped returns r with the mount prefix removed from its URL path, as
// Express rewrites req.url for mounted middleware.
func (c *Context) stripped(r *http.Request) *http.Request {
	if c.off == 0 {
		return r
	}
	rel := c.Path()
	r2 := new(http.Request)
	*r2 = *r
	u := new(url.URL)
	*u = *r.URL
	u.RawPath = rel
	if p, err := url.PathUnescape(rel); err == nil {
		u.Path = p
	}
	if u.Path == rel || !strings.Contains(rel, "%") {
		u.RawPath = ""
	}
	r2.URL = u
	return r2
}
