package middleware_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// echoBody answers "ok:" and the request body.
var echoBody = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	_, _ = io.WriteString(w, "ok:"+string(b))
})

func TestCSRFOriginChecks(t *testing.T) {
	opts := middleware.CSRFOptions{TrustedOrigins: []string{"https://admin.example.com"},
		InsecureBypassPatterns: []string{"POST /hooks/{name}"}}
	tests := []struct {
		name       string
		method     string
		target     string
		header     map[string]string
		wantStatus int
		wantBody   string
	}{
		{"a same-origin POST", "POST", "/form", map[string]string{"Sec-Fetch-Site": "same-origin"}, 200, "ok:"},
		{"a POST the user typed", "POST", "/form", map[string]string{"Sec-Fetch-Site": "none"}, 200, "ok:"},
		{"a cross-site POST", "POST", "/form", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, 403,
			"Forbidden: cross-origin request detected from Sec-Fetch-Site header"},
		{"a same-site POST from a sibling", "POST", "/form", map[string]string{"Sec-Fetch-Site": "same-site", "Origin": "https://other.example.com"}, 403,
			"Forbidden: cross-origin request detected from Sec-Fetch-Site header"},
		{"an old browser's cross-origin POST", "POST", "/form", map[string]string{"Origin": "https://evil.example"}, 403,
			"Forbidden: cross-origin request detected, and/or browser is out of date: Sec-Fetch-Site is missing, and Origin does not match Host"},
		{"an old browser's same-origin POST", "POST", "/form", map[string]string{"Origin": "http://example.com"}, 200, "ok:"},
		{"a non-browser POST", "POST", "/form", nil, 200, "ok:"},
		{"a cross-site GET", "GET", "/form", map[string]string{"Sec-Fetch-Site": "cross-site"}, 200, "ok:"},
		{"a trusted origin", "DELETE", "/form", map[string]string{"Sec-Fetch-Site": "same-site", "Origin": "https://admin.example.com"}, 200, "ok:"},
		{"a bypassed pattern", "POST", "/hooks/github", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://github.com"}, 200, "ok:"},
		{"the bypass is per method", "PUT", "/hooks/github", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://github.com"}, 403,
			"Forbidden: cross-origin request detected from Sec-Fetch-Site header"},
	}
	for _, tt := range tests {
		for _, inApp := range []bool{false, true} {
			t.Run(tt.name+map[bool]string{false: " (net/http)", true: " (App)"}[inApp], func(t *testing.T) {
				var h http.Handler = middleware.CSRF(opts)(echoBody)
				if inApp {
					app := expresso.New(expresso.Config{Env: "production"})
					app.Use(middleware.CSRF(opts))
					app.Use(echoBody)
					h = app
				}
				r := httptest.NewRequest(tt.method, "http://example.com"+tt.target, nil)
				for k, v := range tt.header {
					r.Header.Set(k, v)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, r)
				assert.Equal(t, tt.wantStatus, rec.Code)
				assert.Equal(t, tt.wantBody, rec.Body.String())
				if tt.wantStatus == 403 {
					assert.Equal(t, "text/plain; charset=utf-8", rec.Header().Get("Content-Type"))
					assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"))
				}
			})
		}
	}
}

// csrfSession gets a secret cookie and a token from a GET through h.
func csrfSession(t *testing.T, h http.Handler) (*http.Cookie, string) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/token", nil))
	require.Equal(t, 200, rec.Code)
	cookies := rec.Result().Cookies()
	require.Len(t, cookies, 1)
	c := cookies[0]
	assert.Equal(t, "_csrf", c.Name)
	assert.True(t, c.HttpOnly)
	assert.Equal(t, http.SameSiteLaxMode, c.SameSite)
	assert.Equal(t, "/", c.Path)
	assert.Len(t, rec.Body.String(), 86)
	return c, rec.Body.String()
}

func multipartBody(t *testing.T, fields ...string) (string, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(fields); i += 2 {
		if fields[i] == "file" {
			fw, err := mw.CreateFormFile("file", "a.txt")
			require.NoError(t, err)
			_, _ = fw.Write([]byte(fields[i+1]))
			continue
		}
		require.NoError(t, mw.WriteField(fields[i], fields[i+1]))
	}
	require.NoError(t, mw.Close())
	return buf.String(), mw.FormDataContentType()
}

func TestCSRFTokenMode(t *testing.T) {
	for _, inApp := range []bool{false, true} {
		t.Run(map[bool]string{false: "net/http", true: "App"}[inApp], func(t *testing.T) {
			var h http.Handler
			if inApp {
				app := expresso.New(expresso.Config{Env: "production"})
				app.Use(middleware.CSRF(middleware.CSRFOptions{Token: true}))
				app.Get("/token", func(c *expresso.Context) error { return c.SendString(middleware.CSRFToken(c.Request().Context())) })
				app.Post("/form", func(c *expresso.Context) error {
					b, err := c.Body()
					if err != nil {
						return err
					}
					return c.SendString("ok:" + string(b))
				})
				h = app
			} else {
				mux := http.NewServeMux()
				mux.HandleFunc("GET /token", func(w http.ResponseWriter, r *http.Request) {
					_, _ = io.WriteString(w, middleware.CSRFToken(r.Context()))
				})
				mux.Handle("POST /form", echoBody)
				h = middleware.CSRF(middleware.CSRFOptions{Token: true})(mux)
			}
			cookie, tok := csrfSession(t, h)
			otherCookie, otherTok := csrfSession(t, h)
			assert.NotEqual(t, cookie.Value, otherCookie.Value)
			form := url.Values{"_csrf": {tok}, "name": {"ann"}}.Encode()
			multi, multiType := multipartBody(t, "_csrf", tok, "name", "ann", "file", "data")
			late, lateType := multipartBody(t, "file", "data", "_csrf", tok)
			tampered := tok[:40] + map[bool]string{true: "B", false: "A"}[tok[40] == 'A'] + tok[41:]
			nonCanonical := tok[:85] + string(tok[85]+1) // the last character's unused bits set
			tests := []struct {
				name        string
				cookie      *http.Cookie
				header      string
				contentType string
				body        string
				wantStatus  int
				wantBody    string
			}{
				{"a token in the header", cookie, tok, "text/plain", "payload", 200, "ok:payload"},
				{"a token in a URL-encoded form, body kept", cookie, "", "application/x-www-form-urlencoded", form, 200, "ok:" + form},
				{"a token in a multipart form, body kept", cookie, "", multiType, multi, 200, "ok:" + multi},
				{"a second token of the same secret", cookie, csrfTokenAgain(t, h, cookie), "text/plain", "x", 200, "ok:x"},
				{"no token", cookie, "", "text/plain", "x", 403, "Forbidden: invalid CSRF token"},
				{"a form without the field", cookie, "", "application/x-www-form-urlencoded", "name=ann", 403, "Forbidden: invalid CSRF token"},
				{"a token after the first file", cookie, "", lateType, late, 403, "Forbidden: invalid CSRF token"},
				{"another client's token", cookie, otherTok, "text/plain", "x", 403, "Forbidden: invalid CSRF token"},
				{"a tampered token", cookie, tampered, "text/plain", "x", 403, "Forbidden: invalid CSRF token"},
				{"a token in a non-canonical encoding", cookie, nonCanonical, "text/plain", "x", 403, "Forbidden: invalid CSRF token"},
				{"a token without its cookie", nil, tok, "text/plain", "x", 403, "Forbidden: invalid CSRF token"},
				{"a forged cookie and a token of it", &http.Cookie{Name: "_csrf", Value: "short"}, tok, "text/plain", "x", 403, "Forbidden: invalid CSRF token"},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					r := httptest.NewRequest("POST", "/form", strings.NewReader(tt.body))
					r.Header.Set("Content-Type", tt.contentType)
					if tt.cookie != nil {
						r.AddCookie(tt.cookie)
					}
					if tt.header != "" {
						r.Header.Set("X-CSRF-Token", tt.header)
					}
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, r)
					assert.Equal(t, tt.wantStatus, rec.Code)
					assert.Equal(t, tt.wantBody, rec.Body.String())
				})
			}
		})
	}
}

// csrfTokenAgain gets another token for the cookie's secret.
func csrfTokenAgain(t *testing.T, h http.Handler, cookie *http.Cookie) string {
	r := httptest.NewRequest("GET", "/token", nil)
	r.AddCookie(cookie)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	require.Equal(t, 200, rec.Code)
	assert.Empty(t, rec.Result().Cookies(), "a valid cookie is kept")
	return rec.Body.String()
}

func TestCSRFTokenWithoutTokenMode(t *testing.T) {
	var got string
	h := middleware.CSRF(middleware.CSRFOptions{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = middleware.CSRFToken(r.Context())
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	assert.Equal(t, 200, rec.Code)
	assert.Equal(t, "", got)
	assert.Empty(t, rec.Result().Cookies())
}

func TestCSRFSetupPanics(t *testing.T) {
	tests := []struct {
		name string
		opts middleware.CSRFOptions
		want string
	}{
		{"an origin with a path", middleware.CSRFOptions{TrustedOrigins: []string{"https://a.com/x"}},
			`middleware: CSRFOptions.TrustedOrigins: invalid origin "https://a.com/x": path, query, and fragment are not allowed`},
		{"an invalid pattern", middleware.CSRFOptions{InsecureBypassPatterns: []string{"POST /a/{"}},
			`middleware: CSRFOptions.InsecureBypassPatterns: "POST /a/{": invalid pattern`},
		{"an invalid cookie name", middleware.CSRFOptions{CookieName: "a b"}, `middleware: CSRFOptions.CookieName: invalid cookie name "a b"`},
		{"an invalid header name", middleware.CSRFOptions{HeaderName: "X:Y"}, `middleware: CSRFOptions.HeaderName: invalid header name "X:Y"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.PanicsWithValue(t, tt.want, func() { middleware.CSRF(tt.opts) })
		})
	}
}
