package middleware_test

import (
	"bytes"
	"compress/gzip"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

const composeSecret = "compose-test-secret-of-at-least-32-bytes"

// composeCSS is the static file: over Compress's 1 KiB threshold.
var composeCSS = strings.Repeat("body { margin: 0 auto; max-width: 40rem; }\n", 40)

// composeMtime is the static file's modification time.
var composeMtime = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// composeApp is one App with Logger, Recover, RequestID, Compress, Static,
// Session and routes, logging to logged; the errors its error handler saw
// are appended to seen.
func composeApp(t *testing.T, logged *bytes.Buffer, seen *[]error) *expresso.App {
	t.Helper()
	dir := t.TempDir()
	css := filepath.Join(dir, "app.css")
	require.NoError(t, os.WriteFile(css, []byte(composeCSS), 0o644))
	require.NoError(t, os.Chtimes(css, composeMtime, composeMtime))

	quiet := slog.New(slog.DiscardHandler)
	app := expresso.New(expresso.Config{Env: "production", Logger: quiet})
	app.Use(middleware.RequestID())
	app.Use(middleware.Logger(middleware.LoggerOptions{
		Format: ":id :method :url :status :bytes :res[content-encoding]", Output: logged}))
	app.Use(middleware.Recover(middleware.RecoverOptions{Logger: quiet}))
	app.Use(middleware.Compress(middleware.CompressOptions{}))
	app.Use("/static", middleware.Static(dir))
	app.Use(middleware.Session(middleware.SessionOptions{Secret: composeSecret}))
	app.Get("/visits", func(c *expresso.Context) error {
		s := middleware.SessionFrom(c)
		n, _ := middleware.SessionValue[int](s, "visits")
		s.Set("visits", n+1)
		return c.JSON(map[string]any{"visits": n + 1, "note": strings.Repeat("n", 1100)})
	})
	app.Get("/boom", func(c *expresso.Context) error { panic("boom") })
	app.OnError(func(c *expresso.Context, err error) error {
		*seen = append(*seen, err)
		return err // on to the default error handler
	})
	return app
}

// composeResp is what the client got, the body decompressed.
type composeResp struct {
	status     int
	header     http.Header
	body       string
	compressed int // bytes on the wire
}

// composeDo serves r and decompresses a gzip body.
func composeDo(t *testing.T, app http.Handler, r *http.Request) composeResp {
	t.Helper()
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, r)
	out := composeResp{status: rec.Code, header: rec.Header(), compressed: rec.Body.Len()}
	if rec.Header().Get("Content-Encoding") != "gzip" {
		out.body = rec.Body.String()
		return out
	}
	zr, err := gzip.NewReader(rec.Body)
	require.NoError(t, err)
	b, err := io.ReadAll(zr)
	require.NoError(t, err)
	out.body = string(b)
	return out
}

// TestComposedStack runs Logger, Recover, RequestID, Compress, Static and
// Session together in one App: each case pins the status, the headers and
// the (decompressed) body the client got, and the log line with the status,
// the bytes on the wire and the request id.
func TestComposedStack(t *testing.T) {
	composeETag := `W/"` + strconv.FormatInt(int64(len(composeCSS)), 16) + "-" +
		strconv.FormatInt(composeMtime.UnixMilli(), 16) + `"`
	const panicBody = `{"status":500,"message":"Internal Server Error"}`
	cases := []struct {
		name         string
		method, path string
		header       map[string]string
		expectStatus int
		expectHeader http.Header
		expectBody   string
		expectLog    string // with %d for the bytes on the wire
		expectErr    string // the error the error handler saw
	}{
		{
			name: "a static file is served compressed", method: "GET", path: "/static/app.css",
			header:       map[string]string{"Accept-Encoding": "gzip", "X-Request-Id": "rid-css"},
			expectStatus: 200,
			expectHeader: http.Header{
				"Accept-Ranges": {"bytes"}, "Cache-Control": {"public, max-age=0"},
				"Content-Encoding": {"gzip"}, "Content-Type": {"text/css; charset=utf-8"},
				"Etag": {composeETag}, "Last-Modified": {"Sun, 01 Mar 2026 12:00:00 GMT"},
				"Vary": {"Accept-Encoding"}, "X-Request-Id": {"rid-css"},
			},
			expectBody: composeCSS,
			expectLog:  "rid-css GET /static/app.css 200 %d gzip\n",
		},
		{
			name: "a static file is sent as is to a client that accepts no encoding", method: "GET", path: "/static/app.css",
			header:       map[string]string{"X-Request-Id": "rid-plain"},
			expectStatus: 200,
			expectHeader: http.Header{
				"Accept-Ranges": {"bytes"}, "Cache-Control": {"public, max-age=0"},
				"Content-Length": {strconv.Itoa(len(composeCSS))}, "Content-Type": {"text/css; charset=utf-8"},
				"Etag": {composeETag}, "Last-Modified": {"Sun, 01 Mar 2026 12:00:00 GMT"},
				"Vary": {"Accept-Encoding"}, "X-Request-Id": {"rid-plain"},
			},
			expectBody: composeCSS,
			expectLog:  "rid-plain GET /static/app.css 200 %d -\n",
		},
		{
			name: "a panic is answered 500 through Recover and logged as 500", method: "GET", path: "/boom",
			header:       map[string]string{"Accept": "application/json", "Accept-Encoding": "gzip", "X-Request-Id": "rid-boom"},
			expectStatus: 500,
			expectHeader: http.Header{
				"Content-Length": {strconv.Itoa(len(panicBody))}, "Content-Type": {"application/json; charset=utf-8"},
				"Content-Security-Policy": {"default-src 'none'"}, "X-Content-Type-Options": {"nosniff"},
				"X-Request-Id": {"rid-boom"},
			},
			expectBody: panicBody,
			expectLog:  "rid-boom GET /boom 500 %d -\n",
			expectErr:  "middleware: panic: boom",
		},
		{
			name: "a missing static file falls through to the 404 and is logged as 404", method: "GET", path: "/static/missing.css",
			header:       map[string]string{"Accept": "text/plain", "X-Request-Id": "rid-missing"},
			expectStatus: 404,
			expectHeader: http.Header{
				"Content-Length": {"30"}, "Content-Type": {"text/plain; charset=utf-8"},
				"Content-Security-Policy": {"default-src 'none'"}, "X-Content-Type-Options": {"nosniff"},
				"Vary": {"Accept-Encoding"}, "X-Request-Id": {"rid-missing"},
			},
			expectBody: "Cannot GET /static/missing.css",
			expectLog:  "rid-missing GET /static/missing.css 404 %d -\n",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var logged bytes.Buffer
			var seen []error
			app := composeApp(t, &logged, &seen)
			r := httptest.NewRequest(tc.method, tc.path, nil)
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			got := composeDo(t, app, r)
			assert.Equal(t, tc.expectStatus, got.status)
			assert.Equal(t, tc.expectHeader, got.header)
			assert.Equal(t, tc.expectBody, got.body)
			assert.Equal(t, strings.Replace(tc.expectLog, "%d", strconv.Itoa(got.compressed), 1), logged.String())
			if tc.expectErr == "" {
				assert.Empty(t, seen)
				return
			}
			require.Len(t, seen, 1)
			assert.EqualError(t, seen[0], tc.expectErr)
			var pe *middleware.PanicError
			assert.True(t, errors.As(seen[0], &pe))
		})
	}
}

// weakBodyETag is the default weak ETag of a body Send sends: its length in
// hex and 27 characters of the base64 of its SHA-1, as Express's etag.
func weakBodyETag(body string) string {
	sum := sha1.Sum([]byte(body))
	return `W/"` + strconv.FormatInt(int64(len(body)), 16) + "-" + base64.StdEncoding.EncodeToString(sum[:])[:27] + `"`
}

// sessionIDOf checks the Set-Cookie line of a session and returns its id:
// "sid=s%3A<id>.<signature>; Path=/; HttpOnly", signed with composeSecret.
func sessionIDOf(t *testing.T, setCookie []string) string {
	t.Helper()
	require.Len(t, setCookie, 1)
	value, attrs, ok := strings.Cut(setCookie[0], "; ")
	require.True(t, ok, setCookie[0])
	assert.Equal(t, "Path=/; HttpOnly", attrs)
	raw, err := url.QueryUnescape(strings.TrimPrefix(value, "sid="))
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(raw, "s:"), raw)
	id, sig, ok := strings.Cut(raw[2:], ".")
	require.True(t, ok, raw)
	assert.Len(t, id, 43)
	mac := hmac.New(sha256.New, []byte(composeSecret))
	mac.Write([]byte(id))
	assert.Equal(t, base64.RawStdEncoding.EncodeToString(mac.Sum(nil)), sig)
	return id
}

// TestComposedStackSession follows one client through the stack: its
// session cookie is set signed, carried back, kept across requests, and a
// forged one is replaced by a new session; every answer is compressed and
// logged with its request id.
func TestComposedStackSession(t *testing.T) {
	var logged bytes.Buffer
	var seen []error
	app := composeApp(t, &logged, &seen)
	visit := func(cookie, rid string) composeResp {
		r := httptest.NewRequest("GET", "/visits", nil)
		r.Header.Set("Accept-Encoding", "gzip")
		r.Header.Set("X-Request-Id", rid)
		if cookie != "" {
			r.Header.Set("Cookie", cookie)
		}
		return composeDo(t, app, r)
	}
	body := func(n int) string {
		return `{"note":"` + strings.Repeat("n", 1100) + `","visits":` + strconv.Itoa(n) + `}`
	}
	expectHeader := func(rid string, visits int, setCookie []string) http.Header {
		return http.Header{"Content-Encoding": {"gzip"}, "Content-Type": {"application/json; charset=utf-8"},
			"Etag": {weakBodyETag(body(visits))}, "Set-Cookie": setCookie, "Vary": {"Accept-Encoding"},
			"X-Request-Id": {rid}}
	}

	first := visit("", "rid-1")
	assert.Equal(t, 200, first.status)
	id := sessionIDOf(t, first.header["Set-Cookie"])
	assert.Equal(t, expectHeader("rid-1", 1, first.header["Set-Cookie"]), first.header)
	assert.Equal(t, body(1), first.body)
	cookie, _, _ := strings.Cut(first.header.Get("Set-Cookie"), ";")

	second := visit(cookie, "rid-2")
	assert.Equal(t, 200, second.status)
	assert.Equal(t, id, sessionIDOf(t, second.header["Set-Cookie"]), "the session is kept")
	assert.Equal(t, expectHeader("rid-2", 2, second.header["Set-Cookie"]), second.header)
	assert.Equal(t, body(2), second.body)

	forged := visit("sid=s%3A"+strings.Repeat("A", 43)+".forged", "rid-3")
	assert.Equal(t, 200, forged.status)
	newID := sessionIDOf(t, forged.header["Set-Cookie"])
	assert.NotEqual(t, strings.Repeat("A", 43), newID, "a forged id is never adopted")
	assert.NotEqual(t, id, newID)
	assert.Equal(t, expectHeader("rid-3", 1, forged.header["Set-Cookie"]), forged.header)
	assert.Equal(t, body(1), forged.body)

	assert.Equal(t, "rid-1 GET /visits 200 "+strconv.Itoa(first.compressed)+" gzip\n"+
		"rid-2 GET /visits 200 "+strconv.Itoa(second.compressed)+" gzip\n"+
		"rid-3 GET /visits 200 "+strconv.Itoa(forged.compressed)+" gzip\n", logged.String())
	assert.Empty(t, seen)
}
