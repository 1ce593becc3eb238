package middleware_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

var stMtime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

const (
	stLM   = "Sat, 01 Jan 2000 00:00:00 GMT"
	stText = "text/plain; charset=utf-8"
	stHTML = "text/html; charset=utf-8"
)

// stFiles are the fixture files, after serve-static's test fixtures.
var stFiles = map[string]string{
	"name.txt":           "tobi",
	"nums.txt":           "123456789",
	".name":              "tobi",
	"todo.txt":           "- groceries",
	"a+b.txt":            "plus",
	"a\\b.txt":           "backslash",
	"page.html":          "<p>page</p>",
	"users/index.html":   "<p>users</p>",
	"users/tobi.txt":     "ferret",
	"emptydir/.keep":     "",
	"a<b/index.html":     "lt",
	"snow ☃/index.html":  "snow",
	".hidden/inside.txt": "secret",
	"sub/.well-known/x":  "wk",
	"precomp/app.css":    "body{}",
	"precomp/app.css.br": "BR",
	"precomp/app.css.gz": "GZ",
	"precomp/only.js":    "js",
	"precomp/only.js.gz": "GZJS",
	"precomp/noext":      "plain",
	"precomp/noext.br":   "BRNOEXT",
}

// stFixtures writes stFiles into a new directory, with a symbolic link
// "escape.txt" to a file beside it and a link loop "loop".
func stFixtures(t testing.TB) string {
	t.Helper()
	base := t.TempDir()
	root := filepath.Join(base, "root")
	for name, body := range stFiles {
		p := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		require.NoError(t, os.Chtimes(p, stMtime, stMtime))
	}
	require.NoError(t, os.WriteFile(filepath.Join(base, "outside.txt"), []byte("outside"), 0o644))
	require.NoError(t, os.Symlink("../outside.txt", filepath.Join(root, "escape.txt")))
	require.NoError(t, os.Symlink("loop", filepath.Join(root, "loop")))
	return root
}

// stTag is send's ETag for a fixture of size bytes.
func stTag(size int) string {
	return `W/"` + strconv.FormatInt(int64(size), 16) + "-" + strconv.FormatInt(stMtime.UnixMilli(), 16) + `"`
}

// stFile is the header set of a whole fixture file with the defaults.
func stFile(ctype string, size int) map[string]string {
	return map[string]string{
		"Accept-Ranges":  "bytes",
		"Cache-Control":  "public, max-age=0",
		"Last-Modified":  stLM,
		"Etag":           stTag(size),
		"Content-Type":   ctype,
		"Content-Length": strconv.Itoa(size),
	}
}

// stError is the header set of the default error page in text.
func stError(msg string, extra ...string) map[string]string {
	m := map[string]string{
		"Content-Type":            stText,
		"Content-Length":          strconv.Itoa(len(msg)),
		"Content-Security-Policy": "default-src 'none'",
		"X-Content-Type-Options":  "nosniff",
	}
	return stWith(m, extra...)
}

// stRedirect is serve-static's redirect to location: headers and body.
func stRedirect(location string) (map[string]string, string) {
	body := "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Redirecting</title>\n</head>\n<body>\n<pre>Redirecting to " +
		location + "</pre>\n</body>\n</html>\n"
	return map[string]string{
		"Content-Type":            "text/html; charset=UTF-8",
		"Content-Length":          strconv.Itoa(len(body)),
		"Content-Security-Policy": "default-src 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Location":                location,
	}, body
}

// stNext is what the handler after the middleware answers.
var stNext = map[string]string{"Content-Type": stHTML, "Content-Length": "4", "Etag": `W/"4-7e6UAtGYsErHfc9dycw9rERXN4I"`}

// stWith returns m with pairs of kv set (an empty value deletes).
func stWith(m map[string]string, kv ...string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			delete(out, kv[i])
		} else {
			out[kv[i]] = kv[i+1]
		}
	}
	return out
}

// stApp mounts mw at prefix ("" for the top level) with a handler after it
// that answers "next".
func stApp(prefix string, mw expresso.Handler, cfg ...expresso.Config) *expresso.App {
	app := expresso.New(cfg...)
	if prefix == "" {
		app.Use(mw)
	} else {
		app.Use(prefix, mw)
	}
	app.Use(func(c *expresso.Context) error { return c.SendString("next") })
	return app
}

type stCase struct {
	name    string
	method  string
	target  string
	header  http.Header
	status  int
	headers map[string]string // every response header but Date
	body    string
}

func stRun(t *testing.T, app *expresso.App, cases []stCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			method := tc.method
			if method == "" {
				method = http.MethodGet
			}
			r := httptest.NewRequest(method, tc.target, nil)
			r.Header.Set("Accept", "text/plain")
			for k, vs := range tc.header {
				r.Header[k] = vs
			}
			res := app.Test(r)
			body, err := io.ReadAll(res.Body)
			require.NoError(t, err)
			assert.Equal(t, tc.status, res.StatusCode)
			got := map[string]string{}
			for k, vs := range res.Header {
				if k != "Date" {
					require.Len(t, vs, 1, k)
					got[k] = vs[0]
				}
			}
			assert.Equal(t, tc.headers, got)
			assert.Equal(t, tc.body, string(body))
		})
	}
}
