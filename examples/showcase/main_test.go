package main

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// layout is a page as the layout renders it, with the CSRF tokens written
// TOKEN: the navigation for user ("" when signed out), then main.
func layout(title, user, main string) string {
	account := `<a href="/login">Log in</a>`
	if user != "" {
		account = `<form method="post" action="/logout"><input type="hidden" name="_csrf" value="TOKEN">` +
			`<button>Log out ` + user + `</button></form>`
	}
	return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title + "</title>\n" +
		"<link rel=\"stylesheet\" href=\"/static/style.css\">\n</head>\n<body>\n<header>\n" +
		"<a href=\"/\" class=\"brand\">expresso</a>\n<nav>\n<a href=\"/files\">Files</a>\n<a href=\"/hello\">Hello</a>\n" +
		"<a href=\"/api/users\">API</a>\n" + account + "\n</nav>\n</header>\n<main>\n" + main + "\n</main>\n</body>\n</html>\n"
}

// withTokens writes the CSRF tokens of body as TOKEN.
func withTokens(body string) string {
	return tokenField.ReplaceAllString(body, `name="_csrf" value="TOKEN"`)
}

const indexMain = "<h1>expresso showcase</h1>\n" +
	"<p>Express's programming model in Go. Every request here passed through RequestID, Logger, Recover, Compress, Static, Session and CSRF.</p>\n" +
	"<ul>\n" +
	"<li><a href=\"/files\">Files</a>: download with <code>c.Download</code>, upload once logged in.</li>\n" +
	"<li><a href=\"/hello\">Hello</a>: HTML, JSON or text by the Accept header (<code>c.Format</code>).</li>\n" +
	"<li><a href=\"/api/users\">/api/users</a>: a JSON API on a mounted Router.</li>\n" +
	"<li><a href=\"/coffee\">Coffee</a>: an error for the error handlers, a 418.</li>\n" +
	"<li><a href=\"/boom\">Boom</a>: a panic, answered 500 through Recover.</li>\n" +
	"</ul>"

const loginMain = "<h1>Log in</h1>\n<form method=\"post\" action=\"/login\">\n" +
	"<input type=\"hidden\" name=\"_csrf\" value=\"TOKEN\">\n" +
	"<label>User name <input name=\"username\" required></label>\n" +
	"<label>Password <input name=\"password\" type=\"password\" required></label>\n" +
	"<button>Log in</button>\n</form>\n<p>Try tobi, password ferret.</p>"

// filesMain is the files page listing files ("name size" pairs).
func filesMain(signedIn bool, files ...string) string {
	s := "<h1>Files</h1>\n<ul>"
	for i := 0; i+1 < len(files); i += 2 {
		s += "\n<li><a href=\"/files/" + files[i] + "\" download>" + files[i] + "</a> (" + files[i+1] + " bytes)</li>"
	}
	s += "\n</ul>\n"
	if signedIn {
		return s + "<form method=\"post\" action=\"/files\" enctype=\"multipart/form-data\">\n" +
			"<input type=\"hidden\" name=\"_csrf\" value=\"TOKEN\">\n<input type=\"file\" name=\"file\" required>\n" +
			"<button>Upload</button>\n</form>"
	}
	return s + "<p><a href=\"/login\">Log in</a> to upload files.</p>"
}

// TestPagesAndEndpoints sends one request per feature to a fresh app and
// checks the status, the key headers, the body (decompressed) and the
// access log line, which shows the status the client got.
func TestPagesAndEndpoints(t *testing.T) {
	welcome, err := os.ReadFile("files/welcome.txt")
	require.NoError(t, err)
	welcomeSize := welcomeSize(t)
	css, err := os.ReadFile("public/style.css")
	require.NoError(t, err)
	const html, json, text = "text/html; charset=utf-8", "application/json; charset=utf-8", "text/plain; charset=utf-8"
	cases := []struct {
		name         string
		method, path string
		header       map[string]string
		body         string
		expectStatus int
		expectHeader map[string]string // "" means absent
		expectBody   string            // CSRF tokens written TOKEN
		expectLog    string            // the bytes on the wire are appended
	}{
		{name: "the home page is rendered in the layout", method: "GET", path: "/",
			expectStatus: 200, expectHeader: map[string]string{"Content-Type": html, "Content-Encoding": ""},
			expectBody: layout("expresso showcase", "", indexMain), expectLog: "GET / 200"},
		{name: "the files page lists the starter file", method: "GET", path: "/files",
			expectStatus: 200, expectHeader: map[string]string{"Content-Type": html},
			expectBody: layout("Files", "", filesMain(false, "welcome.txt", welcomeSize)), expectLog: "GET /files 200"},
		{name: "a file is downloaded as an attachment", method: "GET", path: "/files/welcome.txt",
			expectStatus: 200, expectHeader: map[string]string{"Content-Type": text,
				"Content-Disposition": "attachment; filename=welcome.txt", "Content-Length": welcomeSize, "Accept-Ranges": "bytes"},
			expectBody: string(welcome), expectLog: "GET /files/welcome.txt 200"},
		{name: "a missing download is a 404 naming the file", method: "GET", path: "/files/nothing.txt",
			header:       map[string]string{"Accept": "text/plain"},
			expectStatus: 404, expectHeader: map[string]string{"Content-Type": text, "Content-Disposition": ""},
			expectBody: "No file named nothing.txt.", expectLog: "GET /files/nothing.txt 404"},
		{name: "the stylesheet is served from the embedded public folder, compressed", method: "GET", path: "/static/style.css",
			header:       map[string]string{"Accept-Encoding": "gzip"},
			expectStatus: 200, expectHeader: map[string]string{"Content-Type": "text/css; charset=utf-8",
				"Content-Encoding": "gzip", "Vary": "Accept-Encoding", "Cache-Control": "public, max-age=3600", "Set-Cookie": ""},
			expectBody: string(css), expectLog: "GET /static/style.css 200"},
		{name: "hello is HTML for a browser", method: "GET", path: "/hello",
			header:       map[string]string{"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
			expectStatus: 200, expectHeader: map[string]string{"Content-Type": html, "Vary": "Accept, Accept-Encoding"},
			expectBody: "<p>Hello, stranger!</p>\n", expectLog: "GET /hello 200"},
		{name: "hello is JSON for a script", method: "GET", path: "/hello",
			header:       map[string]string{"Accept": "application/json"},
			expectStatus: 200, expectHeader: map[string]string{"Content-Type": json},
			expectBody: `{"hello":"stranger"}`, expectLog: "GET /hello 200"},
		{name: "hello is text for a terminal", method: "GET", path: "/hello",
			header:       map[string]string{"Accept": "text/plain"},
			expectStatus: 200, expectHeader: map[string]string{"Content-Type": text},
			expectBody: "Hello, stranger!", expectLog: "GET /hello 200"},
		{name: "hello in no acceptable type is a 406", method: "GET", path: "/hello",
			header:       map[string]string{"Accept": "image/png"},
			expectStatus: 406, expectHeader: map[string]string{"Content-Type": text},
			expectBody: "Not Acceptable", expectLog: "GET /hello 406"},
		{name: "an error the handler returns is answered 418 and logged as 418", method: "GET", path: "/coffee",
			header:       map[string]string{"Accept": "text/plain"},
			expectStatus: 418, expectHeader: map[string]string{"Content-Type": text},
			expectBody: "I'm a teapot: no coffee here", expectLog: "GET /coffee 418"},
		{name: "a panic is answered 500 through Recover and logged as 500", method: "GET", path: "/boom",
			header:       map[string]string{"Accept": "application/json"},
			expectStatus: 500, expectHeader: map[string]string{"Content-Type": json},
			expectBody: `{"status":500,"message":"Internal Server Error"}`, expectLog: "GET /boom 500"},
		{name: "an unknown path is a 404 and logged as 404", method: "GET", path: "/nope",
			header:       map[string]string{"Accept": "text/plain"},
			expectStatus: 404, expectHeader: map[string]string{"Content-Type": text},
			expectBody: "Cannot GET /nope", expectLog: "GET /nope 404"},
		{name: "the API lists users", method: "GET", path: "/api/users",
			expectStatus: 200, expectHeader: map[string]string{"Content-Type": json, "Set-Cookie": ""},
			expectBody: `[{"id":1,"name":"Tobi","email":"tobi@example.com"},{"id":2,"name":"Loki","email":"loki@example.com"}]`,
			expectLog:  "GET /api/users 200"},
		{name: "the API fetches a user", method: "GET", path: "/api/users/2",
			expectStatus: 200, expectHeader: map[string]string{"Content-Type": json},
			expectBody: `{"id":2,"name":"Loki","email":"loki@example.com"}`, expectLog: "GET /api/users/2 200"},
		{name: "the API answers an unknown user with a JSON 404", method: "GET", path: "/api/users/9",
			expectStatus: 404, expectHeader: map[string]string{"Content-Type": json},
			expectBody: `{"error":"no user 9"}`, expectLog: "GET /api/users/9 404"},
		{name: "the API answers a malformed id with a JSON 400", method: "GET", path: "/api/users/x",
			expectStatus: 400, expectHeader: map[string]string{"Content-Type": json},
			expectBody: `{"error":"user id must be a number"}`, expectLog: "GET /api/users/x 400"},
		{name: "the API creates a user", method: "POST", path: "/api/users",
			header: map[string]string{"Content-Type": "application/json"}, body: `{"name":"Ada","email":"ada@example.com"}`,
			expectStatus: 201, expectHeader: map[string]string{"Content-Type": json, "Location": "/api/users/3"},
			expectBody: `{"id":3,"name":"Ada","email":"ada@example.com"}`, expectLog: "POST /api/users 201"},
		{name: "the API refuses a user without a name", method: "POST", path: "/api/users",
			header: map[string]string{"Content-Type": "application/json"}, body: `{"email":"x@example.com"}`,
			expectStatus: 422, expectHeader: map[string]string{"Content-Type": json},
			expectBody: `{"error":"name is required"}`, expectLog: "POST /api/users 422"},
		{name: "the API refuses a cross-origin post from a browser", method: "POST", path: "/api/users",
			header:       map[string]string{"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
			body:         `{"name":"Mallory"}`,
			expectStatus: 403, expectHeader: map[string]string{"Content-Type": text},
			expectBody: "Forbidden: cross-origin request detected from Sec-Fetch-Site header", expectLog: "POST /api/users 403"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app, _, logged := testApp(t)
			r := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			id := "req-" + strconv.Itoa(i)
			r.Header.Set("X-Request-Id", id)
			got := serve(t, app, r)
			assert.Equal(t, tc.expectStatus, got.status)
			for k, v := range tc.expectHeader {
				assert.Equal(t, v, got.header.Get(k), k)
			}
			assert.Equal(t, id, got.header.Get("X-Request-Id"))
			assert.Equal(t, tc.expectBody, withTokens(got.body))
			assert.Equal(t, id+" "+tc.expectLog+" "+strconv.Itoa(got.wire)+"\n", logged.String())
		})
	}
}

// TestLoginUploadLogout follows one browser: a wrong password and a right
// one (flash messages, a new session id), an upload that redirects and
// appears in the list, its download, and the logout.
func TestLoginUploadLogout(t *testing.T) {
	app, dir, logged := testApp(t)
	b := newBrowser(t, app)
	expectRedirect := func(res result, location string) {
		t.Helper()
		assert.Equal(t, http.StatusSeeOther, res.status)
		assert.Equal(t, location, res.header.Get("Location"))
		assert.Equal(t, "See Other. Redirecting to "+location, res.body)
	}

	res := b.get("/login")
	assert.Equal(t, 200, res.status)
	assert.Equal(t, layout("Log in", "", loginMain), withTokens(res.body))
	assert.NotEmpty(t, b.cookies["_csrf"], "the CSRF secret's cookie is set")
	assert.Empty(t, b.cookies["sid"], "no session before anything is stored")

	expectRedirect(b.postForm("/login", url.Values{"username": {"tobi"}, "password": {"espresso"}}), "/login")
	res = b.get("/login")
	assert.Equal(t, layout("Log in", "", "<p class=\"flash error\">Wrong user name or password.</p>\n"+loginMain), withTokens(res.body))
	before := b.cookies["sid"]
	require.NotEmpty(t, before)

	expectRedirect(b.postForm("/login", url.Values{"username": {"tobi"}, "password": {"ferret"}}), "/")
	assert.NotEqual(t, before, b.cookies["sid"], "the session is regenerated on login")
	res = b.get("/")
	assert.Equal(t, layout("expresso showcase", "tobi", "<p class=\"flash info\">Welcome, tobi!</p>\n"+indexMain), withTokens(res.body))
	res = b.get("/")
	assert.Equal(t, layout("expresso showcase", "tobi", indexMain), withTokens(res.body), "a flash is shown once")

	b.get("/files")
	expectRedirect(b.upload("/files", "notes.txt", "fresh beans\n"), "/files")
	saved, err := os.ReadFile(filepath.Join(dir, "notes.txt"))
	require.NoError(t, err)
	assert.Equal(t, "fresh beans\n", string(saved))
	res = b.get("/files")
	assert.Equal(t, layout("Files", "tobi", "<p class=\"flash info\">Uploaded notes.txt (12 bytes).</p>\n"+
		filesMain(true, "notes.txt", "12", "welcome.txt", welcomeSize(t))), withTokens(res.body))
	res = b.get("/files/notes.txt")
	assert.Equal(t, 200, res.status)
	assert.Equal(t, "attachment; filename=notes.txt", res.header.Get("Content-Disposition"))
	assert.Equal(t, "fresh beans\n", res.body)

	expectRedirect(b.postForm("/logout", url.Values{}), "/")
	res = b.get("/")
	assert.Equal(t, layout("expresso showcase", "", "<p class=\"flash info\">You are logged out.</p>\n"+indexMain), withTokens(res.body))

	assert.Equal(t, []string{"GET /login 200", "POST /login 303", "GET /login 200", "POST /login 303", "GET / 200", "GET / 200",
		"GET /files 200", "POST /files 303", "GET /files 200", "GET /files/notes.txt 200", "POST /logout 303", "GET / 200"},
		logRequests(logged.String()))
}

// logRequests returns the method, URL and status of each access log line.
func logRequests(log string) []string {
	var out []string
	for _, line := range strings.Split(strings.TrimSuffix(log, "\n"), "\n") {
		f := strings.Fields(line) // id method url status bytes
		out = append(out, strings.Join(f[1:4], " "))
	}
	return out
}

// welcomeSize is the size of the starter file, as the files page shows it.
func welcomeSize(t *testing.T) string {
	fi, err := os.Stat("files/welcome.txt")
	require.NoError(t, err)
	return strconv.FormatInt(fi.Size(), 10)
}

// TestRefusals pins what the forms refuse: a post without the CSRF token
// or from another site (403), an upload before logging in (to the login
// page, with a flash message), and a file name that would leave the folder
// (400).
func TestRefusals(t *testing.T) {
	cases := []struct {
		name         string
		prepare      func(b *browser)
		send         func(b *browser) result
		expectStatus int
		expectHeader map[string]string
		expectBody   string
		expectNext   string // the body of the next GET /login, "" for none
	}{
		{name: "a form post without the CSRF token is refused",
			send: func(b *browser) result {
				b.token = ""
				return b.postForm("/login", url.Values{"username": {"tobi"}, "password": {"ferret"}})
			},
			expectStatus: 403, expectHeader: map[string]string{"Content-Type": "text/plain; charset=utf-8"},
			expectBody: "Forbidden: invalid CSRF token"},
		{name: "a form post from another site is refused",
			send: func(b *browser) result {
				r := httptest.NewRequest("POST", "/logout", strings.NewReader("_csrf="+b.token))
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				r.Header.Set("Sec-Fetch-Site", "cross-site")
				return b.do(r)
			},
			expectStatus: 403, expectHeader: map[string]string{"Content-Type": "text/plain; charset=utf-8"},
			expectBody: "Forbidden: cross-origin request detected from Sec-Fetch-Site header"},
		{name: "an upload before logging in goes to the login page",
			send:         func(b *browser) result { return b.upload("/files", "x.txt", "x") },
			expectStatus: 303, expectHeader: map[string]string{"Location": "/login"},
			expectBody: "See Other. Redirecting to /login",
			expectNext: layout("Log in", "", "<p class=\"flash error\">Please log in first.</p>\n"+loginMain)},
		{name: "an upload whose name would leave the folder is a 400",
			prepare: func(b *browser) {
				b.postForm("/login", url.Values{"username": {"tobi"}, "password": {"ferret"}})
				b.get("/files")
			},
			send: func(b *browser) result {
				r := httptest.NewRequest("POST", "/files", multipartBody(t, b.token, "..", "x"))
				r.Header.Set("Content-Type", multipartType)
				r.Header.Set("Accept", "text/plain")
				return b.do(r)
			},
			expectStatus: 400, expectHeader: map[string]string{"Content-Type": "text/plain; charset=utf-8"},
			expectBody: `invalid file name ".."`},
		{name: "an upload over the limit is a 413",
			prepare: func(b *browser) {
				b.postForm("/login", url.Values{"username": {"tobi"}, "password": {"ferret"}})
				b.get("/files")
			},
			send: func(b *browser) result {
				r := httptest.NewRequest("POST", "/files", multipartBody(t, b.token, "big.bin", strings.Repeat("x", testMaxUpload)))
				r.Header.Set("Content-Type", multipartType)
				r.Header.Set("Accept", "text/plain")
				return b.do(r)
			},
			expectStatus: 413, expectHeader: map[string]string{"Content-Type": "text/plain; charset=utf-8"},
			expectBody: "request entity too large"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app, dir, _ := testApp(t)
			b := newBrowser(t, app)
			b.get("/login")
			if tc.prepare != nil {
				tc.prepare(b)
			}
			got := tc.send(b)
			assert.Equal(t, tc.expectStatus, got.status)
			for k, v := range tc.expectHeader {
				assert.Equal(t, v, got.header.Get(k), k)
			}
			assert.Equal(t, tc.expectBody, got.body)
			if tc.expectNext != "" {
				assert.Equal(t, tc.expectNext, withTokens(b.get("/login").body))
			}
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Len(t, entries, 1, "nothing but the starter file was saved")
		})
	}
}
