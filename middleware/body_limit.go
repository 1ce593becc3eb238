package middleware

import (
	"net/http"
	"strconv"
)

// bodyLimitMessage is body-parser's message for a body over the limit.
const bodyLimitMessage = "request entity too large"

// BodyLimit returns middleware that caps request bodies at n bytes, the
// part of Express's body parsers' limit option that can live outside
// them. A request whose Content-Length is over n is answered at once with
// 413 "request entity too large" (text/plain, Connection: close), without
// reading its body or calling the next handler. Any other body is wrapped
// in [http.MaxBytesReader], so a chunked body that grows past n fails the
// handler's read with an [*http.MaxBytesError]; inside expresso,
// [expresso.Context.Body] and [expresso.Context.Bind] turn that error into
// the same 413 [*expresso.HTTPError], which goes through the App's error
// handlers. Config.BodyLimit still applies as well: the smaller limit wins.
//
// n may be 0 (only empty bodies pass); a negative n panics.
func BodyLimit(n int64) func(http.Handler) http.Handler {
	if n < 0 {
		panic("middleware: BodyLimit: the limit must not be negative, got " + strconv.FormatInt(n, 10))
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength > n {
				h := w.Header()
				h.Set("Content-Type", "text/plain; charset=utf-8")
				h.Set("X-Content-Type-Options", "nosniff")
				h.Set("Content-Length", strconv.Itoa(len(bodyLimitMessage)))
				h.Set("Connection", "close")
				w.WriteHeader(http.StatusRequestEntityTooLarge)
				_, _ = w.Write([]byte(bodyLimitMessage)) // the client may be gone; nothing to add
				return
			}
			if r.Body != nil && r.Body != http.NoBody {
				r.Body = http.MaxBytesReader(w, r.Body, n)
			}
			next.ServeHTTP(w, r)
		})
	}
}
