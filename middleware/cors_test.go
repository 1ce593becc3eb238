package middleware_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
	"github.com/stretchr/testify/assert"
)

// corsHeaders keeps the headers CORS sets or must leave alone.
func corsHeaders(h http.Header) http.Header {
	out := http.Header{}
	for k, v := range h {
		if strings.HasPrefix(k, "Access-Control-") || k == "Vary" || k == "Content-Length" {
			out[k] = v
		}
	}
	return out
}

func preflightReq(origin, method, headers string) *http.Request {
	r := httptest.NewRequest("OPTIONS", "/r", nil)
	r.Header.Set("Origin", origin)
	r.Header.Set("Access-Control-Request-Method", method)
	if headers != "" {
		r.Header.Set("Access-Control-Request-Headers", headers)
	}
	return r
}

func simpleReq(method, origin string) *http.Request {
	r := httptest.NewRequest(method, "/r", nil)
	if origin != "" {
		r.Header.Set("Origin", origin)
	}
	return r
}

var listed = middleware.CORSOptions{
	AllowOrigins:     []string{"https://app.example.com", "http://localhost:3000", "https://*.trusted.org"},
	AllowCredentials: true,
	ExposeHeaders:    []string{"X-Total"},
	MaxAge:           10*time.Minute + 500*time.Millisecond,
}

func TestCORS(t *testing.T) {
	tests := []struct {
		name       string
		opts       middleware.CORSOptions
		req        *http.Request
		wantNext   bool
		wantStatus int
		wantHeader http.Header
	}{
		{"the default allows any origin", middleware.CORSOptions{}, simpleReq("GET", "https://any.site"), true, 200,
			http.Header{"Access-Control-Allow-Origin": {"*"}}},
		{"the default answers without an Origin too", middleware.CORSOptions{}, simpleReq("GET", ""), true, 200,
			http.Header{"Access-Control-Allow-Origin": {"*"}}},
		{"the default preflight", middleware.CORSOptions{}, preflightReq("https://any.site", "PUT", "X-A, content-type"), false, 204,
			http.Header{"Access-Control-Allow-Origin": {"*"}, "Access-Control-Allow-Methods": {"GET,HEAD,PUT,PATCH,POST,DELETE"},
				"Access-Control-Allow-Headers": {"X-A, content-type"}, "Vary": {"Origin, Access-Control-Request-Headers"}, "Content-Length": {"0"}}},
		{"a listed origin is reflected with credentials", listed, simpleReq("POST", "https://app.example.com"), true, 200,
			http.Header{"Access-Control-Allow-Origin": {"https://app.example.com"}, "Access-Control-Allow-Credentials": {"true"},
				"Access-Control-Expose-Headers": {"X-Total"}, "Vary": {"Origin"}}},
		{"a listed origin with a port", listed, simpleReq("GET", "http://localhost:3000"), true, 200,
			http.Header{"Access-Control-Allow-Origin": {"http://localhost:3000"}, "Access-Control-Allow-Credentials": {"true"},
				"Access-Control-Expose-Headers": {"X-Total"}, "Vary": {"Origin"}}},
		{"a pattern matches one label", listed, simpleReq("GET", "https://a.trusted.org"), true, 200,
			http.Header{"Access-Control-Allow-Origin": {"https://a.trusted.org"}, "Access-Control-Allow-Credentials": {"true"},
				"Access-Control-Expose-Headers": {"X-Total"}, "Vary": {"Origin"}}},
		{"a pattern matches several labels", listed, simpleReq("GET", "https://a.b.trusted.org"), true, 200,
			http.Header{"Access-Control-Allow-Origin": {"https://a.b.trusted.org"}, "Access-Control-Allow-Credentials": {"true"},
				"Access-Control-Expose-Headers": {"X-Total"}, "Vary": {"Origin"}}},
		{"a request without Origin gets only Vary", listed, simpleReq("GET", ""), true, 200, http.Header{"Vary": {"Origin"}}},
		{"a listed preflight", listed, preflightReq("https://app.example.com", "DELETE", ""), false, 204,
			http.Header{"Access-Control-Allow-Origin": {"https://app.example.com"}, "Access-Control-Allow-Credentials": {"true"},
				"Access-Control-Allow-Methods": {"GET,HEAD,PUT,PATCH,POST,DELETE"}, "Access-Control-Max-Age": {"600"},
				"Vary": {"Origin"}, "Content-Length": {"0"}}},
		{"configured methods and headers", middleware.CORSOptions{AllowOrigins: []string{"https://a.com"}, AllowMethods: []string{"GET", "PATCH"},
			AllowHeaders: []string{"Content-Type", "X-Key"}, OptionsSuccessStatus: 200}, preflightReq("https://a.com", "PATCH", "x-other"), false, 200,
			http.Header{"Access-Control-Allow-Origin": {"https://a.com"}, "Access-Control-Allow-Methods": {"GET,PATCH"},
				"Access-Control-Allow-Headers": {"Content-Type,X-Key"}, "Vary": {"Origin"}, "Content-Length": {"0"}}},
		{"a malformed request-headers list is not reflected", middleware.CORSOptions{}, preflightReq("https://a.com", "GET", "x-a, bad header\r"), false, 204,
			http.Header{"Access-Control-Allow-Origin": {"*"}, "Access-Control-Allow-Methods": {"GET,HEAD,PUT,PATCH,POST,DELETE"},
				"Vary": {"Origin, Access-Control-Request-Headers"}, "Content-Length": {"0"}}},
		{"an OPTIONS request that is not a preflight passes on", listed, simpleReq("OPTIONS", "https://app.example.com"), true, 200,
			http.Header{"Access-Control-Allow-Origin": {"https://app.example.com"}, "Access-Control-Allow-Credentials": {"true"},
				"Access-Control-Expose-Headers": {"X-Total"}, "Vary": {"Origin"}}},
		{"PreflightContinue passes the preflight on", middleware.CORSOptions{PreflightContinue: true}, preflightReq("https://a.com", "GET", ""), true, 200,
			http.Header{"Access-Control-Allow-Origin": {"*"}, "Access-Control-Allow-Methods": {"GET,HEAD,PUT,PATCH,POST,DELETE"}, "Vary": {"Origin"}}},
		{"an origin function decides", middleware.CORSOptions{AllowOriginFunc: func(o string) bool { return o == "https://fn.example" }},
			simpleReq("GET", "https://fn.example"), true, 200,
			http.Header{"Access-Control-Allow-Origin": {"https://fn.example"}, "Vary": {"Origin"}}},
		{"an origin function refuses", middleware.CORSOptions{AllowOriginFunc: func(o string) bool { return false }},
			simpleReq("GET", "https://fn.example"), true, 200, http.Header{"Vary": {"Origin"}}},
	}
	for _, tt := range tests {
		runCORS(t, tt.name, tt.opts, tt.req, tt.wantNext, tt.wantStatus, tt.wantHeader)
	}
}

// hostileOrigins must never be allowed by the listed options.
var hostileOrigins = []string{
	"https://app.example.com.evil.com", // suffix trick
	"https://evilapp.example.com",      // prefix trick on an exact origin
	"https://app.example.co",           // truncated
	"http://app.example.com",           // another scheme
	"https://app.example.com:443",      // an explicit port the list does not name
	"https://app.example.com/",         // a path
	"https://APP.EXAMPLE.COM",          // not as a browser serialises it
	"https://app.example.com@evil.com", // user info
	"null",                             // sandboxed documents
	"https://trusted.org",              // the pattern's own domain is not a subdomain
	"https://eviltrusted.org",          // suffix without a dot
	"https://a.trusted.org.evil.com",   // pattern then another domain
	"https://a.trusted.org:8443",       // a port the pattern does not name
	"http://a.trusted.org",             // the pattern's scheme is https
	"https://.trusted.org",             // an empty label
	"https://a..trusted.org",           // an empty label inside
	"https://-a.trusted.org",           // an invalid label
	"https://a b.trusted.org",          // a space
	"https://a.trusted.org\r\nX: y",    // CR LF
	"https://evil.com#.trusted.org",    // a fragment
	"https://evil.com?.trusted.org",    // a query
	"https://evil.com\\.trusted.org",   // a backslash
	"",                                 // no origin at all, on a preflight
}

func TestCORSRefusesHostileOrigins(t *testing.T) {
	for _, origin := range hostileOrigins {
		runCORS(t, "preflight from "+origin, listed, preflightReq(origin, "GET", ""), origin == "",
			map[bool]int{true: 200, false: 204}[origin == ""], refusedHeader(origin == ""))
		runCORS(t, "request from "+origin, listed, simpleReq("GET", origin), true, 200, http.Header{"Vary": {"Origin"}})
	}
}

// refusedHeader is what a refused preflight gets; a preflight without an
// Origin is no preflight and passes on.
func refusedHeader(passes bool) http.Header {
	if passes {
		return http.Header{"Vary": {"Origin"}}
	}
	return http.Header{"Vary": {"Origin"}, "Content-Length": {"0"}}
}

func runCORS(t *testing.T, name string, opts middleware.CORSOptions, req *http.Request, wantNext bool, wantStatus int, wantHeader http.Header) {
	t.Helper()
	for _, inApp := range []bool{false, true} {
		t.Run(name+map[bool]string{false: " (net/http)", true: " (App)"}[inApp], func(t *testing.T) {
			called := false
			var h http.Handler
			if inApp {
				app := expresso.New(expresso.Config{Env: "production"})
				app.Use(middleware.CORS(opts))
				app.All("/r", func(c *expresso.Context) error {
					called = true
					return c.SendString("next")
				})
				h = app
			} else {
				h = middleware.CORS(opts)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					called = true
					_, _ = w.Write([]byte("next"))
				}))
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req.Clone(req.Context()))
			assert.Equal(t, wantNext, called)
			assert.Equal(t, wantStatus, rec.Code)
			got := corsHeaders(rec.Header())
			if wantNext {
				assert.Equal(t, "next", rec.Body.String())
				delete(got, "Content-Length")
			} else {
				assert.Equal(t, "", rec.Body.String())
			}
			assert.Equal(t, wantHeader, got)
		})
	}
}

func TestCORSMergesVary(t *testing.T) {
	h := middleware.CORS(listed)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	rec := httptest.NewRecorder()
	rec.Header()["Vary"] = []string{"Accept-Encoding", "Cookie"}
	h.ServeHTTP(rec, simpleReq("GET", "https://app.example.com"))
	assert.Equal(t, []string{"Accept-Encoding, Cookie, Origin"}, rec.Header()["Vary"])
	rec = httptest.NewRecorder()
	rec.Header()["Vary"] = []string{"origin"}
	h.ServeHTTP(rec, simpleReq("GET", "https://app.example.com"))
	assert.Equal(t, []string{"origin"}, rec.Header()["Vary"])
}

func TestCORSSetupPanics(t *testing.T) {
	tests := []struct {
		name string
		opts middleware.CORSOptions
		want string
	}{
		{"credentials with the default origin", middleware.CORSOptions{AllowCredentials: true},
			`middleware: CORSOptions: AllowCredentials cannot be used with the "*" origin (browsers refuse it, and reflecting any origin instead would let every site read credentialed responses); list the allowed origins`},
		{"credentials with an explicit star", middleware.CORSOptions{AllowOrigins: []string{"*"}, AllowCredentials: true},
			`middleware: CORSOptions: AllowCredentials cannot be used with the "*" origin (browsers refuse it, and reflecting any origin instead would let every site read credentialed responses); list the allowed origins`},
		{"star mixed with origins", middleware.CORSOptions{AllowOrigins: []string{"*", "https://a.com"}},
			`middleware: CORSOptions.AllowOrigins: "*": "*" allows every origin and cannot be combined with others`},
		{"a trailing slash", middleware.CORSOptions{AllowOrigins: []string{"https://a.com/"}},
			`middleware: CORSOptions.AllowOrigins: "https://a.com/": an origin is scheme://host[:port], without path, query or trailing slash`},
		{"no scheme", middleware.CORSOptions{AllowOrigins: []string{"a.com"}},
			`middleware: CORSOptions.AllowOrigins: "a.com": an origin is scheme://host[:port], without path, query or trailing slash`},
		{"the null origin", middleware.CORSOptions{AllowOrigins: []string{"null"}},
			`middleware: CORSOptions.AllowOrigins: "null": the null origin is shared by sandboxed documents and file: pages; allowing it allows them all`},
		{"a star inside a label", middleware.CORSOptions{AllowOrigins: []string{"https://a*.com"}},
			`middleware: CORSOptions.AllowOrigins: "https://a*.com": invalid host`},
		{"a star not leftmost", middleware.CORSOptions{AllowOrigins: []string{"https://*.*.com"}},
			`middleware: CORSOptions.AllowOrigins: "https://*.*.com": "*" may only stand for the leftmost host labels, as https://*.example.com`},
		{"a bare star host", middleware.CORSOptions{AllowOrigins: []string{"https://*"}},
			`middleware: CORSOptions.AllowOrigins: "https://*": invalid host`},
		{"origins and a func", middleware.CORSOptions{AllowOrigins: []string{"https://a.com"}, AllowOriginFunc: func(string) bool { return true }},
			"middleware: CORSOptions: set AllowOrigins or AllowOriginFunc, not both"},
		{"a bad method", middleware.CORSOptions{AllowMethods: []string{"GET POST"}},
			`middleware: CORSOptions.AllowMethods: "GET POST" is not a valid token`},
		{"a bad header", middleware.CORSOptions{AllowHeaders: []string{"X-A\n"}},
			`middleware: CORSOptions.AllowHeaders: "X-A\n" is not a valid token`},
		{"a negative max age", middleware.CORSOptions{MaxAge: -time.Second}, "middleware: CORSOptions.MaxAge must not be negative"},
		{"a non-2xx preflight status", middleware.CORSOptions{OptionsSuccessStatus: 301},
			"middleware: CORSOptions.OptionsSuccessStatus must be a 2xx status, not 301"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.PanicsWithValue(t, tt.want, func() { middleware.CORS(tt.opts) })
		})
	}
}

func TestCORSNormalisesConfiguredOrigins(t *testing.T) {
	h := middleware.CORS(middleware.CORSOptions{AllowOrigins: []string{"HTTPS://App.Example.COM"}})(http.NotFoundHandler())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, simpleReq("GET", "https://app.example.com"))
	assert.Equal(t, "https://app.example.com", rec.Header().Get("Access-Control-Allow-Origin"))
}
