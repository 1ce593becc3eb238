package expresso_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// rndEngineFunc adapts a function to expresso.ViewEngine.
type rndEngineFunc func(w io.Writer, path string, data any) error

func (f rndEngineFunc) Render(w io.Writer, path string, data any) error { return f(w, path, data) }

// rndDump writes the view's path and its data: a map's keys in order
// with their values, anything else with %T and %v.
var rndDump = rndEngineFunc(func(w io.Writer, path string, data any) error {
	if m, ok := data.(map[string]any); ok {
		keys := slices.Sorted(func(yield func(string) bool) {
			for k := range m {
				if !yield(k) {
					return
				}
			}
		})
		fmt.Fprintf(w, "%s map", path)
		for _, k := range keys {
			fmt.Fprintf(w, " %s=%v", k, m[k])
		}
		return nil
	}
	_, err := fmt.Fprintf(w, "%s %T %v", path, data, data)
	return err
})

var rndDumpFS = fstest.MapFS{"views/v.dump": {Data: []byte("unused")}}

// rndDumpApp is an App rendering "v" with rndDump, whose app.Locals are a,
// b and c, and whose middleware sets b and c in c.Locals.
func rndDumpApp(data any) *expresso.App {
	app := expresso.New(expresso.Config{ViewsFS: rndDumpFS, ViewEngine: "dump", Logger: rndLogger()})
	app.Engine("dump", rndDump)
	app.Locals["a"], app.Locals["b"], app.Locals["c"] = "app", "app", "app"
	app.Use(func(c *expresso.Context) error {
		c.Locals["b"], c.Locals["c"] = "req", "req"
		return c.Next()
	})
	app.Get("/", rndView("v", data))
	return app
}

type rndUser struct{ Name string }

func TestRenderMergesLocals(t *testing.T) {
	callers := map[string]any{"c": "data", "d": "data"}
	cases := []struct {
		name string
		data any
		body string
	}{
		{"should let the request's locals override the app's and the data override both",
			callers, "views/v.dump map a=app b=req c=data d=data"},
		{"should pass the merged locals for nil data",
			nil, "views/v.dump map a=app b=req c=req"},
		{"should pass the merged locals for a nil map",
			map[string]any(nil), "views/v.dump map a=app b=req c=req"},
		{"should pass a struct as it is, without locals",
			rndUser{Name: "tobi"}, "views/v.dump expresso_test.rndUser {tobi}"},
		{"should pass a pointer as it is, without locals",
			&rndUser{Name: "loki"}, "views/v.dump *expresso_test.rndUser &{loki}"},
		{"should pass another map type as it is",
			map[string]string{"x": "y"}, "views/v.dump map[string]string map[x:y]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, headers, body := rndDo(t, rndDumpApp(tc.data), "", nil)
			assert.Equal(t, 200, status)
			assert.Equal(t, rndOK(tc.body), headers)
			assert.Equal(t, tc.body, body)
		})
	}
	assert.Equal(t, map[string]any{"c": "data", "d": "data"}, callers, "the caller's map is not changed")
}

func TestRenderGoesThroughTheFunnel(t *testing.T) {
	page := "<p>tobi</p>"
	user := map[string]any{"name": "tobi"}
	fsys := expresso.Config{ViewsFS: rndFS, ViewEngine: "html"}
	rndRun(t, []rndCase{
		{name: "should send only the headers to HEAD", cfg: fsys, method: http.MethodHead,
			handler: rndView("user", user), status: 200, headers: rndOK(page), body: ""},
		{name: "should answer 304 to a matching If-None-Match", cfg: fsys,
			header:  http.Header{"If-None-Match": {rndTag(page)}},
			handler: rndView("user", user), status: 304, headers: map[string]string{"Etag": rndTag(page)}},
		{name: "should answer 200 to another If-None-Match", cfg: fsys,
			header:  http.Header{"If-None-Match": {`W/"other"`}},
			handler: rndView("user", user), status: 200, headers: rndOK(page), body: page},
		{name: "should keep the status set before", cfg: fsys,
			handler: func(c *expresso.Context) error { return c.Status(404).Render("user", user) },
			status:  404, headers: rndOK(page), body: page},
		{name: "should give a Content-Type set before the utf-8 charset", cfg: fsys,
			handler: func(c *expresso.Context) error { return c.Type("text/plain").Render("user", user) },
			status:  200, body: page,
			headers: map[string]string{"Content-Type": "text/plain; charset=utf-8", "Content-Length": "11", "Etag": rndTag(page)}},
		{name: "should send no ETag when ETags are off", cfg: expresso.Config{ViewsFS: rndFS, ETag: expresso.ETagOff},
			handler: rndView("user.html", user), status: 200, body: page,
			headers: map[string]string{"Content-Type": "text/html; charset=utf-8", "Content-Length": "11"}},
		{name: "should escape data as html/template does", cfg: fsys,
			handler: rndView("user", map[string]any{"name": "<b>&"}), status: 200,
			headers: rndOK("<p>&lt;b&gt;&amp;</p>"), body: "<p>&lt;b&gt;&amp;</p>"},
	})
}

func TestRenderFailureSendsNothing(t *testing.T) {
	half := rndEngineFunc(func(w io.Writer, _ string, _ any) error {
		io.WriteString(w, "<p>half a page")
		return errors.New("engine broke")
	})
	rndFailing := func(cfg expresso.Config) expresso.Config {
		cfg.ViewsFS = fstest.MapFS{"views/v.half": {}, "views/bad.html": {Data: []byte("<p>{{.x.y.z}}</p>")}}
		return cfg
	}
	for _, tc := range []struct {
		name, view, body string
		data             any
	}{
		{"should send the error page, not the part an engine wrote", "v.half", "engine broke", nil},
		{"should send the error page, not the part a template wrote", "bad.html",
			`template: views/bad.html:1:7: executing "views/bad.html" at <.x.y.z>: nil pointer evaluating interface {}.y`,
			map[string]any{"x": nil}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			app := rndApp(rndFailing(expresso.Config{}), rndView(tc.view, tc.data))
			app.Engine("half", half)
			status, headers, body := rndDo(t, app, "", rndPlain)
			assert.Equal(t, 500, status)
			assert.Equal(t, rndErr(tc.body), headers)
			assert.Equal(t, tc.body, body)
		})
	}
}

func TestRenderAfterSendIsRefused(t *testing.T) {
	var got error
	app := rndApp(expresso.Config{ViewsFS: rndFS}, func(c *expresso.Context) error {
		require.NoError(t, c.Send("first"))
		//expressovet:ignore this test sends again on purpose: it pins the run-time refusal
		got = c.Render("email.html", nil)
		return nil
	})
	status, headers, body := rndDo(t, app, "", nil)
	assert.Equal(t, 200, status)
	assert.Equal(t, rndOK("first"), headers)
	assert.Equal(t, "first", body)
	require.ErrorIs(t, got, expresso.ErrHeadersSent)
	assert.True(t, strings.HasPrefix(got.Error(), "expresso: Render refused: "), got.Error())
}
