package middleware_test

import (
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

// writeIcon writes a small icon file and returns its path.
func writeIcon(t testing.TB, data []byte) string {
	p := filepath.Join(t.TempDir(), "favicon.ico")
	require.NoError(t, os.WriteFile(p, data, 0o600))
	return p
}

func TestFavicon(t *testing.T) {
	icon := []byte("\x00\x00\x01\x00icon bytes")
	sum := sha1.Sum(icon)
	tag := fmt.Sprintf(`"%x-%s"`, len(icon), base64.StdEncoding.EncodeToString(sum[:])[:27])
	path := writeIcon(t, icon)
	app := expresso.New()
	app.Use(middleware.Favicon(path))
	app.Use("/sub", middleware.Favicon(path, middleware.FaviconOptions{MaxAge: 90 * time.Second}))
	app.Get("/*rest", func(c *expresso.Context) error { return c.SendString("next") })
	served := func(maxAge string) http.Header {
		return http.Header{"Cache-Control": {"public, max-age=" + maxAge}, "Etag": {tag},
			"Content-Type": {"image/x-icon"}, "Content-Length": {fmt.Sprint(len(icon))}}
	}
	allow := http.Header{"Allow": {"GET, HEAD, OPTIONS"}, "Content-Length": {"0"}}
	next := rtResp{200, http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Content-Length": {"4"},
		"Etag": {etagFor("next")}}, "next"}
	tests := []struct {
		name   string
		req    *http.Request
		expect rtResp
	}{
		{"GET serves the icon", rtReq("GET", "/favicon.ico"), rtResp{200, served("31536000"), string(icon)}},
		{"HEAD serves the headers", rtReq("HEAD", "/favicon.ico"), rtResp{200, served("31536000"), ""}},
		{"a matching If-None-Match is a 304", rtReq("GET", "/favicon.ico", "If-None-Match", tag),
			rtResp{304, http.Header{"Cache-Control": {"public, max-age=31536000"}, "Etag": {tag}}, ""}},
		{"a weak match counts", rtReq("GET", "/favicon.ico", "If-None-Match", `"x", W/`+tag),
			rtResp{304, http.Header{"Cache-Control": {"public, max-age=31536000"}, "Etag": {tag}}, ""}},
		{"no-cache forces the body", rtReq("GET", "/favicon.ico", "If-None-Match", tag, "Cache-Control", "no-cache"),
			rtResp{200, served("31536000"), string(icon)}},
		{"OPTIONS is a 200 with Allow", rtReq("OPTIONS", "/favicon.ico"), rtResp{200, allow, ""}},
		{"POST is a 405 with Allow", rtReq("POST", "/favicon.ico"), rtResp{405, allow, ""}},
		{"other paths pass", rtReq("GET", "/favicon.icon"), next},
		{"a trailing slash passes", rtReq("GET", "/favicon.ico/"), next},
		{"a query string still serves", rtReq("GET", "/favicon.ico?v=2"), rtResp{200, served("31536000"), string(icon)}},
		{"mounted under a prefix with its own max-age", rtReq("GET", "/sub/favicon.ico"), rtResp{200, served("90"), string(icon)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.expect, rtDo(t, app, tt.req))
		})
	}
}

func TestFaviconRejectsBadOptions(t *testing.T) {
	path := writeIcon(t, []byte("x"))
	assert.PanicsWithValue(t, "middleware: FaviconOptions.MaxAge must not be negative", func() {
		middleware.Favicon(path, middleware.FaviconOptions{MaxAge: -time.Second})
	})
	assert.PanicsWithValue(t, "middleware: Favicon: open /nonexistent/favicon.ico: no such file or directory", func() {
		middleware.Favicon("/nonexistent/favicon.ico")
	})
	empty := writeIcon(t, nil)
	assert.PanicsWithValue(t, "middleware: Favicon: "+empty+" is empty", func() { middleware.Favicon(empty) })
}

func ExampleFavicon() {
	dir, _ := os.MkdirTemp("", "favicon")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "favicon.ico")
	_ = os.WriteFile(path, []byte("\x00\x00\x01\x00"), 0o600)

	app := expresso.New()
	app.Use(middleware.Favicon(path))
	res := app.Test(rtReq("GET", "/favicon.ico"))
	fmt.Println(res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"))
	// Output: 200 image/x-icon public, max-age=31536000
}
