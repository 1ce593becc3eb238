package middleware

import "net/http"

// The values NoCache sets; each response gets its own slices.
const (
	noCacheControl   = "no-store, no-cache, must-revalidate, proxy-revalidate"
	noCacheSurrogate = "no-store"
	noCachePragma    = "no-cache"
	noCacheExpires   = "0"
)

// NoCache returns middleware that tells browsers, proxies and CDNs not to
// cache the response. It mirrors the nocache package (helmet's noCache):
// it sets Cache-Control "no-store, no-cache, must-revalidate,
// proxy-revalidate", Pragma "no-cache", Expires "0" and Surrogate-Control
// "no-store" before calling the next handler, which may still override
// them. Unlike nocache it also drops the request's conditional headers
// (If-None-Match, If-Modified-Since), so that a handler never answers 304
// from a validator the client should not have cached.
func NoCache() func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// One allocation for the four values; each header gets its own
			// full-capacity slice of it, so an append cannot reach another.
			v := &[4]string{noCacheSurrogate, noCacheControl, noCachePragma, noCacheExpires}
			h := w.Header()
			h["Surrogate-Control"] = v[0:1:1]
			h["Cache-Control"] = v[1:2:2]
			h["Pragma"] = v[2:3:3]
			h["Expires"] = v[3:4:4]
			if _, ok := r.Header["If-None-Match"]; ok {
				r = withoutConditionals(r)
			} else if _, ok := r.Header["If-Modified-Since"]; ok {
				r = withoutConditionals(r)
			}
			next.ServeHTTP(w, r)
		})
	}
}

// withoutConditionals returns a shallow copy of r whose header has no
// If-None-Match or If-Modified-Since.
func withoutConditionals(r *http.Request) *http.Request {
	r2 := new(http.Request)
	*r2 = *r
	r2.Header = r.Header.Clone()
	delete(r2.Header, "If-None-Match")
	delete(r2.Header, "If-Modified-Since")
	return r2
}
