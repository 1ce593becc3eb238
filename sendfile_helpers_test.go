package expresso_test

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

// sfMtime is the modification time of every fixture file.
var sfMtime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

const sfLM = "Sat, 01 Jan 2000 00:00:00 GMT"

// sfTag is send's ETag for a fixture file of size bytes.
func sfTag(size int) string {
	return `W/"` + strconv.FormatInt(int64(size), 16) + "-" + strconv.FormatInt(sfMtime.UnixMilli(), 16) + `"`
}

// sfFixtures writes Express's test fixtures (and a few more) into a new
// directory and returns it. outside is a file beside it, reached by the
// symbolic link "escape.txt".
func sfFixtures(t testing.TB) (root, outside string) {
	t.Helper()
	base := t.TempDir()
	root = filepath.Join(base, "root")
	files := map[string]string{
		"name.txt":            "tobi",
		"nums.txt":            "123456789",
		"user.html":           "<p>{{user.name}}</p>",
		".name":               "tobi",
		"% of dogs.txt":       "20%",
		"a%2Fb.txt":           "literal",
		"empty.txt":           "",
		"README":              "readme",
		"page.html":           "<p>page</p>",
		"blog/index.html":     "<h1>blog</h1>",
		"blog/post.txt":       "post",
		"users/tobi.txt":      "ferret",
		"users/index.html":    "<p>users</p>",
		"a\\b.txt":            "backslash",
		".hidden/inside.txt":  "secret",
		"dir.d/x.txt":         "x",
		"emptydir/.keep":      "",
		"snow ☃/tree.txt":     "snow",
		"日本語.txt":             "nihongo",
		"todo.txt":            "- groceries",
		"sub/.well-known/x":   "wk",
		"precomp/app.css":     "body{}",
		"precomp/app.css.gz":  "GZ",
		"precomp/app.css.br":  "BR",
		"precomp/only.js":     "js",
		"precomp/only.js.gz":  "GZJS",
		"precomp/noext":       "plain",
		"precomp/noext.br":    "BRNOEXT",
		"ext/page.html":       "<p>ext page</p>",
		"ext/dironly.html/xx": "dir",
	}
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		require.NoError(t, os.Chtimes(p, sfMtime, sfMtime))
	}
	outside = filepath.Join(base, "outside.txt")
	require.NoError(t, os.WriteFile(outside, []byte("outside"), 0o644))
	require.NoError(t, os.Chtimes(outside, sfMtime, sfMtime))
	require.NoError(t, os.Symlink("../outside.txt", filepath.Join(root, "escape.txt")))
	require.NoError(t, os.Symlink(outside, filepath.Join(root, "escape-abs.txt")))
	require.NoError(t, os.Symlink("name.txt", filepath.Join(root, "link.txt")))
	require.NoError(t, os.Symlink("loop2", filepath.Join(root, "loop1")))
	require.NoError(t, os.Symlink("loop1", filepath.Join(root, "loop2")))
	return root, outside
}

// sfCase is one request and the exact response expected.
type sfCase struct {
	name    string
	method  string
	target  string // request target; "/" when empty
	path    string // the path handed to SendFile (X-Path header)
	header  http.Header
	status  int
	headers map[string]string // every response header but Date
	body    string
}

// sfRun runs the cases against handler-built apps: each request carries
// Accept: text/plain so that error pages are the bare message.
func sfRun(t *testing.T, app *expresso.App, cases []sfCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			method, target := tc.method, tc.target
			if method == "" {
				method = http.MethodGet
			}
			if target == "" {
				target = "/"
			}
			r := httptest.NewRequest(method, target, nil)
			r.Header.Set("Accept", "text/plain")
			if tc.path != "" {
				r.Header.Set("X-Path", tc.path)
			}
			for k, vs := range tc.header {
				r.Header[k] = vs
			}
			res := app.Test(r)
			body, err := io.ReadAll(res.Body)
			require.NoError(t, err)
			assert.Equal(t, tc.status, res.StatusCode)
			assert.Equal(t, tc.headers, sfHeaders(res.Header))
			assert.Equal(t, tc.body, string(body))
		})
	}
}

// sfHeaders flattens h, without Date.
func sfHeaders(h http.Header) map[string]string {
	m := make(map[string]string, len(h))
	for k, vs := range h {
		if k == "Date" {
			continue
		}
		v := vs[0]
		for _, x := range vs[1:] {
			v += "\n" + x
		}
		m[k] = v
	}
	return m
}

// sfFile is the header set of a whole file sent with the defaults.
func sfFile(ctype string, size int) map[string]string {
	return map[string]string{
		"Accept-Ranges":  "bytes",
		"Cache-Control":  "public, max-age=0",
		"Last-Modified":  sfLM,
		"Etag":           sfTag(size),
		"Content-Type":   ctype,
		"Content-Length": strconv.Itoa(size),
	}
}

// sfError is the header set of the default error page in text, plus the
// extra headers.
func sfError(msg string, extra map[string]string) map[string]string {
	m := map[string]string{
		"Content-Type":            "text/plain; charset=utf-8",
		"Content-Length":          strconv.Itoa(len(msg)),
		"Content-Security-Policy": "default-src 'none'",
		"X-Content-Type-Options":  "nosniff",
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// with returns m with the changes in kv (pairs; an empty value deletes).
func with(m map[string]string, kv ...string) map[string]string {
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

// sfSendApp answers every GET with SendFile of the X-Path header.
func sfSendApp(opts expresso.SendFileOptions, cfg ...expresso.Config) *expresso.App {
	app := expresso.New(cfg...)
	app.All("/*any", func(c *expresso.Context) error {
		return c.SendFile(c.Get("X-Path"), opts)
	})
	app.All("/", func(c *expresso.Context) error {
		return c.SendFile(c.Get("X-Path"), opts)
	})
	return app
}
