package expresso_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso"
)

// rtParams answers with c.Params() as "k=v,k=v".
func rtParams(c *expresso.Context) error {
	s := ""
	for i, p := range c.Params() {
		if i > 0 {
			s += ","
		}
		s += p.Key + "=" + p.Value
	}
	return c.Send(s)
}

func TestRouterMounting(t *testing.T) {
	t.Parallel()

	t.Run("should give nested routers their relative paths and accumulated BaseURL", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		a, b := expresso.NewRouter(), expresso.NewRouter()
		l := &rtLog{}
		a.Use(func(c *expresso.Context) error {
			l.names = append(l.names, c.Path()+" "+c.BaseURL())
			return c.Next()
		})
		b.Get("/c", func(c *expresso.Context) error {
			l.names = append(l.names, c.Path()+" "+c.BaseURL()+" "+c.OriginalURL())
			return c.Send(l.String())
		})
		a.Use("/b", b)
		app.Use("/a", a)
		assert.Equal(t, rtSent("/b/c /a,/c /a/b /a/b/c?z=1"), rtDo(t, app, "GET", "/a/b/c?z=1"))
	})

	t.Run("should resolve params in BaseURL", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		r := expresso.NewRouter()
		r.Get("/x", rtWhere)
		app.Use("/:tenant", r)
		assert.Equal(t, rtSent("/x|/acme|/acme/x"), rtDo(t, app, "GET", "/acme/x"))
	})

	t.Run("should answer the mount path itself with the router's root route", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		r := expresso.NewRouter()
		r.Get("/", rtWhere)
		app.Use("/api", r)
		assert.Equal(t, rtSent("/|/api|/api"), rtDo(t, app, "GET", "/api"))
		assert.Equal(t, rtSent("/|/api|/api/"), rtDo(t, app, "GET", "/api/"))
	})

	t.Run("should fall through an unmatched router to the parent's later layers", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		l := &rtLog{}
		r := expresso.NewRouter()
		r.Use(l.mark("router-mw"))
		r.Get("/known", l.send("known"))
		app.Use("/api", r)
		app.Use(l.mark("after"))
		app.Get("/api/other", l.send("app-route"))
		assert.Equal(t, rtSent("router-mw,after,app-route"), rtDo(t, app, "GET", "/api/other"))
	})

	t.Run("should keep a router's middleware inside it", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		l := &rtLog{}
		r := expresso.NewRouter()
		r.Use(l.mark("router-mw"))
		app.Use("/api", r)
		app.Get("/web", l.send("web"))
		assert.Equal(t, rtSent("web"), rtDo(t, app, "GET", "/web"))
	})

	t.Run("should serve one router mounted at two prefixes", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		r := expresso.NewRouter()
		r.Get("/x", rtWhere)
		app.Use("/v1", r)
		app.Use("/v2", r)
		assert.Equal(t, rtSent("/x|/v1|/v1/x"), rtDo(t, app, "GET", "/v1/x"))
		assert.Equal(t, rtSent("/x|/v2|/v2/x"), rtDo(t, app, "GET", "/v2/x"))
	})

	t.Run("should route a mounted router with its own options", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		r := expresso.NewRouter(expresso.RouterConfig{CaseSensitive: true, Strict: true})
		r.Get("/X/", rtText("exact"))
		app.Use("/api", r)
		assert.Equal(t, rtSent("exact"), rtDo(t, app, "GET", "/API/X/"))
		assert.Equal(t, rtNotFound("GET", "/api/x/"), rtDo(t, app, "GET", "/api/x/"))
		assert.Equal(t, rtNotFound("GET", "/api/X"), rtDo(t, app, "GET", "/api/X"))
	})
}

func TestRouterMergeParams(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		mount  string
		route  string
		merge  bool
		target string
		want   string
	}{
		{name: "should replace the parent's params by default", mount: "/users/:uid", route: "/posts/:pid",
			target: "/users/7/posts/9", want: "pid=9"},
		{name: "should keep the parent's params before the child's with MergeParams", mount: "/users/:uid",
			route: "/posts/:pid", merge: true, target: "/users/7/posts/9", want: "uid=7,pid=9"},
		{name: "should let the child's value win in the parent's position", mount: "/:id/:x", route: "/:y/:id",
			merge: true, target: "/p/q/r/s", want: "id=s,x=q,y=r"},
		{name: "should give the parent's params to a route without params", mount: "/users/:uid", route: "/",
			merge: true, target: "/users/7", want: "uid=7"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := expresso.New()
			r := expresso.NewRouter(expresso.RouterConfig{MergeParams: tc.merge})
			r.Get(tc.route, rtParams)
			app.Use(tc.mount, r)
			assert.Equal(t, rtSent(tc.want), rtDo(t, app, "GET", tc.target))
		})
	}

	t.Run("should merge through several levels", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		mid := expresso.NewRouter(expresso.RouterConfig{MergeParams: true})
		leaf := expresso.NewRouter(expresso.RouterConfig{MergeParams: true})
		leaf.Get("/:c", rtParams)
		mid.Use("/:b", leaf)
		app.Use("/:a", mid)
		assert.Equal(t, rtSent("a=1,b=2,c=3"), rtDo(t, app, "GET", "/1/2/3"))
	})

	t.Run("should restore the parent's params after a router falls through", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		r := expresso.NewRouter(expresso.RouterConfig{MergeParams: true})
		r.Get("/:b/none", rtParams)
		app.Use("/:a", r)
		app.Get("/:a/:b", rtParams)
		assert.Equal(t, rtSent("a=1,b=2"), rtDo(t, app, "GET", "/1/2"))
	})
}

func TestRouterNotFound(t *testing.T) {
	t.Parallel()

	t.Run("should replace the App's 404", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		app.Get("/x", rtText("x"))
		app.NotFound(func(c *expresso.Context) error {
			return c.Status(404).Send("no " + c.Path())
		})
		want := rtSent("no /missing")
		want.Status = 404
		assert.Equal(t, want, rtDo(t, app, "GET", "/missing"))
		assert.Equal(t, rtSent("x"), rtDo(t, app, "GET", "/x"))
	})

	t.Run("should run the App's NotFound after every middleware called Next", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		l := &rtLog{}
		app.Use(l.mark("mw"))
		app.NotFound(l.send("notfound"))
		assert.Equal(t, rtSent("mw,notfound"), rtDo(t, app, "GET", "/x"))
	})

	t.Run("should end in the default 404 when the App's NotFound calls Next", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		l := &rtLog{}
		app.NotFound(l.mark("notfound"))
		assert.Equal(t, rtNotFound("GET", "/x"), rtDo(t, app, "GET", "/x"))
		assert.Equal(t, "notfound", l.String())
	})

	t.Run("should answer for a mounted router instead of falling through", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		api := expresso.NewRouter()
		api.Get("/x", rtText("x"))
		api.NotFound(func(c *expresso.Context) error {
			return c.Status(404).Send("api: no " + c.Path() + " in " + c.BaseURL())
		})
		app.Use("/api", api)
		app.Use(rtText("app fallback"))
		want := rtSent("api: no /y in /api")
		want.Status = 404
		assert.Equal(t, want, rtDo(t, app, "GET", "/api/y"))
		assert.Equal(t, rtSent("app fallback"), rtDo(t, app, "GET", "/web"))
	})

	t.Run("should fall through to the parent when a router's NotFound calls Next", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		l := &rtLog{}
		api := expresso.NewRouter()
		api.NotFound(l.mark("api-notfound"))
		app.Use("/api", api)
		app.Use(l.send("after"))
		assert.Equal(t, rtSent("api-notfound,after"), rtDo(t, app, "GET", "/api/y"))
	})

	t.Run("should not run NotFound after a response was sent", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		l := &rtLog{}
		api := expresso.NewRouter()
		api.Get("/x", func(c *expresso.Context) error {
			if err := c.Send("sent"); err != nil {
				return err
			}
			return c.Next()
		})
		api.NotFound(l.send("api-notfound"))
		app.Use("/api", api)
		app.NotFound(l.send("app-notfound"))
		assert.Equal(t, rtSent("sent"), rtDo(t, app, "GET", "/api/x"))
		assert.Empty(t, l.names)
	})

	t.Run("should escape the path in the default 404", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		assert.Equal(t, rtNotFound("GET", "/%3Cb%3E"), rtDo(t, app, "GET", "/%3Cb%3E"))
	})

	t.Run("should send no body for the default 404 of a HEAD request", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		want := rtNotFound("HEAD", "/x")
		want.Body = ""
		assert.Equal(t, want, rtDo(t, app, "HEAD", "/x"))
	})
}
