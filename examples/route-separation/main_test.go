package main

import (
	"crypto/sha1"
	"encoding/base64"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso"
)

const header = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <title>TITLE</title>
  <link rel="stylesheet" href="/style.css">
</head>
<body>
`

const footer = "</body>\n</html>\n"

// page is a rendered page: the header with title, the body, the footer.
func page(title, body string) string {
	return strings.Replace(header, "TITLE", title, 1) + body + footer
}

// sent are the headers of a body sent with the Content-Type ct.
func sent(ct, body string) map[string]string {
	sum := sha1.Sum([]byte(body))
	return map[string]string{
		"Content-Type":   ct,
		"Content-Length": strconv.Itoa(len(body)),
		"Etag":           `W/"` + strconv.FormatInt(int64(len(body)), 16) + "-" + base64.StdEncoding.EncodeToString(sum[:])[:27] + `"`,
	}
}

const html = "text/html; charset=utf-8"

// errorPage is the default error handler's HTML page for msg.
func errorPage(msg string) string {
	return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>" +
		msg + "</pre>\n</body>\n</html>\n"
}

func errorHeaders(body string) map[string]string {
	return map[string]string{
		"Content-Type":            html,
		"Content-Length":          strconv.Itoa(len(body)),
		"Content-Security-Policy": "default-src 'none'",
		"X-Content-Type-Options":  "nosniff",
	}
}

// request is one request to h; form, when set, is its urlencoded body.
type request struct {
	method, target, form, referer string
}

func do(t *testing.T, h http.Handler, rq request) (int, map[string]string, string) {
	t.Helper()
	var body io.Reader
	if rq.form != "" {
		body = strings.NewReader(rq.form)
	}
	req := httptest.NewRequest(rq.method, rq.target, body)
	if rq.form != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if rq.referer != "" {
		req.Header.Set("Referer", rq.referer)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	got := map[string]string{}
	for k, vs := range w.Header() {
		got[k] = strings.Join(vs, "\n")
	}
	return w.Code, got, w.Body.String()
}

func handler() http.Handler {
	return newApp(expresso.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
}

var (
	indexPage = page("Route Separation Example", "\n<h1>Route Separation Example</h1>\n\n<ul>\n"+
		"  <li>Visit the <a href=\"/users\">users</a> page.</li>\n  <li>Visit the <a href=\"/posts\">posts</a> page.</li>\n</ul>\n\n")
	usersPage = page("Users", "\n<h1>Users</h1>\n\n<div id=\"users\">\n"+
		"  <li>\n    <a href=\"/user/0\">TJ</a>\n    <a href=\"/user/0/edit\">edit</a>\n  </li>\n"+
		"  <li>\n    <a href=\"/user/1\">Tobi</a>\n    <a href=\"/user/1/edit\">edit</a>\n  </li>\n</div>\n\n")
	postsPage = page("Posts", "\n<h1>Posts</h1>\n\n<dl id=\"posts\">\n"+
		"  <dt>Foo</dt>\n  <dd>some foo bar</dd>\n  <dt>Foo bar</dt>\n  <dd>more foo bar</dd>\n"+
		"  <dt>Foo bar baz</dt>\n  <dd>more foo bar baz</dd>\n</dl>\n\n")
)

var (
	editTJ = page("Editing user TJ", "\n<h1>Editing TJ</h1>\n\n<div id=\"user\">\n"+
		"  <form action=\"?_method=put\" method=\"post\">\n    <p>\n      Name:\n"+
		"      <input type=\"text\" value=\"TJ\" name=\"user[name]\" />\n    </p>\n\n    <p>\n      Email:\n"+
		"      <input type=\"email\" value=\"tj@vision-media.ca\" name=\"user[email]\" />\n    </p>\n\n"+
		"    <p>\n      <input type=\"submit\" value=\"Save\" />\n    </p>\n  </form>\n</div>\n\n")
)

// viewPage is the page of a user.
func viewPage(name, email string) string {
	return page("Viewing user "+name, "\n<h1>"+name+"</h1>\n\n<div id=\"user\">\n  <p>Email: "+email+"</p>\n</div>\n\n")
}

func TestRoutes(t *testing.T) {
	cases := []struct {
		name    string
		target  string
		status  int
		headers map[string]string
		body    string
	}{
		{"should respond with index", "/", 200, sent(html, indexPage), indexPage},
		{"should list users", "/users", 200, sent(html, usersPage), usersPage},
		{"should get a user", "/user/0", 200, sent(html, viewPage("TJ", "tj@vision-media.ca")), viewPage("TJ", "tj@vision-media.ca")},
		{"should get a user at /view", "/user/1/view", 200, sent(html, viewPage("Tobi", "tobi@vision-media.ca")), viewPage("Tobi", "tobi@vision-media.ca")},
		{"should get a user to edit", "/user/0/edit", 200, sent(html, editTJ), editTJ},
		{"should 404 on a missing user", "/user/10", 404, errorHeaders(errorPage("cannot find user 10")), errorPage("cannot find user 10")},
		{"should 404 on a missing user at /view", "/user/10/view", 404, errorHeaders(errorPage("cannot find user 10")), errorPage("cannot find user 10")},
		{"should 404 on a user id that is no number", "/user/tj", 404, errorHeaders(errorPage("cannot find user tj")), errorPage("cannot find user tj")},
		{"should 404 on an operation no route has", "/user/0/delete", 404, errorHeaders(errorPage("Cannot GET /user/0/delete")), errorPage("Cannot GET /user/0/delete")},
		{"should list posts", "/posts", 200, sent(html, postsPage), postsPage},
		{"should serve the style sheet", "/style.css", 200, sent("text/css; charset=utf-8", string(styleCSS)), string(styleCSS)},
	}
	h := handler()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, headers, body := do(t, h, request{method: http.MethodGet, target: tc.target})
			assert.Equal(t, tc.status, status)
			assert.Equal(t, tc.headers, headers)
			assert.Equal(t, tc.body, body)
		})
	}
}

func TestEditUser(t *testing.T) {
	redirect := func(to string) map[string]string {
		body := "Found. Redirecting to " + to
		return map[string]string{"Content-Type": "text/plain; charset=utf-8", "Content-Length": strconv.Itoa(len(body)),
			"Location": to, "Vary": "Accept"}
	}
	cases := []struct {
		name     string
		edit     request
		location string
		user     string
		page     string
	}{
		{"should edit a user with PUT and go home without a Referer",
			request{method: http.MethodPut, target: "/user/0/edit", form: "user%5Bname%5D=TJ&user%5Bemail%5D=tj-invalid%40vision-media.ca"},
			"/", "/user/0", viewPage("TJ", "tj-invalid@vision-media.ca")},
		{"should edit a user with POST ?_method=PUT and go back to the Referer",
			request{method: http.MethodPost, target: "/user/1/edit?_method=PUT", referer: "/user/1/edit",
				form: "user[name]=Tobi&user[email]=tobi-invalid@vision-media.ca"},
			"/user/1/edit", "/user/1", viewPage("Tobi", "tobi-invalid@vision-media.ca")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := handler()
			status, headers, body := do(t, h, tc.edit)
			assert.Equal(t, 302, status)
			assert.Equal(t, redirect(tc.location), headers)
			assert.Equal(t, "Found. Redirecting to "+tc.location, body)

			status, headers, body = do(t, h, request{method: http.MethodGet, target: tc.user})
			assert.Equal(t, 200, status)
			assert.Equal(t, sent(html, tc.page), headers)
			assert.Equal(t, tc.page, body)
		})
	}
	t.Run("should not override the method of a GET", func(t *testing.T) {
		status, headers, body := do(t, handler(), request{method: http.MethodGet, target: "/user/0/edit?_method=PUT"})
		assert.Equal(t, 200, status)
		assert.Equal(t, sent(html, editTJ), headers)
		assert.Equal(t, editTJ, body)
	})
}
