package expresso_test

import (
	"crypto/sha1"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// rtResp is a response as the routing tests compare it: status, every
// header, body.
type rtResp struct {
	Status int
	Header http.Header
	Body   string
}

// rtDo serves one request and returns the response as a client sees it.
func rtDo(t *testing.T, h http.Handler, method, target string) rtResp {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, target, nil))
	res := w.Result()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	for k, v := range res.Header {
		if len(v) == 0 {
			// The nil entry that stops net/http's sniffing; never on the wire.
			delete(res.Header, k)
		}
	}
	return rtResp{Status: res.StatusCode, Header: res.Header, Body: string(body)}
}

// rtETag is Express's weak ETag of body.
func rtETag(body string) string {
	sum := sha1.Sum([]byte(body))
	return `W/"` + strconv.FormatInt(int64(len(body)), 16) + "-" + base64.StdEncoding.EncodeToString(sum[:])[:27] + `"`
}

// rtSent is the 200 response of c.Send(body) for a string body.
func rtSent(body string) rtResp {
	return rtResp{Status: 200, Header: http.Header{
		"Content-Type":   {"text/html; charset=utf-8"},
		"Content-Length": {strconv.Itoa(len(body))},
		"Etag":           {rtETag(body)},
	}, Body: body}
}

// rtPage is the default error handler's HTML page for a request without
// an Accept header.
func rtPage(status int, msg string) rtResp {
	body := "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>" +
		msg + "</pre>\n</body>\n</html>\n"
	return rtResp{Status: status, Header: http.Header{
		"Content-Security-Policy": {"default-src 'none'"},
		"X-Content-Type-Options":  {"nosniff"},
		"Content-Type":            {"text/html; charset=utf-8"},
		"Content-Length":          {strconv.Itoa(len(body))},
	}, Body: body}
}

// rtNotFound is the default 404 for method and escaped path.
func rtNotFound(method, path string) rtResp {
	return rtPage(404, "Cannot "+method+" "+path)
}

// rtLog records which handlers ran, in order.
type rtLog struct{ names []string }

func (l *rtLog) String() string { return strings.Join(l.names, ",") }

// mark returns a handler that records name and passes the request on.
func (l *rtLog) mark(name string) expresso.Handler {
	return func(c *expresso.Context) error {
		l.names = append(l.names, name)
		return c.Next()
	}
}

// send returns a handler that records name and answers with the log.
func (l *rtLog) send(name string) expresso.Handler {
	return func(c *expresso.Context) error {
		l.names = append(l.names, name)
		return c.Send(l.String())
	}
}

// rtText returns a handler that answers with s.
func rtText(s string) expresso.Handler {
	return func(c *expresso.Context) error { return c.Send(s) }
}

// rtWhere answers with the request's Path, BaseURL and OriginalURL.
func rtWhere(c *expresso.Context) error {
	return c.Send(c.Path() + "|" + c.BaseURL() + "|" + c.OriginalURL())
}

func TestRouterRegistrationOrder(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		setup   func(app *expresso.App, l *rtLog)
		method  string
		target  string
		want    rtResp
		wantLog string
	}{
		{
			name: "should run middleware registered before a route",
			setup: func(app *expresso.App, l *rtLog) {
				app.Use(l.mark("mw"))
				app.Get("/x", l.send("route"))
			},
			target: "/x", want: rtSent("mw,route"), wantLog: "mw,route",
		},
		{
			name: "should not run middleware registered after the route that answered",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/x", l.send("route"))
				app.Use(l.send("mw"))
			},
			target: "/x", want: rtSent("route"), wantLog: "route",
		},
		{
			name: "should run middleware registered after the routes for a request no route matched",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/x", l.send("route"))
				app.Use(l.send("mw"))
			},
			target: "/y", want: rtSent("mw"), wantLog: "mw",
		},
		{
			name: "should fall through past a route that calls Next to later middleware",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/x", l.mark("route"))
				app.Use(l.send("mw"))
			},
			target: "/x", want: rtSent("route,mw"), wantLog: "route,mw",
		},
		{
			name: "should end in the 404 after the last handler calls Next",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/x", l.mark("route"))
				app.Use(l.mark("mw"))
			},
			target: "/x", want: rtNotFound("GET", "/x"), wantLog: "route,mw",
		},
		{
			name: "should interleave middleware and routes in registration order",
			setup: func(app *expresso.App, l *rtLog) {
				app.Use(l.mark("a"))
				app.Get("/x", l.mark("b"))
				app.Use(l.mark("c"))
				app.Get("/y", l.mark("skipped"))
				app.All("/x", l.mark("d"))
				app.Get("/x", l.send("e"))
			},
			target: "/x", want: rtSent("a,b,c,d,e"), wantLog: "a,b,c,d,e",
		},
		{
			name: "should stop at a middleware that answers without calling Next",
			setup: func(app *expresso.App, l *rtLog) {
				app.Use(l.send("a"))
				app.Get("/x", l.send("b"))
			},
			target: "/x", want: rtSent("a"), wantLog: "a",
		},
		{
			name: "should run a route's handlers in order",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/x", l.mark("a"), l.mark("b"), l.send("c"))
			},
			target: "/x", want: rtSent("a,b,c"), wantLog: "a,b,c",
		},
		{
			name: "should skip routes for other methods",
			setup: func(app *expresso.App, l *rtLog) {
				app.Post("/x", l.send("post"))
				app.Get("/x", l.send("get"))
			},
			target: "/x", want: rtSent("get"), wantLog: "get",
		},
		{
			name: "should run All routes for any method",
			setup: func(app *expresso.App, l *rtLog) {
				app.All("/x", l.mark("all"))
				app.Delete("/x", l.send("delete"))
			},
			method: "DELETE", target: "/x", want: rtSent("all,delete"), wantLog: "all,delete",
		},
		{
			name: "should keep registration order inside a Route across methods and All",
			setup: func(app *expresso.App, l *rtLog) {
				app.Route("/x").Get(l.mark("get1")).All(l.mark("all")).Post(l.mark("post")).Get(l.send("get2"))
			},
			target: "/x", want: rtSent("get1,all,get2"), wantLog: "get1,all,get2",
		},
		{
			name: "should run middleware for every method",
			setup: func(app *expresso.App, l *rtLog) {
				app.Use(l.send("mw"))
			},
			method: "PATCH", target: "/anything/at/all", want: rtSent("mw"), wantLog: "mw",
		},
		{
			name: "should do nothing at the end of the chain once the response was sent",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/x", func(c *expresso.Context) error {
					l.names = append(l.names, "x")
					if err := c.Send("sent"); err != nil {
						return err
					}
					return c.Next()
				})
			},
			target: "/x", want: rtSent("sent"), wantLog: "x",
		},
		{
			name: "should run a route with no handlers as no match",
			setup: func(app *expresso.App, l *rtLog) {
				app.Route("/x")
				app.Use(l.mark("mw"))
			},
			target: "/x", want: rtNotFound("GET", "/x"), wantLog: "mw",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := expresso.New()
			l := &rtLog{}
			tc.setup(app, l)
			method := tc.method
			if method == "" {
				method = "GET"
			}
			assert.Equal(t, tc.want, rtDo(t, app, method, tc.target))
			assert.Equal(t, tc.wantLog, l.String())
		})
	}
}

func TestRouterUsePrefix(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		mount  string
		cfg    expresso.Config
		target string
		want   string // "" = the prefix did not match
	}{
		{name: "should match the prefix itself", mount: "/api", target: "/api", want: "/|/api|/api"},
		{name: "should match the prefix with a trailing slash", mount: "/api", target: "/api/", want: "/|/api|/api/"},
		{name: "should match a path below the prefix", mount: "/api", target: "/api/x", want: "/x|/api|/api/x"},
		{name: "should keep the rest of the path as is", mount: "/api", target: "/api/x/y/", want: "/x/y/|/api|/api/x/y/"},
		{name: "should not match across a segment boundary", mount: "/api", target: "/apix"},
		{name: "should not match a longer first segment", mount: "/api", target: "/apix/y"},
		{name: "should not match the prefix elsewhere in the path", mount: "/api", target: "/v1/api"},
		{name: "should match case-insensitively and keep the request's case", mount: "/api", target: "/API/X", want: "/X|/API|/API/X"},
		{name: "should not match another case when case-sensitive", mount: "/api", cfg: expresso.Config{CaseSensitive: true}, target: "/API/x"},
		{name: "should ignore a trailing slash in the mount path", mount: "/api/", target: "/api", want: "/|/api|/api"},
		{name: "should ignore a trailing slash in the mount path below it", mount: "/api/", target: "/api/x", want: "/x|/api|/api/x"},
		{name: "should never be strict", mount: "/api", cfg: expresso.Config{StrictRouting: true}, target: "/api/", want: "/|/api|/api/"},
		{name: "should leave the query out of Path and in OriginalURL", mount: "/api", target: "/api/x?q=1&r=%20", want: "/x|/api|/api/x?q=1&r=%20"},
		{name: "should keep the path escaped", mount: "/api", target: "/api/a%2Fb", want: "/a%2Fb|/api|/api/a%2Fb"},
		{name: "should match a multi-segment prefix", mount: "/api/v1", target: "/api/v1/users", want: "/users|/api/v1|/api/v1/users"},
		{name: "should not match a partial multi-segment prefix", mount: "/api/v1", target: "/api/v2/users"},
		{name: "should match a parameter in the prefix", mount: "/:tenant", target: "/acme/x", want: "/x|/acme|/acme/x"},
		{name: "should see every path at the root mount", mount: "/", target: "/a/b", want: "/a/b||/a/b"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := expresso.New(tc.cfg)
			app.Use(tc.mount, rtWhere)
			app.Use(rtText("unmatched"))
			want := rtSent("unmatched")
			if tc.want != "" {
				want = rtSent(tc.want)
			}
			assert.Equal(t, want, rtDo(t, app, "GET", tc.target))
		})
	}
}

func TestRouterUsePrefixRestoresPath(t *testing.T) {
	t.Parallel()
	app := expresso.New()
	l := &rtLog{}
	app.Use("/api", func(c *expresso.Context) error {
		l.names = append(l.names, c.Path()+"|"+c.BaseURL())
		return c.Next()
	})
	app.Get("/api/x", func(c *expresso.Context) error {
		l.names = append(l.names, c.Path()+"|"+c.BaseURL())
		return c.Send(l.String())
	})
	assert.Equal(t, rtSent("/x|/api,/api/x|"), rtDo(t, app, "GET", "/api/x"),
		"should give the next layer the full path back after a prefixed middleware calls Next")
}

func TestRouterUsePrefixParams(t *testing.T) {
	t.Parallel()
	app := expresso.New()
	app.Use("/:tenant/:env", func(c *expresso.Context) error {
		return c.Send(c.Param("tenant") + "|" + c.Param("env") + "|" + c.Path())
	})
	assert.Equal(t, rtSent("acme co|prod|/x"), rtDo(t, app, "GET", "/acme%20co/prod/x"),
		"should decode a prefix's params and strip what they matched")
}
