package middleware_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

// proxyBackend answers with what it received.
func proxyBackend(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/slow" {
			time.Sleep(200 * time.Millisecond)
		}
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Backend", "yes")
		w.Header().Set("Connection", "X-Hop")
		w.Header().Set("X-Hop", "leak")
		w.WriteHeader(http.StatusCreated)
		_, _ = fmt.Fprintf(w, "%s %s host=%s xff=%s xfh=%s xfp=%s hop=%q body=%s", r.Method, r.URL.RequestURI(), r.Host,
			r.Header.Get("X-Forwarded-For"), r.Header.Get("X-Forwarded-Host"), r.Header.Get("X-Forwarded-Proto"),
			r.Header.Get("X-Internal"), body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestProxy(t *testing.T) {
	backend := proxyBackend(t)
	backendHost := strings.TrimPrefix(backend.URL, "http://")
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	app := expresso.New()
	app.Use("/api", middleware.Proxy(backend.URL+"/v1"))
	app.Use("/origin", middleware.Proxy(backend.URL+"/v1", middleware.ProxyOptions{ChangeOrigin: true}))
	app.Use("/chain", middleware.Proxy(backend.URL+"/v1", middleware.ProxyOptions{AppendForwardedFor: true}))
	app.Use("/dead", middleware.Proxy(dead.URL))
	app.Use("/slow", middleware.Proxy(backend.URL+"/v1",
		middleware.ProxyOptions{Transport: &http.Transport{ResponseHeaderTimeout: 50 * time.Millisecond}}))
	app.Use("/refuse", middleware.Proxy(backend.URL, middleware.ProxyOptions{
		ModifyResponse: func(*http.Response) error { return errors.New("refused") }}))
	app.Get("/local", func(c *expresso.Context) error { return c.SendString("local") })
	front := httptest.NewServer(app)
	defer front.Close()
	frontHost := strings.TrimPrefix(front.URL, "http://")

	passed := func(body string) rtResp {
		return rtResp{201, http.Header{"X-Backend": {"yes"}, "Content-Type": {"text/plain; charset=utf-8"},
			"Content-Length": {fmt.Sprint(len(body))}}, body}
	}
	failed := func(code int, text string) rtResp {
		return rtResp{code, http.Header{"Content-Type": {"text/plain; charset=utf-8"},
			"X-Content-Type-Options": {"nosniff"}, "Content-Length": {fmt.Sprint(len(text) + 1)}}, text + "\n"}
	}
	tests := []struct {
		name    string
		method  string
		path    string
		headers []string
		body    string
		expect  rtResp
	}{
		{"strips the mount prefix and keeps the query", "GET", "/api/users/7?x=1&y=%20", nil, "",
			passed("GET /v1/users/7?x=1&y=%20 host=" + frontHost + " xff=127.0.0.1 xfh=" + frontHost + " xfp=http hop=\"\" body=")},
		{"the mount point itself", "GET", "/api", nil, "",
			passed("GET /v1/ host=" + frontHost + " xff=127.0.0.1 xfh=" + frontHost + " xfp=http hop=\"\" body=")},
		{"replaces a forged X-Forwarded-For", "GET", "/api/a", []string{"X-Forwarded-For", "203.0.113.9"}, "",
			passed("GET /v1/a host=" + frontHost + " xff=127.0.0.1 xfh=" + frontHost + " xfp=http hop=\"\" body=")},
		{"AppendForwardedFor appends to it", "GET", "/chain/a", []string{"X-Forwarded-For", "203.0.113.9"}, "",
			passed("GET /v1/a host=" + frontHost + " xff=203.0.113.9, 127.0.0.1 xfh=" + frontHost + " xfp=http hop=\"\" body=")},
		{"drops headers the client marks hop-by-hop", "POST", "/api/form",
			[]string{"Connection", "X-Internal", "X-Internal", "secret"}, "a=1",
			passed("POST /v1/form host=" + frontHost + " xff=127.0.0.1 xfh=" + frontHost + " xfp=http hop=\"\" body=a=1")},
		{"ChangeOrigin sends the target's host", "GET", "/origin/b", nil, "",
			passed("GET /v1/b host=" + backendHost + " xff=127.0.0.1 xfh=" + frontHost + " xfp=http hop=\"\" body=")},
		{"an unreachable upstream is a 502", "GET", "/dead/x", nil, "", failed(502, "Bad Gateway")},
		{"an upstream timeout is a 504", "GET", "/slow/slow", nil, "", failed(504, "Gateway Timeout")},
		{"a ModifyResponse error is a 502", "GET", "/refuse/x", nil, "", failed(502, "Bad Gateway")},
		{"other paths are not proxied", "GET", "/local", nil, "", rtResp{200, http.Header{
			"Content-Type": {"text/html; charset=utf-8"}, "Content-Length": {"5"}, "Etag": {etagFor("local")}}, "local"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, front.URL+tt.path, strings.NewReader(tt.body))
			require.NoError(t, err)
			for i := 0; i+1 < len(tt.headers); i += 2 {
				req.Header.Add(tt.headers[i], tt.headers[i+1])
			}
			res, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer res.Body.Close()
			body, err := io.ReadAll(res.Body)
			require.NoError(t, err)
			h := res.Header.Clone()
			h.Del("Date")
			assert.Equal(t, tt.expect, rtResp{res.StatusCode, h, string(body)})
		})
	}
}

func TestProxyRejectsBadTargets(t *testing.T) {
	for target, msg := range map[string]string{
		"/relative":         `middleware: Proxy: target "/relative" must be an absolute http or https URL`,
		"ftp://example.com": `middleware: Proxy: target "ftp://example.com" must be an absolute http or https URL`,
		"http://":           `middleware: Proxy: target "http://" must be an absolute http or https URL`,
		"http://a b":        `middleware: Proxy: target "http://a b" is not a URL: parse "http://a b": invalid character " " in host name`,
	} {
		assert.PanicsWithValue(t, msg, func() { middleware.Proxy(target) }, target)
	}
}

func ExampleProxy() {
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = fmt.Fprint(w, "backend saw ", r.URL.Path)
	}))
	defer backend.Close()

	app := expresso.New()
	app.Use("/api", middleware.Proxy(backend.URL))
	res := app.Test(httptest.NewRequest("GET", "/api/users", nil))
	body, _ := io.ReadAll(res.Body)
	fmt.Println(res.StatusCode, string(body))
	// Output: 200 backend saw /users
}
