package middleware_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

func TestKeyAuth(t *testing.T) {
	validate := func(r *http.Request, key string) (bool, error) {
		if key == "explode" {
			return false, errors.New("db down")
		}
		return middleware.StaticKeys("k-123", "k-456")(r, key)
	}
	ok := rtResp{200, http.Header{"Content-Type": {"text/plain; charset=utf-8"}}, "in"}
	denied := rtResp{401, http.Header{"Content-Type": {"text/plain; charset=utf-8"},
		"X-Content-Type-Options": {"nosniff"}}, "Unauthorized\n"}
	bearerDenied := rtResp{401, http.Header{"Content-Type": {"text/plain; charset=utf-8"},
		"X-Content-Type-Options": {"nosniff"}, "Www-Authenticate": {`Bearer realm="api"`}}, "Unauthorized\n"}
	failed := rtResp{500, http.Header{"Content-Type": {"text/plain; charset=utf-8"},
		"X-Content-Type-Options": {"nosniff"}}, "Internal Server Error\n"}
	all := middleware.KeyAuthOptions{Lookup: "header:Authorization:Bearer ,query:api_key,cookie:key",
		Validator: validate, Realm: "api"}
	tests := []struct {
		name   string
		opts   middleware.KeyAuthOptions
		req    *http.Request
		expect rtResp
	}{
		{"X-API-Key by default", middleware.KeyAuthOptions{Validator: validate},
			rtReq("GET", "/", "X-API-Key", "k-123"), ok},
		{"a second valid key", middleware.KeyAuthOptions{Validator: validate},
			rtReq("GET", "/", "X-API-Key", "k-456"), ok},
		{"missing key", middleware.KeyAuthOptions{Validator: validate}, rtReq("GET", "/"), denied},
		{"wrong key", middleware.KeyAuthOptions{Validator: validate}, rtReq("GET", "/", "X-API-Key", "k-12"), denied},
		{"two header values are refused", middleware.KeyAuthOptions{Validator: validate},
			rtReq("GET", "/", "X-API-Key", "k-123", "X-API-Key", "k-123"), denied},
		{"an oversized key never reaches the validator", middleware.KeyAuthOptions{Validator: validate},
			rtReq("GET", "/", "X-API-Key", strings.Repeat("k", 5000)), denied},
		{"bearer scheme, any case", all, rtReq("GET", "/", "Authorization", "bearer k-123"), ok},
		{"query parameter", all, rtReq("GET", "/?api_key=k-456"), ok},
		{"cookie", all, rtReq("GET", "/", "Cookie", "key=k-123"), ok},
		{"another scheme falls through to the next source", all,
			rtReq("GET", "/?api_key=k-456", "Authorization", "Basic k-123"), ok},
		{"no source has a key: challenge with the scheme", all, rtReq("GET", "/"), bearerDenied},
		{"a wrong bearer key is not rescued by a later source", all,
			rtReq("GET", "/?api_key=k-456", "Authorization", "Bearer nope"), bearerDenied},
		{"an empty bearer key is refused", all, rtReq("GET", "/", "Authorization", "Bearer "), bearerDenied},
		{"a validator error is a 500, not a 401", all, rtReq("GET", "/?api_key=explode"), failed},
		{"a custom error handler", middleware.KeyAuthOptions{Validator: validate,
			ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
				http.Error(w, "try later: "+err.Error(), http.StatusServiceUnavailable)
			}}, rtReq("GET", "/", "X-API-Key", "explode"),
			rtResp{503, http.Header{"Content-Type": {"text/plain; charset=utf-8"},
				"X-Content-Type-Options": {"nosniff"}}, "try later: db down\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := middleware.KeyAuth(tt.opts)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = w.Write([]byte("in"))
			}))
			assert.Equal(t, tt.expect, rtDo(t, h, tt.req))
		})
	}
}

func TestKeyAuthLogsValidatorErrors(t *testing.T) {
	var buf bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}})))
	defer slog.SetDefault(prev)
	h := middleware.KeyAuth(middleware.KeyAuthOptions{Validator: func(*http.Request, string) (bool, error) {
		return false, errors.New("db down")
	}})(http.NotFoundHandler())
	assert.Equal(t, 500, rtDo(t, h, rtReq("GET", "/x", "X-API-Key", "k")).Status)
	assert.Equal(t, "level=ERROR msg=\"middleware: KeyAuth validator failed\" err=\"db down\" method=GET path=/x\n", buf.String())
}

func TestKeyAuthRejectsBadOptions(t *testing.T) {
	v := middleware.StaticKeys("k")
	tests := []struct {
		name, expect string
		build        func()
	}{
		{"no validator", "middleware: KeyAuthOptions.Validator is required",
			func() { middleware.KeyAuth(middleware.KeyAuthOptions{}) }},
		{"unknown source", `middleware: KeyAuthOptions.Lookup: unknown source "form"; want header, query or cookie`,
			func() { middleware.KeyAuth(middleware.KeyAuthOptions{Lookup: "form:key", Validator: v}) }},
		{"no name", `middleware: KeyAuthOptions.Lookup: "header" is not source:name`,
			func() { middleware.KeyAuth(middleware.KeyAuthOptions{Lookup: "header", Validator: v}) }},
		{"prefix on a query", `middleware: KeyAuthOptions.Lookup: only a header source takes a scheme prefix: "query:k:Bearer "`,
			func() { middleware.KeyAuth(middleware.KeyAuthOptions{Lookup: "query:k:Bearer ", Validator: v}) }},
		{"bad realm", "middleware: KeyAuthOptions.Realm may not contain a quote, a backslash or a control character",
			func() { middleware.KeyAuth(middleware.KeyAuthOptions{Validator: v, Realm: "a\nb"}) }},
		{"no static keys", "middleware: StaticKeys needs at least one key", func() { middleware.StaticKeys() }},
		{"empty static key", "middleware: StaticKeys: empty key", func() { middleware.StaticKeys("a", "") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.PanicsWithValue(t, tt.expect, tt.build) })
	}
}

func ExampleKeyAuth() {
	app := expresso.New()
	app.Use("/api", middleware.KeyAuth(middleware.KeyAuthOptions{
		Lookup:    "header:Authorization:Bearer ,query:api_key",
		Validator: middleware.StaticKeys("k-123"),
	}))
	app.Get("/api/things", func(c *expresso.Context) error { return c.JSON([]string{"a", "b"}) })

	fmt.Println(app.Test(rtReq("GET", "/api/things")).StatusCode)
	fmt.Println(app.Test(rtReq("GET", "/api/things", "Authorization", "Bearer k-123")).StatusCode)
	// Output:
	// 401
	// 200
}
