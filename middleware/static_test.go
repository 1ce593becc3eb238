package middleware_test

import (
	"log/slog"
	"net/http"
	"testing"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

func TestStaticServes(t *testing.T) {
	t.Parallel()
	root := stFixtures(t)
	app := stApp("/static", middleware.Static(root))
	stRun(t, app, []stCase{
		{name: "should serve a file", target: "/static/name.txt", status: 200, headers: stFile(stText, 4), body: "tobi"},
		{name: "should serve a file in a directory", target: "/static/users/tobi.txt", status: 200, headers: stFile(stText, 6), body: "ferret"},
		{name: "should send only headers to HEAD", method: http.MethodHead, target: "/static/nums.txt", status: 200, headers: stFile(stText, 9)},
		{name: "should serve the index of a directory", target: "/static/users/", status: 200, headers: stFile(stHTML, 12), body: "<p>users</p>"},
		{name: "should keep a plus literal", target: "/static/a+b.txt", status: 200, headers: stFile(stText, 4), body: "plus"},
		{name: "should decode escapes", target: "/static/snow%20%E2%98%83/", status: 200, headers: stFile(stHTML, 4), body: "snow"},
		{name: "should allow .. that stays inside", target: "/static/users/../todo.txt", status: 200, headers: stFile(stText, 11), body: "- groceries"},
		{name: "should keep the query out of the path", target: "/static/name.txt?x=1", status: 200, headers: stFile(stText, 4), body: "tobi"},
		{name: "should fall through for a missing file", target: "/static/missing.txt", status: 200, headers: stNext, body: "next"},
		{name: "should fall through for a file with a trailing slash", target: "/static/todo.txt/", status: 200, headers: stNext, body: "next"},
		{name: "should fall through for a directory without index", target: "/static/emptydir/", status: 200, headers: stNext, body: "next"},
		{name: "should fall through for POST", method: http.MethodPost, target: "/static/name.txt", status: 200, headers: stNext, body: "next"},
		{name: "should fall through for an escape of invalid UTF-8", target: "/static/%FF.txt", status: 200, headers: stNext, body: "next"},
		{name: "should fall through for NUL", target: "/static/name.txt%00", status: 200, headers: stNext, body: "next"},
		{name: "should fall through for .. out of the root", target: "/static/users/%2e%2e/%2e%2e/todo.txt", status: 200, headers: stNext, body: "next"},
		{name: "should fall through for %2F", target: "/static/users%2Ftobi.txt", status: 200, headers: stNext, body: "next"},
		{name: "should fall through for %5C", target: "/static/a%5Cb.txt", status: 200, headers: stNext, body: "next"},
		{name: "should fall through for a dotfile", target: "/static/.name", status: 200, headers: stNext, body: "next"},
		{name: "should fall through for a link out of the root", target: "/static/escape.txt", status: 200, headers: stNext, body: "next"},
	})
	prod := stApp("/static", middleware.Static(root), expresso.Config{Env: "production", Logger: slog.New(slog.DiscardHandler)})
	stRun(t, prod, []stCase{
		{name: "should not fall through for a link loop", target: "/static/loop", status: 500, headers: stError("Internal Server Error"), body: "Internal Server Error"},
	})
}

func TestStaticNoFallthrough(t *testing.T) {
	t.Parallel()
	root := stFixtures(t)
	app := stApp("/static", middleware.Static(root, middleware.StaticOptions{DisableFallthrough: true}))
	notFound, forbidden, bad := stError("Not Found"), stError("Forbidden"), stError("Bad Request")
	stRun(t, app, []stCase{
		{name: "should 404 a missing file", target: "/static/missing.txt", status: 404, headers: notFound, body: "Not Found"},
		{name: "should 404 a file with a trailing slash", target: "/static/todo.txt/", status: 404, headers: notFound, body: "Not Found"},
		{name: "should 404 a directory without index", target: "/static/emptydir/", status: 404, headers: notFound, body: "Not Found"},
		{name: "should 400 an escape of invalid UTF-8", target: "/static/%FF.txt", status: 400, headers: bad, body: "Bad Request"},
		{name: "should 400 NUL", target: "/static/name.txt%00", status: 400, headers: bad, body: "Bad Request"},
		{name: "should 403 encoded .. out of the root", target: "/static/users/%2e%2e/%2e%2e/todo.txt", status: 403, headers: forbidden, body: "Forbidden"},
		{name: "should 404 .. with an encoded backslash", target: `/static/..%5Cx`, status: 404, headers: notFound, body: "Not Found"},
		{name: "should 403 a raw backslash .., as send does", target: `/static/users/..\..\todo.txt`, status: 403, headers: forbidden, body: "Forbidden"},
		{name: "should 403 .. out of the root", target: "/static/../x", status: 403, headers: forbidden, body: "Forbidden"},
		{name: "should 404 %2F rather than use it as a separator", target: "/static/users%2Ftobi.txt", status: 404, headers: notFound, body: "Not Found"},
		{name: "should 404 %2f in lower case", target: "/static/users%2ftobi.txt", status: 404, headers: notFound, body: "Not Found"},
		{name: "should 404 %5C", target: "/static/a%5Cb.txt", status: 404, headers: notFound, body: "Not Found"},
		{name: "should 404 a dotfile", target: "/static/.name", status: 404, headers: notFound, body: "Not Found"},
		{name: "should 404 a file in a dot directory", target: "/static/.hidden/inside.txt", status: 404, headers: notFound, body: "Not Found"},
		{name: "should 404 .well-known by default", target: "/static/sub/.well-known/x", status: 404, headers: notFound, body: "Not Found"},
		{name: "should 404 a link out of the root", target: "/static/escape.txt", status: 404, headers: notFound, body: "Not Found"},
		{name: "should 405 POST with Allow", method: http.MethodPost, target: "/static/name.txt", status: 405,
			headers: map[string]string{"Allow": "GET, HEAD", "Content-Length": "0"}},
		{name: "should 405 OPTIONS with Allow", method: http.MethodOptions, target: "/static/", status: 405,
			headers: map[string]string{"Allow": "GET, HEAD", "Content-Length": "0"}},
		{name: "should still serve a file", target: "/static/name.txt", status: 200, headers: stFile(stText, 4), body: "tobi"},
	})
}

func TestStaticDotfiles(t *testing.T) {
	t.Parallel()
	root := stFixtures(t)
	for _, tc := range []struct {
		policy string
		status int
		body   string
	}{{"ignore", 404, "Not Found"}, {"deny", 403, "Forbidden"}, {"allow", 200, ""}} {
		app := stApp("", middleware.Static(root, middleware.StaticOptions{Dotfiles: tc.policy, DisableFallthrough: true}))
		fellThrough := stApp("", middleware.Static(root, middleware.StaticOptions{Dotfiles: tc.policy}))
		t.Run(tc.policy, func(t *testing.T) {
			t.Parallel()
			if tc.status == 200 {
				stRun(t, app, []stCase{
					{name: "dotfile", target: "/.name", status: 200, headers: stFile("application/octet-stream", 4), body: "tobi"},
					{name: "dot directory", target: "/.hidden/inside.txt", status: 200, headers: stFile(stText, 6), body: "secret"},
					{name: "well-known", target: "/sub/.well-known/x", status: 200, headers: stFile("application/octet-stream", 2), body: "wk"},
					{name: "missing dotfile", target: "/.missing", status: 404, headers: stError("Not Found"), body: "Not Found"},
				})
				return
			}
			stRun(t, app, []stCase{
				{name: "dotfile", target: "/.name", status: tc.status, headers: stError(tc.body), body: tc.body},
				{name: "dot directory", target: "/.hidden/inside.txt", status: tc.status, headers: stError(tc.body), body: tc.body},
				{name: "missing dotfile", target: "/.missing", status: tc.status, headers: stError(tc.body), body: tc.body},
			})
			stRun(t, fellThrough, []stCase{
				{name: "dotfile with fallthrough", target: "/.name", status: 200, headers: stNext, body: "next"},
			})
		})
	}
}

func TestStaticRedirect(t *testing.T) {
	t.Parallel()
	root := stFixtures(t)
	mounted := stApp("/static", middleware.Static(root))
	top := stApp("", middleware.Static(root))
	type redirectCase struct {
		name, method, target, location string
		app                            interface{}
	}
	users, usersBody := stRedirect("/static/users/")
	mount, mountBody := stRedirect("/static/")
	mountQ, mountQBody := stRedirect("/static/?x=1")
	usersQ, usersQBody := stRedirect("/static/users/?x=1")
	stRun(t, mounted, []stCase{
		{name: "should redirect a directory to its slash URL", target: "/static/users", status: 301, headers: users, body: usersBody},
		{name: "should redirect the mount point", target: "/static", status: 301, headers: mount, body: mountBody},
		{name: "should keep the query of the mount point", target: "/static?x=1", status: 301, headers: mountQ, body: mountQBody},
		{name: "should keep the query", target: "/static/users?x=1", status: 301, headers: usersQ, body: usersQBody},
		{name: "should redirect HEAD without a body", method: http.MethodHead, target: "/static/users", status: 301, headers: users},
		{name: "should redirect an empty directory", target: "/static/emptydir", status: 301,
			headers: func() map[string]string { h, _ := stRedirect("/static/emptydir/"); return h }(),
			body:    func() string { _, b := stRedirect("/static/emptydir/"); return b }()},
	})
	cases := []struct{ name, target, location string }{
		{"should collapse leading slashes", "//users", "/users/"},
		{"should collapse leading slashes before a query", "///users?x=1", "/users/?x=1"},
		{"should encode a character not allowed in a URL", "/a%3Cb", "/a%3Cb/"},
		{"should keep escapes as sent", "/snow%20%E2%98%83", "/snow%20%E2%98%83/"},
		{"should encode a stray percent and brackets in the query", "/users?q=%zz&r=<a>'", "/users/?q=%25zz&r=%3Ca%3E'"},
	}
	var tcs []stCase
	for _, c := range cases {
		h, b := stRedirect(escapeHTML(c.location))
		h["Location"] = c.location
		tcs = append(tcs, stCase{name: c.name, target: c.target, status: 301, headers: h, body: b})
	}
	stRun(t, top, tcs)
	noRedirect := stApp("", middleware.Static(root, middleware.StaticOptions{DisableRedirect: true}))
	noRedirectStrict := stApp("", middleware.Static(root, middleware.StaticOptions{DisableRedirect: true, DisableFallthrough: true}))
	stRun(t, noRedirect, []stCase{{name: "should fall through without redirect", target: "/users", status: 200, headers: stNext, body: "next"}})
	stRun(t, noRedirectStrict, []stCase{{name: "should 404 without redirect", target: "/users", status: 404, headers: stError("Not Found"), body: "Not Found"}})
}

// escapeHTML escapes as serve-static's redirect body does.
func escapeHTML(s string) string {
	out := ""
	for _, r := range s {
		switch r {
		case '&':
			out += "&amp;"
		case '<':
			out += "&lt;"
		case '>':
			out += "&gt;"
		case '"':
			out += "&quot;"
		case '\'':
			out += "&#39;"
		default:
			out += string(r)
		}
	}
	return out
}
