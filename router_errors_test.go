package expresso_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso"
)

var errRtBoom = errors.New("boom")

// rtFail returns a handler that returns err.
func rtFail(err error) expresso.Handler {
	return func(*expresso.Context) error { return err }
}

// rtCatch returns an ErrorHandler that records the error under name and
// answers with status.
func rtCatch(l *rtLog, name string, status int) expresso.ErrorHandler {
	return func(c *expresso.Context, err error) error {
		l.names = append(l.names, name+":"+err.Error())
		return c.Status(status).Send(l.String())
	}
}

// rtPass returns an ErrorHandler that records the error and passes it on.
func rtPass(l *rtLog, name string) expresso.ErrorHandler {
	return func(_ *expresso.Context, err error) error {
		l.names = append(l.names, name+":"+err.Error())
		return err
	}
}

func rtStatus(r rtResp, status int) rtResp {
	r.Status = status
	return r
}

func TestRouterErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		setup   func(app *expresso.App, l *rtLog)
		target  string
		want    rtResp
		wantLog string
	}{
		{
			name:   "should answer a returned error with the default 500 page",
			setup:  func(app *expresso.App, _ *rtLog) { app.Get("/x", rtFail(errRtBoom)) },
			target: "/x", want: rtPage(500, "boom"),
		},
		{
			name:   "should answer an HTTPError with its status and message",
			setup:  func(app *expresso.App, _ *rtLog) { app.Get("/x", rtFail(expresso.NewHTTPError(403))) },
			target: "/x", want: rtPage(403, "Forbidden"),
		},
		{
			name: "should give the error to the App's OnError",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/x", rtFail(errRtBoom))
				app.OnError(rtCatch(l, "app", 503))
			},
			target: "/x", want: rtStatus(rtSent("app:boom"), 503), wantLog: "app:boom",
		},
		{
			name: "should run OnError handlers in order until one handles the error",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/x", rtFail(errRtBoom))
				app.OnError(rtPass(l, "first"))
				app.OnError(rtCatch(l, "second", 502))
				app.OnError(rtCatch(l, "third", 500))
			},
			target: "/x", want: rtStatus(rtSent("first:boom,second:boom"), 502), wantLog: "first:boom,second:boom",
		},
		{
			name: "should answer with the default handler what OnError passes on",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/x", rtFail(errRtBoom))
				app.OnError(func(_ *expresso.Context, err error) error {
					l.names = append(l.names, "app:"+err.Error())
					return expresso.NewHTTPError(422, "rewritten")
				})
			},
			target: "/x", want: rtPage(422, "rewritten"), wantLog: "app:boom",
		},
		{
			name: "should let a router handle its own errors and hide them from the parent",
			setup: func(app *expresso.App, l *rtLog) {
				api := expresso.NewRouter()
				api.Get("/x", rtFail(errRtBoom))
				api.OnError(rtCatch(l, "api", 500))
				app.Use("/api", api)
				app.OnError(rtCatch(l, "app", 500))
			},
			target: "/api/x", want: rtStatus(rtSent("api:boom"), 500), wantLog: "api:boom",
		},
		{
			name: "should pass an error a router did not handle up to its parent",
			setup: func(app *expresso.App, l *rtLog) {
				api := expresso.NewRouter()
				api.Get("/x", rtFail(errRtBoom))
				api.OnError(rtPass(l, "api"))
				app.Use("/api", api)
				app.OnError(rtCatch(l, "app", 500))
			},
			target: "/api/x", want: rtStatus(rtSent("api:boom,app:boom"), 500), wantLog: "api:boom,app:boom",
		},
		{
			name: "should pass up the error a router's OnError returns instead",
			setup: func(app *expresso.App, l *rtLog) {
				api := expresso.NewRouter()
				api.Get("/x", rtFail(errRtBoom))
				api.OnError(func(_ *expresso.Context, err error) error {
					return errors.New("wrapped " + err.Error())
				})
				app.Use("/api", api)
				app.OnError(rtCatch(l, "app", 500))
			},
			target: "/api/x", want: rtStatus(rtSent("app:wrapped boom"), 500), wantLog: "app:wrapped boom",
		},
		{
			name: "should not give a router the errors of the parent's later layers",
			setup: func(app *expresso.App, l *rtLog) {
				api := expresso.NewRouter()
				api.Use(l.mark("api-mw"))
				api.OnError(rtCatch(l, "api", 500))
				app.Use("/api", api)
				app.Get("/api/x", rtFail(errRtBoom))
				app.OnError(rtCatch(l, "app", 500))
			},
			target: "/api/x", want: rtStatus(rtSent("api-mw,app:boom"), 500), wantLog: "api-mw,app:boom",
		},
		{
			name: "should bubble an error back through middleware that called Next",
			setup: func(app *expresso.App, l *rtLog) {
				app.Use(func(c *expresso.Context) error {
					err := c.Next()
					l.names = append(l.names, "mw saw "+err.Error())
					return err
				})
				app.Get("/x", rtFail(errRtBoom))
				app.OnError(rtCatch(l, "app", 500))
			},
			target: "/x", want: rtStatus(rtSent("mw saw boom,app:boom"), 500), wantLog: "mw saw boom,app:boom",
		},
		{
			name: "should let middleware handle the error Next returned",
			setup: func(app *expresso.App, l *rtLog) {
				app.Use(func(c *expresso.Context) error {
					if err := c.Next(); err != nil {
						return c.Status(502).Send("mw handled " + err.Error())
					}
					return nil
				})
				app.Get("/x", rtFail(errRtBoom))
				app.OnError(rtCatch(l, "app", 500))
			},
			target: "/x", want: rtStatus(rtSent("mw handled boom"), 502),
		},
		{
			name: "should bubble an error through a router's middleware to the router's OnError",
			setup: func(app *expresso.App, l *rtLog) {
				api := expresso.NewRouter()
				api.Use(func(c *expresso.Context) error {
					err := c.Next()
					l.names = append(l.names, "api-mw saw "+err.Error())
					return err
				})
				api.Get("/x", rtFail(errRtBoom))
				api.OnError(rtCatch(l, "api", 500))
				app.Use("/api", api)
			},
			target: "/api/x", want: rtStatus(rtSent("api-mw saw boom,api:boom"), 500), wantLog: "api-mw saw boom,api:boom",
		},
		{
			name: "should give a router's OnError the path relative to the router",
			setup: func(app *expresso.App, _ *rtLog) {
				api := expresso.NewRouter()
				api.Use("/deep", rtFail(errRtBoom))
				api.OnError(func(c *expresso.Context, _ error) error {
					return c.Send(c.Path() + "|" + c.BaseURL())
				})
				app.Use("/api", api)
			},
			target: "/api/deep/x", want: rtSent("/deep/x|/api"),
		},
		{
			// Express's 404 comes from the final handler, which no error
			// middleware sees: app.use((err, req, res, next) => …) must
			// not turn every 404 into its own answer.
			name: "should not give the App's OnError the default 404",
			setup: func(app *expresso.App, l *rtLog) {
				app.OnError(rtCatch(l, "app", 500))
			},
			target: "/x", want: rtNotFound("GET", "/x"),
		},
		{
			name: "should not give a router's OnError the App's 404",
			setup: func(app *expresso.App, l *rtLog) {
				api := expresso.NewRouter()
				api.OnError(rtCatch(l, "api", 500))
				app.Use("/api", api)
			},
			target: "/api/x", want: rtNotFound("GET", "/api/x"),
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := expresso.New()
			l := &rtLog{}
			tc.setup(app, l)
			assert.Equal(t, tc.want, rtDo(t, app, "GET", tc.target))
			assert.Equal(t, tc.wantLog, l.String())
		})
	}
}

func TestRouterAppOnErrorPath(t *testing.T) {
	t.Parallel()
	app := expresso.New()
	app.Use("/api", rtFail(errRtBoom))
	app.OnError(func(c *expresso.Context, _ error) error {
		return c.Send(c.Path() + "|" + c.BaseURL())
	})
	assert.Equal(t, rtSent("/api/x|"), rtDo(t, app, "GET", "/api/x"))
}

func TestRouterNextRouteAndRouter(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		setup   func(app *expresso.App, l *rtLog)
		target  string
		want    rtResp
		wantLog string
	}{
		{
			name: "should skip the rest of the route on NextRoute",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/x", func(*expresso.Context) error {
					l.names = append(l.names, "a")
					return expresso.NextRoute
				}, l.send("skipped"))
				app.Get("/x", l.send("next-route"))
			},
			target: "/x", want: rtSent("a,next-route"), wantLog: "a,next-route",
		},
		{
			name: "should continue with later middleware on NextRoute",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/x", rtFail(expresso.NextRoute), l.send("skipped"))
				app.Use(l.send("mw"))
			},
			target: "/x", want: rtSent("mw"), wantLog: "mw",
		},
		{
			name: "should treat NextRoute from middleware as Next",
			setup: func(app *expresso.App, l *rtLog) {
				app.Use(rtFail(expresso.NextRoute))
				app.Get("/x", l.send("route"))
			},
			target: "/x", want: rtSent("route"), wantLog: "route",
		},
		{
			name: "should end in the 404, not an error, after NextRoute",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/x", rtFail(expresso.NextRoute))
				app.OnError(rtCatch(l, "app", 500))
			},
			target: "/x", want: rtNotFound("GET", "/x"),
		},
		{
			name: "should return nil from Next when a later route skipped itself and the next one answered",
			setup: func(app *expresso.App, l *rtLog) {
				app.Use(func(c *expresso.Context) error {
					err := c.Next()
					l.names = append(l.names, "mw got "+rtErrString(err))
					return err
				})
				app.Get("/x", rtFail(expresso.NextRoute))
				app.Get("/x", rtText("answered"))
			},
			target: "/x", want: rtSent("answered"), wantLog: "mw got nil",
		},
		{
			name: "should leave a router on NextRouter from its middleware",
			setup: func(app *expresso.App, l *rtLog) {
				api := expresso.NewRouter()
				api.Use(func(*expresso.Context) error {
					l.names = append(l.names, "api-mw")
					return expresso.NextRouter
				})
				api.Get("/x", l.send("api-route"))
				app.Use("/api", api)
				app.Get("/api/x", l.send("app-route"))
			},
			target: "/api/x", want: rtSent("api-mw,app-route"), wantLog: "api-mw,app-route",
		},
		{
			name: "should leave a router on NextRouter from a route and skip its NotFound",
			setup: func(app *expresso.App, l *rtLog) {
				api := expresso.NewRouter()
				api.Get("/x", rtFail(expresso.NextRouter), l.send("skipped"))
				api.Get("/x", l.send("skipped"))
				api.NotFound(l.send("api-notfound"))
				app.Use("/api", api)
				app.Use(l.send("app-mw"))
			},
			target: "/api/x", want: rtSent("app-mw"), wantLog: "app-mw",
		},
		{
			name: "should restore the parent's view after NextRouter",
			setup: func(app *expresso.App, _ *rtLog) {
				api := expresso.NewRouter()
				api.Use(rtFail(expresso.NextRouter))
				app.Use("/:v", api)
				app.Get("/:v/:x", func(c *expresso.Context) error {
					return c.Send(c.Path() + "|" + c.BaseURL() + "|" + c.Param("x"))
				})
			},
			target: "/v1/users", want: rtSent("/v1/users||users"),
		},
		{
			name: "should end in the 404 on NextRouter at the top level",
			setup: func(app *expresso.App, l *rtLog) {
				app.Use(rtFail(expresso.NextRouter))
				app.Get("/x", l.send("skipped"))
			},
			target: "/x", want: rtNotFound("GET", "/x"),
		},
		{
			name: "should run the App's NotFound on NextRouter at the top level",
			setup: func(app *expresso.App, l *rtLog) {
				app.Use(rtFail(expresso.NextRouter))
				app.Get("/x", l.send("skipped"))
				app.NotFound(l.send("notfound"))
			},
			target: "/x", want: rtSent("notfound"), wantLog: "notfound",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := expresso.New()
			l := &rtLog{}
			tc.setup(app, l)
			assert.Equal(t, tc.want, rtDo(t, app, "GET", tc.target))
			assert.Equal(t, tc.wantLog, l.String())
		})
	}
}

func rtErrString(err error) string {
	if err == nil {
		return "nil"
	}
	return err.Error()
}
