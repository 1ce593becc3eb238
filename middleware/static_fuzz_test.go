package middleware_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

// FuzzStaticPath checks that no request path makes Static serve anything
// outside its root, whatever the escapes, dots and separators: the file
// beside the root never comes back, and dotfiles stay hidden.
func FuzzStaticPath(f *testing.F) {
	for _, s := range []string{"/name.txt", "/../outside.txt", "/%2e%2e/outside.txt", "/escape.txt", "/users%2F..%2F..%2Foutside.txt",
		"/..%5Coutside.txt", "/.name", "/.hidden/inside.txt", "/users/", "/%00", "/%FF", "//users", "/users/../../outside.txt"} {
		f.Add(s)
	}
	root := stFixtures(f)
	app := stApp("", middleware.Static(root, middleware.StaticOptions{DisableFallthrough: true, Precompressed: true}),
		expresso.Config{Env: "production", Logger: slog.New(slog.DiscardHandler)})
	f.Fuzz(func(t *testing.T, p string) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		u, err := url.ParseRequestURI(p)
		if err != nil || strings.ContainsAny(p, " \r\n\t#") {
			return // net/http would not hand it to a handler
		}
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.URL, r.RequestURI = u, p
		r.Header.Set("Accept-Encoding", "br, gzip")
		res := app.Test(r)
		body, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		switch res.StatusCode {
		case 200, 206, 301, 400, 403, 404:
		default:
			t.Fatalf("status %d for %q", res.StatusCode, p)
		}
		require.NotEqual(t, "outside", string(body), "a file outside the root was served for %q", p)
		require.NotEqual(t, "secret", string(body), "a dotfile was served for %q", p)
	})
}
