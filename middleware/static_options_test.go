package middleware_test

import (
	"embed"
	"io/fs"
	"net/http"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

func TestStaticOptions(t *testing.T) {
	t.Parallel()
	root := stFixtures(t)
	type opts = middleware.StaticOptions
	tests := []struct {
		name    string
		opts    opts
		target  string
		status  int
		headers map[string]string
		body    string
	}{
		{"should set max-age", opts{MaxAge: time.Hour}, "/name.txt", 200, stWith(stFile(stText, 4), "Cache-Control", "public, max-age=3600"), "tobi"},
		{"should floor max-age to seconds", opts{MaxAge: 1500 * time.Millisecond}, "/name.txt", 200, stWith(stFile(stText, 4), "Cache-Control", "public, max-age=1"), "tobi"},
		{"should clamp max-age to a year", opts{MaxAge: 5 * 365 * 24 * time.Hour}, "/name.txt", 200, stWith(stFile(stText, 4), "Cache-Control", "public, max-age=31536000"), "tobi"},
		{"should add immutable", opts{MaxAge: time.Hour, Immutable: true}, "/name.txt", 200, stWith(stFile(stText, 4), "Cache-Control", "public, max-age=3600, immutable"), "tobi"},
		{"should leave out Cache-Control", opts{DisableCacheControl: true, MaxAge: time.Hour, Immutable: true}, "/name.txt", 200, stWith(stFile(stText, 4), "Cache-Control", ""), "tobi"},
		{"should leave out Last-Modified", opts{DisableLastModified: true}, "/name.txt", 200, stWith(stFile(stText, 4), "Last-Modified", ""), "tobi"},
		{"should leave out the ETag", opts{DisableETag: true}, "/name.txt", 200, stWith(stFile(stText, 4), "Etag", ""), "tobi"},
		{"should leave out Accept-Ranges and ignore Range", opts{DisableAcceptRanges: true}, "/nums.txt", 200, stWith(stFile(stText, 9), "Accept-Ranges", ""), "123456789"},
		{"should try extensions", opts{Extensions: []string{"txt", "html"}}, "/page", 200, stFile(stHTML, 11), "<p>page</p>"},
		{"should try extensions in order", opts{Extensions: []string{"html", "txt"}}, "/name", 200, stFile(stText, 4), "tobi"},
		{"should not try extensions for a name with a dot", opts{Extensions: []string{"html"}}, "/page.x", 200, stNext, "next"},
		{"should not try extensions with a trailing slash", opts{Extensions: []string{"html"}, Index: []string{}}, "/page/", 200, stNext, "next"},
		{"should use a custom index", opts{Index: []string{"missing.html", "tobi.txt"}}, "/users/", 200, stFile(stText, 6), "ferret"},
		{"should fall through with the index disabled", opts{Index: []string{}}, "/users/", 200, stNext, "next"},
	}
	for _, tt := range tests {
		app := stApp("", middleware.Static(root, tt.opts))
		h := http.Header{}
		if tt.name == "should leave out Accept-Ranges and ignore Range" {
			h.Set("Range", "bytes=0-0")
		}
		stRun(t, app, []stCase{{name: tt.name, target: tt.target, header: h, status: tt.status, headers: tt.headers, body: tt.body}})
	}
}

func TestStaticSetHeaders(t *testing.T) {
	t.Parallel()
	root := stFixtures(t)
	var mu sync.Mutex
	calls := map[string]int64{}
	app := stApp("/static", middleware.Static(root, middleware.StaticOptions{
		SetHeaders: func(w http.ResponseWriter, path string, fi fs.FileInfo) {
			mu.Lock()
			calls[path] = fi.Size()
			mu.Unlock()
			w.Header().Set("Cache-Control", "no-store")
			w.Header().Set("X-File", fi.Name())
		},
	}))
	stRun(t, app, []stCase{
		{name: "should let setHeaders override the defaults", target: "/static/nums.txt", status: 200,
			headers: stWith(stFile(stText, 9), "Cache-Control", "no-store", "X-File", "nums.txt"), body: "123456789"},
		{name: "should call setHeaders before a 304", target: "/static/name.txt", header: http.Header{"If-None-Match": {stTag(4)}}, status: 304,
			headers: stWith(stFile(stText, 4), "Cache-Control", "no-store", "X-File", "name.txt", "Content-Type", "", "Content-Length", "")},
		{name: "should call setHeaders for an index file", target: "/static/users/", status: 200,
			headers: stWith(stFile(stHTML, 12), "Cache-Control", "no-store", "X-File", "index.html"), body: "<p>users</p>"},
		{name: "should not call setHeaders for a redirect", target: "/static/emptydir", status: 301,
			headers: func() map[string]string { h, _ := stRedirect("/static/emptydir/"); return h }(),
			body:    func() string { _, b := stRedirect("/static/emptydir/"); return b }()},
		{name: "should not call setHeaders for a missing file", target: "/static/missing", status: 200, headers: stNext, body: "next"},
	})
	t.Cleanup(func() { // after the parallel subtests
		mu.Lock()
		defer mu.Unlock()
		assert.Equal(t, map[string]int64{
			root + "/nums.txt": 9, root + "/name.txt": 4, root + "/users/index.html": 12,
		}, calls)
	})
}

func TestStaticRangesAndConditional(t *testing.T) {
	t.Parallel()
	root := stFixtures(t)
	app := stApp("", middleware.Static(root), expresso.Config{ETag: expresso.ETagOff})
	full := stFile(stText, 9)
	hdr := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i+1 < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}
	stRun(t, app, []stCase{
		{name: "should keep its ETag when the app's is off", target: "/nums.txt", status: 200, headers: full, body: "123456789"},
		{name: "should send a range", target: "/nums.txt", header: hdr("Range", "bytes=1-3"), status: 206,
			headers: stWith(full, "Content-Range", "bytes 1-3/9", "Content-Length", "3"), body: "234"},
		{name: "should send a suffix range", target: "/nums.txt", header: hdr("Range", "bytes=-2"), status: 206,
			headers: stWith(full, "Content-Range", "bytes 7-8/9", "Content-Length", "2"), body: "89"},
		{name: "should send a range to HEAD without body", method: http.MethodHead, target: "/nums.txt", header: hdr("Range", "bytes=3-"), status: 206,
			headers: stWith(full, "Content-Range", "bytes 3-8/9", "Content-Length", "6")},
		{name: "should send the whole file for disjoint ranges", target: "/nums.txt", header: hdr("Range", "bytes=0-0,4-4"), status: 200, headers: full, body: "123456789"},
		{name: "should pass a 416 to the error handlers despite fallthrough", target: "/nums.txt", header: hdr("Range", "bytes=20-"), status: 416,
			headers: stError("Range Not Satisfiable", "Content-Range", "bytes */9", "Accept-Ranges", "bytes", "Cache-Control", "public, max-age=0", "Last-Modified", stLM),
			body:    "Range Not Satisfiable"},
		{name: "should ignore a range for a stale If-Range", target: "/nums.txt", header: hdr("Range", "bytes=0-0", "If-Range", `"old"`), status: 200, headers: full, body: "123456789"},
		{name: "should 304 a fresh request", target: "/nums.txt", header: hdr("If-None-Match", stTag(9)), status: 304,
			headers: stWith(full, "Content-Type", "", "Content-Length", "")},
		{name: "should 304 for If-Modified-Since", target: "/nums.txt", header: hdr("If-Modified-Since", stLM), status: 304,
			headers: stWith(full, "Content-Type", "", "Content-Length", "")},
		{name: "should pass a 412 to the error handlers despite fallthrough", target: "/nums.txt", header: hdr("If-Match", `"nope"`), status: 412,
			headers: stError("Precondition Failed", "Accept-Ranges", "bytes", "Cache-Control", "public, max-age=0", "Last-Modified", stLM),
			body:    "Precondition Failed"},
	})
}

func TestStaticPrecompressed(t *testing.T) {
	t.Parallel()
	root := stFixtures(t)
	app := stApp("", middleware.Static(root, middleware.StaticOptions{Precompressed: true}))
	css := "text/css; charset=utf-8"
	ae := func(v string) http.Header { return http.Header{"Accept-Encoding": {v}} }
	variant := func(ctype string, size int, enc string) map[string]string {
		return stWith(stFile(ctype, size), "Content-Encoding", enc, "Vary", "Accept-Encoding")
	}
	plain := stWith(stFile(css, 6), "Vary", "Accept-Encoding")
	stRun(t, app, []stCase{
		{name: "should prefer brotli", target: "/precomp/app.css", header: ae("gzip, br"), status: 200, headers: variant(css, 2, "br"), body: "BR"},
		{name: "should follow q-values", target: "/precomp/app.css", header: ae("br;q=0.5, gzip"), status: 200, headers: variant(css, 2, "gzip"), body: "GZ"},
		{name: "should skip a refused encoding", target: "/precomp/app.css", header: ae("br;q=0, gzip;q=0.1"), status: 200, headers: variant(css, 2, "gzip"), body: "GZ"},
		{name: "should fall back to the other encoding", target: "/precomp/only.js", header: ae("br, gzip;q=0.5"), status: 200,
			headers: variant("text/javascript; charset=utf-8", 4, "gzip"), body: "GZJS"},
		{name: "should send the plain file without Accept-Encoding", target: "/precomp/app.css", status: 200, headers: plain, body: "body{}"},
		{name: "should send the plain file for identity", target: "/precomp/app.css", header: ae("identity"), status: 200, headers: plain, body: "body{}"},
		{name: "should type a name without extension as octet-stream", target: "/precomp/noext", header: ae("br"), status: 200,
			headers: variant("application/octet-stream", 7, "br"), body: "BRNOEXT"},
		{name: "should vary a file without siblings", target: "/name.txt", header: ae("br"), status: 200,
			headers: stWith(stFile(stText, 4), "Vary", "Accept-Encoding"), body: "tobi"},
		{name: "should range over the encoded bytes", target: "/precomp/app.css", header: http.Header{"Accept-Encoding": {"br"}, "Range": {"bytes=1-"}}, status: 206,
			headers: stWith(variant(css, 2, "br"), "Content-Range", "bytes 1-1/2", "Content-Length", "1"), body: "R"},
	})
}

//go:embed testdata/embedded
var stEmbedded embed.FS

func TestStaticFS(t *testing.T) {
	t.Parallel()
	sub, err := fs.Sub(stEmbedded, "testdata/embedded")
	require.NoError(t, err)
	app := stApp("/assets", middleware.StaticFS(sub))
	// embed.FS files have no modification time: no Last-Modified, and an
	// ETag from the content.
	tag := `W/"b-VjOG4cAAnDsK8QH6ucZY2pfDVR8"`
	hello := map[string]string{"Accept-Ranges": "bytes", "Cache-Control": "public, max-age=0", "Etag": tag,
		"Content-Type": stText, "Content-Length": "11"}
	redirect, redirectBody := stRedirect("/assets/")
	stRun(t, app, []stCase{
		{name: "should serve an embedded file", target: "/assets/hello.txt", status: 200, headers: hello, body: "hello embed"},
		{name: "should serve a range of an embedded file", target: "/assets/hello.txt", header: http.Header{"Range": {"bytes=6-"}}, status: 206,
			headers: stWith(hello, "Content-Range", "bytes 6-10/11", "Content-Length", "5"), body: "embed"},
		{name: "should 304 an embedded file", target: "/assets/hello.txt", header: http.Header{"If-None-Match": {tag}}, status: 304,
			headers: stWith(hello, "Content-Type", "", "Content-Length", "")},
		{name: "should redirect the mount point", target: "/assets", status: 301, headers: redirect, body: redirectBody},
		{name: "should serve the embedded index", target: "/assets/", status: 200,
			headers: map[string]string{"Accept-Ranges": "bytes", "Cache-Control": "public, max-age=0", "Etag": `W/"15-xVtCKxKhyL1dQlj/xvPaFO7KN1s"`,
				"Content-Type": stHTML, "Content-Length": "21"}, body: "<p>embedded index</p>"},
		{name: "should fall through for a missing embedded file", target: "/assets/missing", status: 200, headers: stNext, body: "next"},
	})
	mapFS := fstest.MapFS{"a.txt": {Data: []byte("map"), ModTime: stMtime}}
	stRun(t, stApp("", middleware.StaticFS(mapFS)), []stCase{
		{name: "should use the modification time of an fs.FS file", target: "/a.txt", status: 200, headers: stFile(stText, 3), body: "map"},
		{name: "should send a range of an fs.FS file", target: "/a.txt", header: http.Header{"Range": {"bytes=-1"}}, status: 206,
			headers: stWith(stFile(stText, 3), "Content-Range", "bytes 2-2/3", "Content-Length", "1"), body: "p"},
	})
}

func TestStaticPanics(t *testing.T) {
	t.Parallel()
	assert.PanicsWithValue(t, "middleware: Static: root path required", func() { middleware.Static("") })
	assert.PanicsWithValue(t, "middleware: StaticFS: nil file system", func() { middleware.StaticFS(nil) })
	assert.PanicsWithValue(t, `middleware: Static: dotfiles option must be "allow", "deny", or "ignore", not bogus`, func() {
		middleware.Static(".", middleware.StaticOptions{Dotfiles: "bogus"})
	})
	assert.PanicsWithValue(t, "middleware: Static: invalid index or extension ../x", func() {
		middleware.Static(".", middleware.StaticOptions{Index: []string{"../x"}})
	})
}

func TestStaticMissingRoot(t *testing.T) {
	t.Parallel()
	dir := t.TempDir() + "/later"
	app := stApp("", middleware.Static(dir, middleware.StaticOptions{DisableFallthrough: true}))
	stRun(t, app, []stCase{{name: "should 404 while the root does not exist", target: "/x.txt", status: 404, headers: stError("Not Found"), body: "Not Found"}})
}
