package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/base64"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// testSecret signs the test app's session cookies.
const testSecret = "showcase-test-secret-of-32-bytes-or-more"

// testLogFormat logs what the tests check: id, request, status and bytes.
const testLogFormat = ":id :method :url :status :bytes"

// testMaxUpload is the test app's body limit.
const testMaxUpload = 4096

// testApp builds the showcase as main does, in production mode, with the
// starter files in a temporary folder; it returns the app, its folder and
// the access log.
func testApp(t *testing.T) (*expresso.App, string, *bytes.Buffer) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, seedFiles(dir))
	var logged bytes.Buffer
	app := newApp(config{Env: "production", SessionSecret: testSecret, FilesDir: dir, MaxUpload: testMaxUpload,
		LogFormat: testLogFormat, LogOutput: &logged, ErrorLog: slog.New(slog.DiscardHandler)})
	return app, dir, &logged
}

// result is what the client got, the body decompressed.
type result struct {
	status int
	header http.Header
	body   string
	wire   int // body bytes on the wire
}

// serve runs r through app and reads the answer.
func serve(t *testing.T, app http.Handler, r *http.Request) result {
	t.Helper()
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, r)
	res := result{status: rec.Code, header: rec.Header(), body: rec.Body.String(), wire: rec.Body.Len()}
	if rec.Header().Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(rec.Body.Bytes()))
		require.NoError(t, err)
		b, err := io.ReadAll(zr)
		require.NoError(t, err)
		res.body = string(b)
	}
	return res
}

// weakETag is the weak ETag Send gives body: its length in hex and 27
// characters of the base64 of its SHA-1, as Express's etag.
func weakETag(body string) string {
	sum := sha1.Sum([]byte(body))
	return `W/"` + strconv.FormatInt(int64(len(body)), 16) + "-" + base64.StdEncoding.EncodeToString(sum[:])[:27] + `"`
}

// tokenField finds the CSRF token of a page's forms.
var tokenField = regexp.MustCompile(`name="_csrf" value="([A-Za-z0-9_-]{86})"`)

// browser is a client that keeps cookies and sends what a same-origin
// form post from a browser sends.
type browser struct {
	t       *testing.T
	app     http.Handler
	cookies map[string]string
	token   string // the CSRF token of the last page with a form
}

func newBrowser(t *testing.T, app http.Handler) *browser {
	return &browser{t: t, app: app, cookies: map[string]string{}}
}

// do sends r with the cookies and keeps the ones the answer sets.
func (b *browser) do(r *http.Request) result {
	b.t.Helper()
	for name, value := range b.cookies {
		r.AddCookie(&http.Cookie{Name: name, Value: value})
	}
	res := serve(b.t, b.app, r)
	for _, line := range res.header["Set-Cookie"] {
		c, err := http.ParseSetCookie(line)
		require.NoError(b.t, err)
		if c.Value == "" {
			delete(b.cookies, c.Name)
			continue
		}
		b.cookies[c.Name] = c.Value
	}
	if m := tokenField.FindStringSubmatch(res.body); m != nil {
		b.token = m[1]
	}
	return res
}

// get fetches a page.
func (b *browser) get(target string) result {
	b.t.Helper()
	return b.do(httptest.NewRequest("GET", target, nil))
}

// postForm posts a URL-encoded form with the CSRF token.
func (b *browser) postForm(target string, form url.Values) result {
	b.t.Helper()
	form.Set("_csrf", b.token)
	r := httptest.NewRequest("POST", target, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.do(r)
}

// upload posts a multipart form with the CSRF token and one file.
func (b *browser) upload(target, filename, content string) result {
	b.t.Helper()
	r := httptest.NewRequest("POST", target, multipartBody(b.t, b.token, filename, content))
	r.Header.Set("Content-Type", multipartType)
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.do(r)
}

// multipartBoundary separates the parts of the test uploads.
const multipartBoundary = "showcase-boundary"

// multipartType is the Content-Type of the test uploads.
const multipartType = "multipart/form-data; boundary=" + multipartBoundary

// multipartBody is a form with the _csrf field first, then the file.
func multipartBody(t *testing.T, token, filename, content string) io.Reader {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	require.NoError(t, w.SetBoundary(multipartBoundary))
	require.NoError(t, w.WriteField("_csrf", token))
	fw, err := w.CreateFormFile("file", filename)
	require.NoError(t, err)
	_, err = io.WriteString(fw, content)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return &buf
}
