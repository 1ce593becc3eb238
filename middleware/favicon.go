package middleware

import (
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/expresso-go/expresso/internal/etag"
	"github.com/expresso-go/expresso/internal/fresh"
)

// FaviconOptions configures [Favicon]. The zero value is serve-favicon's
// default: a one-year max-age.
type FaviconOptions struct {
	// MaxAge is the Cache-Control max-age; 0 means one year, the most it
	// may be. A negative value panics.
	MaxAge time.Duration
}

// faviconYear is serve-favicon's one year, its default and maximum max-age.
const faviconYear = 365 * 24 * time.Hour

// Favicon returns middleware that answers /favicon.ico with the icon at
// path, read once here and kept in memory, as the serve-favicon package:
// GET and HEAD get the icon with Content-Type image/x-icon, a strong ETag
// and "Cache-Control: public, max-age=…", or a 304 when the request's
// validators match; OPTIONS gets a 200 and any other method a 405, both
// with "Allow: GET, HEAD, OPTIONS" and no body. Every other path goes to
// the next handler. Mounted with Use under a prefix, it answers that
// prefix's /favicon.ico. A missing, empty or unreadable file panics here
// (serve-favicon throws too).
func Favicon(path string, opts ...FaviconOptions) func(http.Handler) http.Handler {
	var o FaviconOptions
	switch len(opts) {
	case 0:
	case 1:
		o = opts[0]
	default:
		panic("middleware: Favicon takes at most one FaviconOptions")
	}
	switch {
	case o.MaxAge < 0:
		panic("middleware: FaviconOptions.MaxAge must not be negative")
	case o.MaxAge == 0 || o.MaxAge > faviconYear:
		o.MaxAge = faviconYear
	}
	icon, err := os.ReadFile(path)
	if err != nil {
		panic("middleware: Favicon: " + err.Error())
	}
	if len(icon) == 0 {
		panic("middleware: Favicon: " + path + " is empty")
	}
	tag := string(etag.Append(nil, icon, false))
	cacheControl := "public, max-age=" + strconv.FormatInt(int64(o.MaxAge/time.Second), 10)
	length := strconv.Itoa(len(icon))
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/favicon.ico" {
				next.ServeHTTP(w, r)
				return
			}
			h := w.Header()
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				h["Allow"] = []string{"GET, HEAD, OPTIONS"}
				h["Content-Length"] = []string{"0"}
				if r.Method == http.MethodOptions {
					w.WriteHeader(http.StatusOK)
				} else {
					w.WriteHeader(http.StatusMethodNotAllowed)
				}
				return
			}
			h["Cache-Control"] = []string{cacheControl}
			h["Etag"] = []string{tag}
			if fresh.Fresh(r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since"),
				r.Header.Get("Cache-Control"), tag, "") {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			h["Content-Type"] = []string{"image/x-icon"}
			h["Content-Length"] = []string{length}
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write(icon) // a failed write means the client went away
		})
	}
}
