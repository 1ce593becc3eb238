package expresso_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso"
)

// rtParamLog returns a Param function that records "name=value" calls and
// returns what result gives for the value.
func rtParamLog(l *rtLog, name string, result func(v string) error) func(*expresso.Context, string) error {
	return func(_ *expresso.Context, v string) error {
		l.names = append(l.names, name+"="+v)
		if result == nil {
			return nil
		}
		return result(v)
	}
}

func TestRouterParam(t *testing.T) {
	t.Parallel()
	errNoUser := expresso.NewHTTPError(404, "no such user")
	cases := []struct {
		name    string
		setup   func(app *expresso.App, l *rtLog)
		method  string
		target  string
		want    rtResp
		wantLog string
	}{
		{
			name: "should run before the route's handlers with the decoded value",
			setup: func(app *expresso.App, l *rtLog) {
				app.Param("id", func(c *expresso.Context, v string) error {
					c.Locals["user"] = "user " + v
					return nil
				})
				app.Get("/users/:id", func(c *expresso.Context) error { return c.Send(c.Locals["user"].(string)) })
			},
			target: "/users/a%20b", want: rtSent("user a b"),
		},
		{
			name: "should run once per request for the same value",
			setup: func(app *expresso.App, l *rtLog) {
				app.Param("id", rtParamLog(l, "id", nil))
				app.Use("/users/:id", l.mark("use"))
				app.Get("/users/:id", l.mark("route1"))
				app.Get("/users/:id", l.send("route2"))
			},
			target: "/users/7", want: rtSent("id=7,use,route1,route2"), wantLog: "id=7,use,route1,route2",
		},
		{
			name: "should run again for another value",
			setup: func(app *expresso.App, l *rtLog) {
				app.Param("id", rtParamLog(l, "id", nil))
				app.Get("/:id/*rest", l.mark("first"))
				app.Get("/a/:id", l.send("second"))
			},
			target: "/a/b", want: rtSent("id=a,first,id=b,second"), wantLog: "id=a,first,id=b,second",
		},
		{
			name: "should run every function for a name in order, and names in pattern order",
			setup: func(app *expresso.App, l *rtLog) {
				app.Param("b", rtParamLog(l, "b", nil))
				app.Param("a", rtParamLog(l, "a1", nil))
				app.Param("a", rtParamLog(l, "a2", nil))
				app.Get("/:a/:b", l.send("route"))
			},
			target: "/1/2", want: rtSent("a1=1,a2=1,b=2,route"), wantLog: "a1=1,a2=1,b=2,route",
		},
		{
			name: "should not run for a layer whose method does not match",
			setup: func(app *expresso.App, l *rtLog) {
				app.Param("id", rtParamLog(l, "id", nil))
				app.Post("/users/:id", l.send("post"))
				app.Get("/users/*rest", l.send("get"))
			},
			target: "/users/7", want: rtSent("get"), wantLog: "get",
		},
		{
			name: "should not run for a layer that does not declare the name",
			setup: func(app *expresso.App, l *rtLog) {
				app.Param("id", rtParamLog(l, "id", nil))
				app.Get("/users/:name", l.send("route"))
			},
			target: "/users/7", want: rtSent("route"), wantLog: "route",
		},
		{
			name: "should run for a Use prefix's params",
			setup: func(app *expresso.App, l *rtLog) {
				app.Param("tenant", rtParamLog(l, "tenant", nil))
				app.Use("/:tenant", l.send("mw"))
			},
			target: "/acme/x", want: rtSent("tenant=acme,mw"), wantLog: "tenant=acme,mw",
		},
		{
			name: "should apply only to the router it was added to",
			setup: func(app *expresso.App, l *rtLog) {
				app.Param("id", rtParamLog(l, "app-id", nil))
				r := expresso.NewRouter()
				r.Param("id", rtParamLog(l, "router-id", nil))
				r.Get("/:id", l.send("route"))
				app.Use("/r", r)
			},
			target: "/r/5", want: rtSent("router-id=5,route"), wantLog: "router-id=5,route",
		},
		{
			name: "should hand an error to the error handlers and skip the route",
			setup: func(app *expresso.App, l *rtLog) {
				app.Param("id", rtParamLog(l, "id", func(string) error { return errNoUser }))
				app.Get("/users/:id", l.send("never"))
			},
			target: "/users/7", want: rtPage(404, "no such user"), wantLog: "id=7",
		},
		{
			name: "should give a later layer the cached error without calling the function again",
			setup: func(app *expresso.App, l *rtLog) {
				app.Use(func(c *expresso.Context) error {
					err := c.Next()
					l.names = append(l.names, "first "+rtErrString(err))
					// Go on like an Express error handler calling next().
					err = c.Next()
					l.names = append(l.names, "second "+rtErrString(err))
					return c.Send(l.String())
				})
				app.Param("id", rtParamLog(l, "id", func(string) error { return errNoUser }))
				app.Get("/users/:id", l.send("never"))
				app.Get("/:id/*rest", l.send("never"))
			},
			target: "/users/7", want: rtSent("id=7,first no such user,second no such user"),
			wantLog: "id=7,first no such user,second no such user",
		},
		{
			name: "should skip the route on NextRoute and skip routes with the same value",
			setup: func(app *expresso.App, l *rtLog) {
				app.Param("id", rtParamLog(l, "id", func(v string) error {
					if v == "skip" {
						return expresso.NextRoute
					}
					return nil
				}))
				app.Get("/u/:id", l.send("first"))
				app.Get("/u/:id", l.send("second"))
				app.Get("/:id/*rest", func(c *expresso.Context) error {
					l.names = append(l.names, "third")
					return c.Send(l.String() + " " + c.Param("id"))
				})
			},
			target: "/u/skip", want: rtSent("id=skip,id=u,third u"), wantLog: "id=skip,id=u,third",
		},
		{
			name: "should leave the router on NextRouter",
			setup: func(app *expresso.App, l *rtLog) {
				r := expresso.NewRouter()
				r.Param("id", rtParamLog(l, "id", func(string) error { return expresso.NextRouter }))
				r.Get("/:id", l.send("never"))
				app.Use("/r", r)
				app.Use(l.send("after"))
			},
			target: "/r/1", want: rtSent("id=1,after"), wantLog: "id=1,after",
		},
		{
			name: "should end in the 404 on NextRouter in the App",
			setup: func(app *expresso.App, l *rtLog) {
				app.Param("id", rtParamLog(l, "id", func(string) error { return expresso.NextRouter }))
				app.Get("/:id", l.send("never"))
			},
			target: "/1", want: rtNotFound("GET", "/1"), wantLog: "id=1",
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

func TestRouterParamErrorIsTheSameValue(t *testing.T) {
	t.Parallel()
	sentinel := errors.New("lookup failed")
	app := expresso.New()
	app.Param("id", func(*expresso.Context, string) error { return sentinel })
	app.Get("/:id", rtText("never"))
	var got error
	app.OnError(func(c *expresso.Context, err error) error {
		got = err
		return c.Status(500).Send("handled")
	})
	assert.Equal(t, rtStatus(rtSent("handled"), 500), rtDo(t, app, "GET", "/1"))
	assert.Same(t, sentinel, got, "should give the error handlers the error the Param function returned")
}
