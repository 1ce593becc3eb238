package expresso_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso"
)

func TestRoutesParams(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		pattern string
		target  string
		want    string // the params as rtParams writes them; "404" = no match
	}{
		{name: "should match a parameter", pattern: "/users/:id", target: "/users/42", want: "id=42"},
		{name: "should decode a parameter", pattern: "/users/:id", target: "/users/a%20b", want: "id=a b"},
		{name: "should decode an encoded slash in a parameter", pattern: "/users/:id", target: "/users/a%2Fb", want: "id=a/b"},
		{name: "should decode UTF-8 in a parameter", pattern: "/users/:id", target: "/users/caf%C3%A9", want: "id=café"},
		{name: "should keep a plus sign in a parameter", pattern: "/users/:id", target: "/users/a+b", want: "id=a+b"},
		{name: "should not match an empty parameter", pattern: "/users/:id", target: "/users/", want: "404"},
		{name: "should not match a parameter across a slash", pattern: "/users/:id", target: "/users/a/b", want: "404"},
		{name: "should list params in pattern order", pattern: "/:b/:a/*c", target: "/1/2/3/4", want: "b=1,a=2,c=3/4"},
		{name: "should give a trailing wildcard the rest of the path", pattern: "/files/*rest", target: "/files/a/b", want: "rest=a/b"},
		{name: "should give a trailing wildcard one segment", pattern: "/files/*rest", target: "/files/a", want: "rest=a"},
		{name: "should decode a trailing wildcard", pattern: "/files/*rest", target: "/files/a%20b/c%2Fd", want: "rest=a b/c/d"},
		{name: "should keep a trailing slash in a trailing wildcard", pattern: "/files/*rest", target: "/files/a/b/", want: "rest=a/b/"},
		{name: "should not match a trailing wildcard with nothing", pattern: "/files/*rest", target: "/files/", want: "404"},
		{name: "should not match a trailing wildcard without its slash", pattern: "/files/*rest", target: "/files", want: "404"},
		{name: "should match a wildcard in the middle", pattern: "/*path/edit", target: "/a/b/edit", want: "path=a/b"},
		{name: "should match a wildcard in the middle with a trailing slash", pattern: "/*path/edit", target: "/a/edit/", want: "path=a"},
		{name: "should not match a wildcard in the middle with nothing", pattern: "/*path/edit", target: "/edit", want: "404"},
		{name: "should match an optional group when present", pattern: "/:file{.:ext}", target: "/a.txt", want: "file=a,ext=txt"},
		{name: "should match an optional group when absent", pattern: "/:file{.:ext}", target: "/a", want: "file=a"},
		{name: "should split an optional group at the last dot", pattern: "/:file{.:ext}", target: "/a.b.c", want: "file=a.b,ext=c"},
		{name: "should split at a dash", pattern: "/:from-:to", target: "/1-2", want: "from=1,to=2"},
		{name: "should split at the last dash", pattern: "/:from-:to", target: "/a-b-c", want: "from=a-b,to=c"},
		{name: "should split a dotted name at the last dot", pattern: "/:name.:format", target: "/a.b.c", want: "name=a.b,format=c"},
		{name: "should not match a dotted pattern without the dot", pattern: "/:name.:format", target: "/abc", want: "404"},
		{name: "should match an optional segment when absent", pattern: "/users{/:id}", target: "/users", want: ""},
		{name: "should match an optional segment when present", pattern: "/users{/:id}", target: "/users/5", want: "id=5"},
		{name: "should match nested optional groups", pattern: "/books{/:genre{/:page}}", target: "/books/sf/2", want: "genre=sf,page=2"},
		{name: "should match nested optional groups partly", pattern: "/books{/:genre{/:page}}", target: "/books/sf", want: "genre=sf"},
		{name: "should match an optional static segment when absent", pattern: "/a{/b}/c", target: "/a/c", want: ""},
		{name: "should match an optional static segment when present", pattern: "/a{/b}/c", target: "/a/b/c", want: ""},
		{name: "should match escaped parentheses literally", pattern: `/\(x\)`, target: "/(x)", want: ""},
		{name: "should match an escaped colon literally", pattern: `/a\:b`, target: "/a:b", want: ""},
		{name: "should not treat an escaped colon as a parameter", pattern: `/a\:b`, target: "/ax", want: "404"},
		{name: "should match an escaped star literally", pattern: `/v\*/:id`, target: "/v*/1", want: "id=1"},
		{name: "should match a quoted parameter name", pattern: `/:"user id"`, target: "/7", want: "user id=7"},
		{name: "should match a parameter after static text in a segment", pattern: "/v:version/api", target: "/v2/api", want: "version=2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := expresso.New()
			app.Get(tc.pattern, rtParams)
			want := rtSent(tc.want)
			if tc.want == "404" {
				want = rtNotFound("GET", tc.target)
			}
			assert.Equal(t, want, rtDo(t, app, "GET", tc.target))
		})
	}
}

func TestRoutesParamDecodeError(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		setup  func(app *expresso.App)
		method string
		target string
		want   rtResp
	}{
		{name: "should answer 400 for a parameter that is not UTF-8",
			setup:  func(app *expresso.App) { app.Get("/users/:id", rtParams) },
			method: "GET", target: "/users/%FF", want: rtPage(400, "Failed to decode param &#39;%FF&#39;")},
		{name: "should answer 400 whatever the method",
			setup:  func(app *expresso.App) { app.Get("/users/:id", rtParams) },
			method: "POST", target: "/users/%C3%28", want: rtPage(400, "Failed to decode param &#39;%C3%28&#39;")},
		{name: "should answer 400 for a Use prefix parameter",
			setup:  func(app *expresso.App) { app.Use("/:tenant", rtParams) },
			method: "GET", target: "/%FF/x", want: rtPage(400, "Failed to decode param &#39;%FF&#39;")},
		{name: "should answer 400 naming the wildcard segment that failed",
			setup:  func(app *expresso.App) { app.Get("/files/*rest", rtParams) },
			method: "GET", target: "/files/a/%FF", want: rtPage(400, "Failed to decode param &#39;%FF&#39;")},
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

func TestRoutesCoexist(t *testing.T) {
	t.Parallel()
	idOr := func(prefix string) expresso.Handler {
		return func(c *expresso.Context) error { return c.Send(prefix + c.Param("id") + c.Param("name")) }
	}
	cases := []struct {
		name   string
		setup  func(app *expresso.App, l *rtLog)
		target string
		want   string
	}{
		{name: "should answer the static route registered before a param route",
			setup: func(app *expresso.App, _ *rtLog) {
				app.Get("/users/new", rtText("new form"))
				app.Get("/users/:id", idOr("user "))
			}, target: "/users/new", want: "new form"},
		{name: "should answer the param route for other values beside a static route",
			setup: func(app *expresso.App, _ *rtLog) {
				app.Get("/users/new", rtText("new form"))
				app.Get("/users/:id", idOr("user "))
			}, target: "/users/7", want: "user 7"},
		{name: "should answer the param route registered before a static route, as Express",
			setup: func(app *expresso.App, _ *rtLog) {
				app.Get("/users/:id", idOr("user "))
				app.Get("/users/new", rtText("new form"))
			}, target: "/users/new", want: "user new"},
		{name: "should reach the static route when the param route calls Next",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/users/:id", l.mark("param"))
				app.Get("/users/new", l.send("static"))
			}, target: "/users/new", want: "param,static"},
		{name: "should answer the first of two param names",
			setup: func(app *expresso.App, _ *rtLog) {
				app.Get("/users/:id", idOr("id "))
				app.Get("/users/:name", idOr("name "))
			}, target: "/users/x", want: "id x"},
		{name: "should give the second param route its own name",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/users/:id", l.mark("id"))
				app.Get("/users/:name", idOr("name "))
			}, target: "/users/x", want: "name x"},
		{name: "should run the same pattern registered twice in order",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/x", l.mark("one"))
				app.Get("/x", l.send("two"))
			}, target: "/x", want: "one,two"},
		{name: "should order a wildcard beside static and param routes by registration",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/files/*rest", l.mark("wild"))
				app.Get("/files/:id", l.mark("param"))
				app.Get("/files/new", l.send("static"))
			}, target: "/files/new", want: "wild,param,static"},
		{name: "should match a static route under a param segment",
			setup: func(app *expresso.App, _ *rtLog) {
				app.Get("/:org/settings", rtText("settings"))
				app.Get("/:org/:repo", rtText("repo"))
				app.Get("/about/:page", rtText("about"))
			}, target: "/about/settings", want: "settings"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := expresso.New()
			tc.setup(app, &rtLog{})
			assert.Equal(t, rtSent(tc.want), rtDo(t, app, "GET", tc.target))
		})
	}
}

func TestRoutesPatternPanics(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		pattern string
		msg     string
	}{
		{"should reject an opening parenthesis", "/a(b", `expresso: invalid route pattern "/a(b": unexpected ( (escape it with \ to match it literally) at index 2`},
		{"should reject a closing parenthesis", "/a)", `expresso: invalid route pattern "/a)": unexpected ) (escape it with \ to match it literally) at index 2`},
		{"should reject a bracket", "/[a]", `expresso: invalid route pattern "/[a]": unexpected [ (escape it with \ to match it literally) at index 1`},
		{"should reject a question mark", "/:id?", `expresso: invalid route pattern "/:id?": unexpected ? (escape it with \ to match it literally) at index 4`},
		{"should reject a plus sign", "/a+", `expresso: invalid route pattern "/a+": unexpected + (escape it with \ to match it literally) at index 2`},
		{"should reject an exclamation mark", "/a!", `expresso: invalid route pattern "/a!": unexpected ! (escape it with \ to match it literally) at index 2`},
		{"should reject an unterminated group", "/a{b", `expresso: invalid route pattern "/a{b": unterminated group { at index 2`},
		{"should reject an unexpected closing brace", "/a}", `expresso: invalid route pattern "/a}": unexpected } at index 2`},
		{"should reject a trailing backslash", `/a\`, `expresso: invalid route pattern "/a\\": trailing backslash at index 2`},
		{"should reject a parameter without a name", "/:", `expresso: invalid route pattern "/:": missing parameter name at index 1`},
		{"should reject a wildcard without a name", "/*", `expresso: invalid route pattern "/*": missing wildcard name at index 1`},
		{"should reject a duplicate parameter name", "/:id/:id", `expresso: invalid route pattern "/:id/:id": parameter "id" appears twice`},
		{"should reject a duplicate name across a group", "/:a{/:a}", `expresso: invalid route pattern "/:a{/:a}": parameter "a" appears twice`},
		{"should reject adjacent parameters", "/:a:b", `expresso: invalid route pattern "/:a:b": missing text between "a" and "b"`},
		{"should reject a pattern without a leading slash", "users", `expresso: invalid route pattern "users": it must start with /`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := expresso.New()
			assert.PanicsWithValue(t, tc.msg, func() { app.Get(tc.pattern, rtText("x")) })
		})
	}
}
