package expresso_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso"
)

// rtOptions is the automatic OPTIONS answer for allow.
func rtOptions(allow string) rtResp {
	return rtResp{Status: 200, Header: http.Header{
		"Allow":                  {allow},
		"Content-Type":           {"text/plain"},
		"X-Content-Type-Options": {"nosniff"},
		"Content-Length":         {strconv.Itoa(len(allow))},
	}, Body: allow}
}

// rt405 is the 405 answer for method on path with allow.
func rt405(method, path, allow string) rtResp {
	r := rtPage(405, "Cannot "+method+" "+path)
	r.Header.Set("Allow", allow)
	return r
}

func rtNoBody(r rtResp) rtResp {
	r.Body = ""
	return r
}

func TestRoutesHead(t *testing.T) {
	t.Parallel()

	t.Run("should answer HEAD from a GET route with the same headers and no body", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		app.Get("/x", func(c *expresso.Context) error { return c.Set("X-Route", "get").Send("hello") })
		get := rtDo(t, app, "GET", "/x")
		want := rtSent("hello")
		want.Header.Set("X-Route", "get")
		assert.Equal(t, want, get)
		assert.Equal(t, rtNoBody(want), rtDo(t, app, "HEAD", "/x"))
	})

	t.Run("should prefer the HEAD handlers of the same route", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		app.Route("/x").Get(rtText("get")).Head(func(c *expresso.Context) error {
			return c.Set("X-Route", "head").SendStatus(204)
		})
		// SendStatus(204) keeps the ETag of "No Content" and drops the rest, as Express.
		assert.Equal(t, rtResp{Status: 204, Header: http.Header{"X-Route": {"head"}, "Etag": {rtETag("No Content")}}, Body: ""},
			rtDo(t, app, "HEAD", "/x"))
		assert.Equal(t, rtSent("get"), rtDo(t, app, "GET", "/x"))
	})

	t.Run("should prefer a HEAD route registered before the GET route", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		app.Head("/x", rtText("head"))
		app.Get("/x", rtText("get"))
		assert.Equal(t, rtNoBody(rtSent("head")), rtDo(t, app, "HEAD", "/x"))
	})

	t.Run("should answer HEAD with a GET route registered before the HEAD route, as Express", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		app.Get("/x", rtText("get"))
		app.Head("/x", rtText("head"))
		assert.Equal(t, rtNoBody(rtSent("get")), rtDo(t, app, "HEAD", "/x"))
	})

	t.Run("should run All and GET handlers for HEAD in order", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		l := &rtLog{}
		app.Route("/x").All(l.mark("all")).Get(l.send("get"))
		assert.Equal(t, rtNoBody(rtSent("all,get")), rtDo(t, app, "HEAD", "/x"))
	})
}

func TestRoutesOptions(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		setup  func(app *expresso.App)
		target string
		want   rtResp
	}{
		{name: "should answer with the sorted methods of the matching routes",
			setup: func(app *expresso.App) {
				app.Post("/x", rtText("post"))
				app.Get("/x", rtText("get"))
				app.Get("/y", rtText("other path"))
			}, target: "/x", want: rtOptions("GET, HEAD, POST")},
		{name: "should list each method once",
			setup: func(app *expresso.App) {
				app.Get("/x", rtText("a"))
				app.Route("/x").Get(rtText("b")).Delete(rtText("c"))
			}, target: "/x", want: rtOptions("DELETE, GET, HEAD")},
		{name: "should list HEAD without GET for a HEAD route",
			setup:  func(app *expresso.App) { app.Head("/x", rtText("head")) },
			target: "/x", want: rtOptions("HEAD")},
		{name: "should list custom methods",
			setup: func(app *expresso.App) {
				app.Handle("purge", "/x", rtText("purge"))
				app.Put("/x", rtText("put"))
			}, target: "/x", want: rtOptions("PURGE, PUT")},
		{name: "should let an OPTIONS route answer",
			setup: func(app *expresso.App) {
				app.Get("/x", rtText("get"))
				app.Options("/x", rtText("custom"))
			}, target: "/x", want: rtSent("custom")},
		{name: "should not count a route that handles OPTIONS and passes it on",
			setup: func(app *expresso.App) {
				app.Options("/x", func(c *expresso.Context) error { return c.Next() })
				app.Post("/x", rtText("post"))
			}, target: "/x", want: rtOptions("POST")},
		{name: "should not count All routes",
			setup: func(app *expresso.App) {
				app.All("/x", func(c *expresso.Context) error { return c.Next() })
				app.Get("/x", rtText("get"))
			}, target: "/x", want: rtOptions("GET, HEAD")},
		{name: "should answer 404 when only All routes matched",
			setup: func(app *expresso.App) {
				app.All("/x", func(c *expresso.Context) error { return c.Next() })
			}, target: "/x", want: rtNotFound("OPTIONS", "/x")},
		{name: "should answer 404 for a path no route matches",
			setup:  func(app *expresso.App) { app.Get("/x", rtText("get")) },
			target: "/y", want: rtNotFound("OPTIONS", "/y")},
		{name: "should let middleware answer first",
			setup: func(app *expresso.App) {
				app.Get("/x", rtText("get"))
				app.Use(rtText("mw"))
			}, target: "/x", want: rtSent("mw")},
		{name: "should answer for a mounted router at the end of its stack, before the parent's later layers",
			setup: func(app *expresso.App) {
				api := expresso.NewRouter()
				api.Put("/x", rtText("put"))
				app.Use("/api", api)
				app.Use(rtText("parent mw"))
			}, target: "/api/x", want: rtOptions("PUT")},
		{name: "should answer for a mounted router left with NextRouter",
			setup: func(app *expresso.App) {
				api := expresso.NewRouter()
				api.Put("/x", rtText("put"))
				api.Use(func(*expresso.Context) error { return expresso.NextRouter })
				app.Use("/api", api)
				app.Use(rtText("parent mw"))
			}, target: "/api/x", want: rtOptions("PUT")},
		{name: "should pass a mounted router without matching routes on to the parent",
			setup: func(app *expresso.App) {
				api := expresso.NewRouter()
				api.Put("/y", rtText("put"))
				app.Use("/api", api)
				app.Patch("/api/x", rtText("patch"))
			}, target: "/api/x", want: rtOptions("PATCH")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := expresso.New()
			tc.setup(app)
			assert.Equal(t, tc.want, rtDo(t, app, "OPTIONS", tc.target))
		})
	}
}

func TestRoutesMethodNotAllowed(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		setup  func(app *expresso.App)
		method string
		target string
		want   rtResp
	}{
		{name: "should answer 405 with Allow for a path that exists for other methods",
			setup:  func(app *expresso.App) { app.Post("/x", rtText("post")) },
			method: "GET", target: "/x", want: rt405("GET", "/x", "POST")},
		{name: "should list the methods of every matching route",
			setup: func(app *expresso.App) {
				app.Put("/x", rtText("put"))
				app.Get("/:id", rtText("get"))
				app.Get("/y", rtText("other path"))
			}, method: "DELETE", target: "/x", want: rt405("DELETE", "/x", "GET, HEAD, PUT")},
		{name: "should send no body for HEAD",
			setup:  func(app *expresso.App) { app.Post("/x", rtText("post")) },
			method: "HEAD", target: "/x", want: rtNoBody(rt405("HEAD", "/x", "POST"))},
		{name: "should answer 405 for a request with a custom method",
			setup:  func(app *expresso.App) { app.Get("/x", rtText("get")) },
			method: "PROPFIND", target: "/x", want: rt405("PROPFIND", "/x", "GET, HEAD")},
		{name: "should answer 405 for a route in a mounted router",
			setup: func(app *expresso.App) {
				api := expresso.NewRouter()
				api.Post("/x", rtText("post"))
				app.Use("/api", api)
			}, method: "GET", target: "/api/x", want: rt405("GET", "/api/x", "POST")},
		{name: "should let later middleware answer instead",
			setup: func(app *expresso.App) {
				app.Post("/x", rtText("post"))
				app.Use(rtText("mw"))
			}, method: "GET", target: "/x", want: rtSent("mw")},
		{name: "should answer 404 when no route matches the path",
			setup:  func(app *expresso.App) { app.Post("/x", rtText("post")) },
			method: "GET", target: "/y", want: rtNotFound("GET", "/y")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := expresso.New()
			tc.setup(app)
			assert.Equal(t, tc.want, rtDo(t, app, tc.method, tc.target))
		})
	}
}
