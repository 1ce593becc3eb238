package middleware

import (
	"net/http"
	"strconv"
	"time"
)

// ResponseTimeOptions configures [ResponseTime]. The zero value is the
// response-time package's default: header X-Response-Time, three digits,
// an "ms" suffix.
type ResponseTimeOptions struct {
	// Header is the header name; empty means "X-Response-Time".
	Header string
	// Digits is the number of fractional digits; 0 means 3. Use a negative
	// value for none.
	Digits int
	// DisableSuffix leaves out the "ms" unit.
	DisableSuffix bool
}

// ResponseTime returns middleware that adds the time from the request's
// arrival at the middleware to the moment its headers go out, in
// milliseconds ("12.345ms"), as the response-time package. The header is
// set just before the status line is sent, so it is present on every
// response the handler writes, streamed ones included; an error page
// written by expresso's error handlers after the chain returned does not
// pass through it. A value the handler set is kept. Digits above 9 panic at construction.
func ResponseTime(opts ...ResponseTimeOptions) func(http.Handler) http.Handler {
	var o ResponseTimeOptions
	switch len(opts) {
	case 0:
	case 1:
		o = opts[0]
	default:
		panic("middleware: ResponseTime takes at most one ResponseTimeOptions")
	}
	if o.Header == "" {
		o.Header = "X-Response-Time"
	}
	o.Header = http.CanonicalHeaderKey(o.Header)
	switch {
	case o.Digits == 0:
		o.Digits = 3
	case o.Digits < 0:
		o.Digits = 0
	case o.Digits > 9:
		panic("middleware: ResponseTimeOptions.Digits must be at most 9, got " + strconv.Itoa(o.Digits))
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rt := &responseTimer{start: time.Now(), o: &o}
			rt.ResponseWriter, rt.hook = w, rt
			next.ServeHTTP(&rt.hookWriter, r)
		})
	}
}

// responseTimer is ResponseTime's per-request writer.
type responseTimer struct {
	hookWriter
	start time.Time
	o     *ResponseTimeOptions
	val   [1]string // the header's value, without an allocation of its own
}

// beforeHeaders sets the header, unless the handler set it.
func (rt *responseTimer) beforeHeaders(int) error {
	h := rt.ResponseWriter.Header()
	if _, set := h[rt.o.Header]; set {
		return nil // set by the handler, as response-time leaves it
	}
	ms := float64(time.Since(rt.start)) / float64(time.Millisecond)
	var buf [40]byte
	b := strconv.AppendFloat(buf[:0], ms, 'f', rt.o.Digits, 64)
	if !rt.o.DisableSuffix {
		b = append(b, "ms"...)
	}
	rt.val[0] = string(b)
	h[rt.o.Header] = rt.val[:]
	return nil
}
