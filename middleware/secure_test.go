package middleware_test

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
	"github.com/stretchr/testify/assert"
)

const helmetCSP = "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';" +
	"frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';" +
	"style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests"

// helmetHeaders returns helmet's default headers, with HSTS when https.
func helmetHeaders(https bool) http.Header {
	h := http.Header{
		"Content-Security-Policy":           {helmetCSP},
		"Cross-Origin-Opener-Policy":        {"same-origin"},
		"Cross-Origin-Resource-Policy":      {"same-origin"},
		"Origin-Agent-Cluster":              {"?1"},
		"Referrer-Policy":                   {"no-referrer"},
		"X-Content-Type-Options":            {"nosniff"},
		"X-Dns-Prefetch-Control":            {"off"},
		"X-Download-Options":                {"noopen"},
		"X-Frame-Options":                   {"SAMEORIGIN"},
		"X-Permitted-Cross-Domain-Policies": {"none"},
		"X-Xss-Protection":                  {"0"},
	}
	if https {
		h["Strict-Transport-Security"] = []string{"max-age=31536000; includeSubDomains"}
	}
	return h
}

// withoutBodyHeaders drops the headers the handler's send adds.
func withoutBodyHeaders(h http.Header) http.Header {
	out := h.Clone()
	for _, k := range []string{"Content-Type", "Content-Length", "Etag"} {
		delete(out, k)
	}
	return out
}

func TestSecureDefaults(t *testing.T) {
	tests := []struct {
		name      string
		inApp     bool
		trust     any
		tls       bool
		forwarded string
		wantHSTS  bool
	}{
		{"plain HTTP gets no HSTS", false, nil, false, "", false},
		{"TLS gets HSTS", false, nil, true, "", true},
		{"a forged X-Forwarded-Proto outside expresso is ignored", false, nil, false, "https", false},
		{"inside an App over plain HTTP", true, nil, false, "", false},
		{"inside an App over TLS", true, nil, true, "", true},
		{"inside an App, X-Forwarded-Proto from a trusted proxy", true, true, false, "https", true},
		{"inside an App, X-Forwarded-Proto from an untrusted client", true, nil, false, "https", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h http.Handler
			if tt.inApp {
				app := expresso.New(expresso.Config{Env: "production", TrustProxy: tt.trust, PoweredBy: true})
				app.Use(middleware.Secure(middleware.SecureOptions{}))
				app.Get("/", func(c *expresso.Context) error { return c.SendString("ok") })
				h = app
			} else {
				h = middleware.Secure(middleware.SecureOptions{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					_, _ = w.Write([]byte("ok"))
				}))
			}
			r := httptest.NewRequest("GET", "/", nil)
			if tt.tls {
				r.TLS = &tls.ConnectionState{}
			}
			if tt.forwarded != "" {
				r.Header.Set("X-Forwarded-Proto", tt.forwarded)
			}
			rec := httptest.NewRecorder()
			rec.Header().Set("X-Powered-By", "Express")
			h.ServeHTTP(rec, r)
			assert.Equal(t, 200, rec.Code)
			assert.Equal(t, "ok", rec.Body.String())
			assert.Equal(t, helmetHeaders(tt.wantHSTS), withoutBodyHeaders(rec.Header()))
		})
	}
}

func TestSecureOptions(t *testing.T) {
	tests := []struct {
		name   string
		opts   middleware.SecureOptions
		change func(h http.Header)
	}{
		{"a custom policy, report-only", middleware.SecureOptions{ContentSecurityPolicy: "default-src 'none'", CSPReportOnly: true},
			func(h http.Header) {
				delete(h, "Content-Security-Policy")
				h["Content-Security-Policy-Report-Only"] = []string{"default-src 'none'"}
			}},
		{"chosen values", middleware.SecureOptions{CrossOriginEmbedderPolicy: "require-corp", CrossOriginOpenerPolicy: "same-origin-allow-popups",
			CrossOriginResourcePolicy: "cross-origin", ReferrerPolicy: "no-referrer, strict-origin-when-cross-origin",
			FrameOptions: "deny", PermittedCrossDomainPolicies: "master-only"},
			func(h http.Header) {
				h["Cross-Origin-Embedder-Policy"] = []string{"require-corp"}
				h["Cross-Origin-Opener-Policy"] = []string{"same-origin-allow-popups"}
				h["Cross-Origin-Resource-Policy"] = []string{"cross-origin"}
				h["Referrer-Policy"] = []string{"no-referrer, strict-origin-when-cross-origin"}
				h["X-Frame-Options"] = []string{"DENY"}
				h["X-Permitted-Cross-Domain-Policies"] = []string{"master-only"}
			}},
		{"HSTS with preload", middleware.SecureOptions{HSTSMaxAge: 2 * 365 * 24 * time.Hour, HSTSPreload: true},
			func(h http.Header) {
				h["Strict-Transport-Security"] = []string{"max-age=63072000; includeSubDomains; preload"}
			}},
		{"HSTS without subdomains", middleware.SecureOptions{HSTSMaxAge: time.Hour + time.Millisecond, HSTSExcludeSubdomains: true},
			func(h http.Header) { h["Strict-Transport-Security"] = []string{"max-age=3600"} }},
		{"omitted headers", middleware.SecureOptions{Omit: []string{"content-security-policy", "Strict-Transport-Security", "X-Frame-Options"}},
			func(h http.Header) {
				delete(h, "Content-Security-Policy")
				delete(h, "Strict-Transport-Security")
				delete(h, "X-Frame-Options")
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := middleware.Secure(tt.opts)(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
			r := httptest.NewRequest("GET", "/", nil)
			r.TLS = &tls.ConnectionState{}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			want := helmetHeaders(true)
			tt.change(want)
			assert.Equal(t, 200, rec.Code)
			assert.Equal(t, want, rec.Header())
		})
	}
}

func TestSecureHeadersAreNotSharedBetweenResponses(t *testing.T) {
	mw := middleware.Secure(middleware.SecureOptions{})
	mutating := mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["X-Frame-Options"][0] = "DENY" // a handler mutating a value in place
		w.Header()["Referrer-Policy"] = append(w.Header()["Referrer-Policy"], "same-origin")
	}))
	plain := mw(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	mutated := httptest.NewRecorder()
	mutating.ServeHTTP(mutated, httptest.NewRequest("GET", "/", nil))
	assert.Equal(t, []string{"DENY"}, mutated.Header()["X-Frame-Options"])
	rec := httptest.NewRecorder()
	plain.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	assert.Equal(t, helmetHeaders(false), rec.Header())
}

func TestSecureSetupPanics(t *testing.T) {
	tests := []struct {
		name string
		opts middleware.SecureOptions
		want string
	}{
		{"a policy with CR LF", middleware.SecureOptions{ContentSecurityPolicy: "default-src 'self'\r\nSet-Cookie: a=b"},
			`middleware: SecureOptions.ContentSecurityPolicy: invalid header value "default-src 'self'\r\nSet-Cookie: a=b"`},
		{"a bad frame option", middleware.SecureOptions{FrameOptions: "ALLOW-FROM https://a.com"},
			`middleware: SecureOptions.FrameOptions: "ALLOW-FROM HTTPS://A.COM" is not one of SAMEORIGIN, DENY`},
		{"a bad opener policy", middleware.SecureOptions{CrossOriginOpenerPolicy: "same"},
			`middleware: SecureOptions.CrossOriginOpenerPolicy: "same" is not one of same-origin, same-origin-allow-popups, noopener-allow-popups, unsafe-none`},
		{"a bad embedder policy", middleware.SecureOptions{CrossOriginEmbedderPolicy: "require"},
			`middleware: SecureOptions.CrossOriginEmbedderPolicy: "require" is not one of require-corp, credentialless, unsafe-none`},
		{"a bad referrer policy", middleware.SecureOptions{ReferrerPolicy: "no-referrer, never"},
			`middleware: SecureOptions.ReferrerPolicy: "never" is not a referrer policy`},
		{"a negative HSTS max age", middleware.SecureOptions{HSTSMaxAge: -1}, "middleware: SecureOptions.HSTSMaxAge must not be negative"},
		{"preload with a short max age", middleware.SecureOptions{HSTSPreload: true, HSTSMaxAge: time.Hour},
			"middleware: SecureOptions.HSTSPreload needs an HSTSMaxAge of at least a year and includeSubDomains (HSTSExcludeSubdomains false)"},
		{"omitting a header Secure does not send", middleware.SecureOptions{Omit: []string{"X-Powered-By"}},
			`middleware: SecureOptions.Omit: "X-Powered-By" is not a header Secure sends`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.PanicsWithValue(t, tt.want, func() { middleware.Secure(tt.opts) })
		})
	}
}
