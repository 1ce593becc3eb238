package expresso_test

import (
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

const (
	sfText = "text/plain; charset=utf-8"
	sfHTML = "text/html; charset=utf-8"
)

func TestSendFileRoot(t *testing.T) {
	t.Parallel()
	root, _ := sfFixtures(t)
	app := sfSendApp(expresso.SendFileOptions{Root: root})
	notFound := sfError("Not Found", nil)
	forbidden := sfError("Forbidden", nil)
	sfRun(t, app, []sfCase{
		{name: "should send a file with its headers", path: "name.txt", status: 200, headers: sfFile(sfText, 4), body: "tobi"},
		{name: "should send a file with a leading slash under root", path: "/nums.txt", status: 200, headers: sfFile(sfText, 9), body: "123456789"},
		{name: "should send html with its type", path: "user.html", status: 200, headers: sfFile(sfHTML, 20), body: "<p>{{user.name}}</p>"},
		{name: "should send an empty file", path: "empty.txt", status: 200, headers: sfFile(sfText, 0), body: ""},
		{name: "should send octet-stream for a name without extension", path: "README", status: 200, headers: sfFile("application/octet-stream", 6), body: "readme"},
		{name: "should take percent signs literally", path: "% of dogs.txt", status: 200, headers: sfFile(sfText, 3), body: "20%"},
		{name: "should not decode %2F into a separator", path: "a%2Fb.txt", status: 200, headers: sfFile(sfText, 7), body: "literal"},
		{name: "should send a non-ASCII name", path: "日本語.txt", status: 200, headers: sfFile(sfText, 7), body: "nihongo"},
		{name: "should treat a backslash as part of the name", path: `a\b.txt`, status: 200, headers: sfFile(sfText, 9), body: "backslash"},
		{name: "should follow a symbolic link inside the root", path: "link.txt", status: 200, headers: sfFile(sfText, 4), body: "tobi"},
		{name: "should allow .. that stays inside the root", path: "users/../todo.txt", status: 200, headers: sfFile(sfText, 11), body: "- groceries"},
		{name: "should serve the index for a path ending in a slash", path: "blog/", status: 200, headers: sfFile(sfHTML, 13), body: "<h1>blog</h1>"},
		{name: "should 404 a missing file", path: "nope.txt", status: 404, headers: notFound, body: "Not Found"},
		{name: "should 404 a directory", path: "blog", status: 404, headers: notFound, body: "Not Found"},
		{name: "should 404 a file with a trailing slash", path: "name.txt/", status: 404, headers: notFound, body: "Not Found"},
		{name: "should 404 a directory without an index", path: "dir.d/", status: 404, headers: notFound, body: "Not Found"},
		{name: "should 404 a path through a file", path: "name.txt/x", status: 404, headers: notFound, body: "Not Found"},
		{name: "should 404 a name that is too long", path: strings.Repeat("a", 300) + ".txt", status: 404, headers: notFound, body: "Not Found"},
		{name: "should 403 a leading ..", path: "../outside.txt", status: 403, headers: forbidden, body: "Forbidden"},
		{name: "should 403 .. that leaves the root", path: "users/../../outside.txt", status: 403, headers: forbidden, body: "Forbidden"},
		{name: "should 403 a backslash ..", path: `..\outside.txt`, status: 403, headers: forbidden, body: "Forbidden"},
		{name: "should 403 a backslash .. in the middle", path: `users\..\..\x`, status: 403, headers: forbidden, body: "Forbidden"},
		{name: "should 400 a NUL byte", path: "name.txt\x00.html", status: 400, headers: sfError("Bad Request", nil), body: "Bad Request"},
		{name: "should 404 a relative symbolic link out of the root", path: "escape.txt", status: 404, headers: notFound, body: "Not Found"},
		{name: "should 404 an absolute symbolic link out of the root", path: "escape-abs.txt", status: 404, headers: notFound, body: "Not Found"},
		{name: "should ignore a dotfile by default", path: ".name", status: 404, headers: notFound, body: "Not Found"},
		{name: "should ignore a file in a dot directory", path: ".hidden/inside.txt", status: 404, headers: notFound, body: "Not Found"},
		{name: "should send a file whose directory has a dot inside its name", path: "dir.d/x.txt", status: 200, headers: sfFile(sfText, 1), body: "x"},
		{name: "should send a file from any method", method: http.MethodPost, path: "name.txt", status: 200, headers: sfFile(sfText, 4), body: "tobi"},
		{name: "should send only headers to HEAD", method: http.MethodHead, path: "nums.txt", status: 200, headers: sfFile(sfText, 9), body: ""},
	})
}

func TestSendFileLoopBody(t *testing.T) {
	t.Parallel()
	// The 500's development message names the path; only the status and
	// that no file leaked matter here, so the body is checked apart.
	root, _ := sfFixtures(t)
	app := sfSendApp(expresso.SendFileOptions{Root: root}, expresso.Config{Env: "production"})
	sfRun(t, app, []sfCase{
		{name: "should 500 a symbolic link loop", path: "loop1", status: 500, headers: sfError("Internal Server Error", nil), body: "Internal Server Error"},
	})
}

func TestSendFileDotfiles(t *testing.T) {
	t.Parallel()
	root, _ := sfFixtures(t)
	cases := []struct {
		policy string
		status int
		body   string
	}{
		{"", 404, "Not Found"},
		{"ignore", 404, "Not Found"},
		{"deny", 403, "Forbidden"},
		{"allow", 200, "tobi"},
	}
	for _, pc := range cases {
		app := sfSendApp(expresso.SendFileOptions{Root: root, Dotfiles: pc.policy})
		headers := sfError(pc.body, nil)
		if pc.status == 200 {
			headers = sfFile("application/octet-stream", 4)
		}
		dirStatus, dirBody, dirHeaders := pc.status, pc.body, headers
		if pc.status == 200 {
			dirBody, dirHeaders = "secret", sfFile(sfText, 6)
		}
		missing, missingBody := pc.status, pc.body
		if pc.status == 200 {
			missing, missingBody = 404, "Not Found"
		}
		t.Run("policy "+pc.policy, func(t *testing.T) {
			t.Parallel()
			sfRun(t, app, []sfCase{
				{name: "dotfile", path: ".name", status: pc.status, headers: headers, body: pc.body},
				{name: "file in a dot directory", path: ".hidden/inside.txt", status: dirStatus, headers: dirHeaders, body: dirBody},
				{name: "missing dotfile", path: ".missing", status: missing, headers: sfError(missingBody, nil), body: missingBody},
				{name: "plain file", path: "name.txt", status: 200, headers: sfFile(sfText, 4), body: "tobi"},
			})
		})
	}
}

func TestSendFileAbsolute(t *testing.T) {
	t.Parallel()
	root, outside := sfFixtures(t)
	app := sfSendApp(expresso.SendFileOptions{})
	sfRun(t, app, []sfCase{
		{name: "should send an absolute path", path: filepath.Join(root, "name.txt"), status: 200, headers: sfFile(sfText, 4), body: "tobi"},
		{name: "should 403 any .. in an absolute path", path: root + "/users/../name.txt", status: 403, headers: sfError("Forbidden", nil), body: "Forbidden"},
		{name: "should check every segment for dotfiles", path: filepath.Join(root, ".hidden", "inside.txt"), status: 404, headers: sfError("Not Found", nil), body: "Not Found"},
		{name: "should follow links without a root", path: filepath.Join(root, "escape.txt"), status: 200, headers: sfFile(sfText, 7), body: "outside"},
		{name: "should 500 a relative path without root", path: "name.txt", status: 500, headers: sfError(expresso.ErrPathNotAbsolute.Error(), nil), body: expresso.ErrPathNotAbsolute.Error()},
		{name: "should 500 an empty path", path: "", status: 500, headers: sfError(expresso.ErrPathRequired.Error(), nil), body: expresso.ErrPathRequired.Error()},
	})
	_ = outside
}

func TestSendFileOptions(t *testing.T) {
	t.Parallel()
	root, _ := sfFixtures(t)
	type opts = expresso.SendFileOptions
	tests := []struct {
		name    string
		opts    opts
		path    string
		status  int
		headers map[string]string
		body    string
	}{
		{"should set max-age in seconds", opts{MaxAge: 90500 * time.Millisecond}, "name.txt", 200, with(sfFile(sfText, 4), "Cache-Control", "public, max-age=90"), "tobi"},
		{"should clamp max-age to a year", opts{MaxAge: 5 * 365 * 24 * time.Hour}, "name.txt", 200, with(sfFile(sfText, 4), "Cache-Control", "public, max-age=31536000"), "tobi"},
		{"should clamp a negative max-age to 0", opts{MaxAge: -time.Hour}, "name.txt", 200, sfFile(sfText, 4), "tobi"},
		{"should add immutable", opts{MaxAge: time.Hour, Immutable: true}, "name.txt", 200, with(sfFile(sfText, 4), "Cache-Control", "public, max-age=3600, immutable"), "tobi"},
		{"should leave out Cache-Control", opts{DisableCacheControl: true, MaxAge: time.Hour}, "name.txt", 200, with(sfFile(sfText, 4), "Cache-Control", ""), "tobi"},
		{"should leave out Last-Modified", opts{DisableLastModified: true}, "name.txt", 200, with(sfFile(sfText, 4), "Last-Modified", ""), "tobi"},
		{"should leave out the ETag", opts{DisableETag: true}, "name.txt", 200, with(sfFile(sfText, 4), "Etag", ""), "tobi"},
		{"should leave out Accept-Ranges", opts{DisableAcceptRanges: true}, "name.txt", 200, with(sfFile(sfText, 4), "Accept-Ranges", ""), "tobi"},
		{"should set the headers option first", opts{Headers: http.Header{"x-a": {"1"}, "Cache-Control": {"no-store"}, "Content-Type": {"text/x-custom"}}}, "name.txt", 200,
			with(sfFile("text/x-custom", 4), "X-A", "1", "Cache-Control", "no-store"), "tobi"},
		{"should try extensions for a missing file", opts{Extensions: []string{"txt", "html"}}, "page", 200, sfFile(sfHTML, 11), "<p>page</p>"},
		{"should try extensions in order", opts{Extensions: []string{"txt"}}, "nums", 200, sfFile(sfText, 9), "123456789"},
		{"should skip a directory among extensions", opts{Root: "ext", Extensions: []string{"html"}}, "dironly", 404, sfError("Not Found", nil), "Not Found"},
		{"should not try extensions for a name with one", opts{Extensions: []string{"html"}}, "page.x", 404, sfError("Not Found", nil), "Not Found"},
		{"should use a custom index", opts{Index: []string{"missing.html", "post.txt"}}, "blog/", 200, sfFile(sfText, 4), "post"},
		{"should 404 a slash path with the index disabled", opts{Index: []string{}}, "blog/", 404, sfError("Not Found", nil), "Not Found"},
		{"should send a window", opts{Start: 2, End: 5}, "nums.txt", 200, with(sfFile(sfText, 9), "Content-Length", "4"), "3456"},
		{"should send a window to the end", opts{Start: 6}, "nums.txt", 200, with(sfFile(sfText, 9), "Content-Length", "3"), "789"},
		{"should send an empty window past the end", opts{Start: 20}, "nums.txt", 200, with(sfFile(sfText, 9), "Content-Length", "0"), ""},
		{"should 500 a bad dotfiles option", opts{Dotfiles: "bogus"}, "name.txt", 500, sfError(expresso.ErrDotfilesOption.Error(), nil), expresso.ErrDotfilesOption.Error()},
	}
	for _, tt := range tests {
		o := tt.opts
		o.Root = filepath.Join(root, o.Root)
		app := sfSendApp(o)
		sfRun(t, app, []sfCase{{name: tt.name, path: tt.path, status: tt.status, headers: tt.headers, body: tt.body}})
	}
}

func TestSendFileAppETagOff(t *testing.T) {
	t.Parallel()
	root, _ := sfFixtures(t)
	app := sfSendApp(expresso.SendFileOptions{Root: root}, expresso.Config{ETag: expresso.ETagOff})
	sfRun(t, app, []sfCase{
		{name: "should follow the app's etag setting", path: "name.txt", status: 200, headers: with(sfFile(sfText, 4), "Etag", ""), body: "tobi"},
	})
}

func TestSendFileKeepsEarlierStatusAndType(t *testing.T) {
	t.Parallel()
	root, _ := sfFixtures(t)
	app := expresso.New()
	app.Get("/", func(c *expresso.Context) error {
		return c.Status(501).Type("json").SendFile("name.txt", expresso.SendFileOptions{Root: root})
	})
	sfRun(t, app, []sfCase{
		{name: "should keep the status and the Content-Type set before", status: 501, headers: sfFile("application/json; charset=utf-8", 4), body: "tobi"},
	})
}

func TestSendFileRefusals(t *testing.T) {
	t.Parallel()
	root, _ := sfFixtures(t)
	opts := expresso.SendFileOptions{Root: root}
	tests := []struct {
		name    string
		handler expresso.Handler
		sentry  error
		status  int
		body    string
	}{
		{"should refuse a file after the body started", func(c *expresso.Context) error {
			if _, err := c.Write([]byte("first")); err != nil {
				return err
			}
			return c.SendFile("name.txt", opts)
		}, expresso.ErrHeadersSent, 200, "first"},
		{"should refuse a file after the response finished", func(c *expresso.Context) error {
			if err := c.SendString("first"); err != nil {
				return err
			}
			//expressovet:ignore this test sends again on purpose: it pins the run-time refusal
			return c.SendFile("name.txt", opts)
		}, expresso.ErrHeadersSent, 200, "first"},
		{"should return the refusal a setter recorded", func(c *expresso.Context) error {
			return c.Status(5000).SendFile("name.txt", opts)
		}, expresso.ErrInvalidStatus, 500, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			app := expresso.New(expresso.Config{Env: "production", Logger: slog.New(slog.DiscardHandler)})
			var got error
			app.Get("/", func(c *expresso.Context) error {
				got = tt.handler(c)
				return got
			})
			res := app.Test(httptest.NewRequest(http.MethodGet, "/", nil))
			body, err := io.ReadAll(res.Body)
			require.NoError(t, err)
			assert.ErrorIs(t, got, tt.sentry)
			assert.Equal(t, tt.status, res.StatusCode)
			if tt.body != "" {
				assert.Equal(t, tt.body, string(body))
			}
		})
	}
}

func TestSendContent(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"doc.json": {Data: []byte(`{"a":1}`), ModTime: sfMtime},
		"dir":      {Mode: fs.ModeDir},
	}
	app := expresso.New()
	app.Get("/*name", func(c *expresso.Context) error {
		f, err := fsys.Open(c.Param("name"))
		if err != nil {
			return expresso.NewHTTPError(http.StatusNotFound).WithCause(err)
		}
		defer f.Close()
		return c.SendContent(f, nil, expresso.SendFileOptions{MaxAge: time.Minute})
	})
	sfRun(t, app, []sfCase{
		{name: "should send an fs.File with its headers", target: "/doc.json", status: 200,
			headers: with(sfFile("application/json; charset=utf-8", 7), "Cache-Control", "public, max-age=60"), body: `{"a":1}`},
		{name: "should send a range of an fs.File", target: "/doc.json", header: http.Header{"Range": {"bytes=1-4"}}, status: 206,
			headers: with(sfFile("application/json; charset=utf-8", 7), "Cache-Control", "public, max-age=60", "Content-Range", "bytes 1-4/7", "Content-Length", "4"),
			body:    `"a":`},
		{name: "should 404 a directory", target: "/dir", status: 404, headers: sfError("Not Found", nil), body: "Not Found"},
	})
}

// shortFile is an fs.File whose Stat promises more bytes than it holds, as
// a file truncated while it is sent.
type shortFile struct {
	*strings.Reader
	fi fs.FileInfo
}

func (f shortFile) Stat() (fs.FileInfo, error) { return f.fi, nil }
func (f shortFile) Close() error               { return nil }

func TestSendContentFileShrank(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{"a.txt": {Data: []byte("0123456789"), ModTime: sfMtime}}
	fi, err := fs.Stat(fsys, "a.txt")
	require.NoError(t, err)
	app := expresso.New(expresso.Config{Logger: slog.New(slog.DiscardHandler)})
	var got error
	app.Get("/", func(c *expresso.Context) error {
		got = c.SendContent(shortFile{strings.NewReader("0123"), fi}, fi)
		return got
	})
	res := app.Test(httptest.NewRequest(http.MethodGet, "/", nil))
	_, _ = io.ReadAll(res.Body)
	assert.ErrorIs(t, got, io.ErrUnexpectedEOF)
	assert.Equal(t, "10", res.Header.Get("Content-Length"))
}
