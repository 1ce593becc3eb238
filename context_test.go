package expresso_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

func TestContextCopyShouldOutliveTheHandler(t *testing.T) {
	t.Parallel()
	type seen struct {
		Method, Path, BaseURL, OriginalURL, Param, Query, Header, IP, Local string
		Params                                                              []expresso.Param
		Fresh                                                               bool
		ETag                                                                string
		SendErr, WriteErr, SetErr                                           string
	}
	copies := make(chan *expresso.Context, 1)
	app, _ := rsApp(expresso.Config{Env: "development"})
	api := expresso.NewRouter()
	api.Get("/users/:id", func(c *expresso.Context) error {
		c.Locals["who"] = "tobi"
		c.Set("ETag", `"v1"`)
		copies <- c.Copy()
		c.Locals["who"] = "changed after Copy"
		return c.Send("ok")
	})
	app.Use("/api", api)
	r := httptest.NewRequest(http.MethodGet, "/api/users/42?q=go", nil)
	r.Header.Set("X-Test", "yes")
	r.Header.Set("If-None-Match", `"v1"`)
	r.RemoteAddr = "192.0.2.7:1234"
	res, body := rsDo(t, app, r)
	require.Equal(t, http.StatusNotModified, res.StatusCode)
	require.Equal(t, "", body)

	// The handler has returned and its Context was released; the copy
	// is used from another goroutine.
	cp := <-copies
	out := make(chan seen, 1)
	go func() {
		var s seen
		s.Method, s.Path, s.BaseURL, s.OriginalURL = cp.Method(), cp.Path(), cp.BaseURL(), cp.OriginalURL()
		s.Param, s.Params, s.Query, s.Header, s.IP = cp.Param("id"), cp.Params(), cp.Query("q"), cp.Get("X-Test"), cp.IP()
		s.Local, _ = cp.Locals["who"].(string)
		s.Fresh, s.ETag = cp.Fresh(), cp.Response().Header().Get("ETag")
		if err := cp.Send("late"); err != nil {
			s.SendErr = err.Error()
		}
		if _, err := cp.Write([]byte("late")); err != nil {
			s.WriteErr = err.Error()
		}
		if err := cp.Set("X-Late", "1").Send("late"); err != nil {
			s.SetErr = err.Error()
		}
		out <- s
	}()
	got := <-out
	assert.Equal(t, seen{
		Method: "GET", Path: "/users/42", BaseURL: "/api", OriginalURL: "/api/users/42?q=go",
		Param: "42", Params: []expresso.Param{{Key: "id", Value: "42"}}, Query: "go", Header: "yes",
		IP: "192.0.2.7", Local: "tobi", Fresh: true, ETag: `"v1"`,
		SendErr:  "expresso: Send refused: write after end (the Context is a detached copy made by Copy, which cannot respond)",
		WriteErr: "expresso: Write refused: write after end (the Context is a detached copy made by Copy, which cannot respond)",
		SetErr:   "expresso: Set refused: write after end (the Context is a detached copy made by Copy, which cannot respond)",
	}, got)
}

func TestContextCopyNextShouldReturnAnError(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{})
	var cp *expresso.Context
	app.Get("/", func(c *expresso.Context) error {
		cp = c.Copy()
		return c.Send("ok")
	})
	rsDo(t, app, httptest.NewRequest(http.MethodGet, "/", nil))
	var err error
	assert.NotPanics(t, func() { err = cp.Next() })
	assert.ErrorIs(t, err, expresso.ErrWriteAfterEnd)
}

func TestContextUseAfterReleaseShouldPanicInDevelopment(t *testing.T) {
	t.Parallel()
	const advice = "expresso: Context used after its handler returned; a goroutine that outlives the handler must use c.Copy()"
	cases := []struct {
		name string
		use  func(c *expresso.Context)
	}{
		{name: "should panic on a request-side call", use: func(c *expresso.Context) { c.Method() }},
		{name: "should panic on Param", use: func(c *expresso.Context) { c.Param("id") }},
		{name: "should panic on a sender", use: func(c *expresso.Context) { _ = c.Send("late") }},
		{name: "should panic on a setter", use: func(c *expresso.Context) { c.Set("X-Late", "1") }},
		{name: "should panic on Copy", use: func(c *expresso.Context) { c.Copy() }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app, _ := rsApp(expresso.Config{Env: "development"})
			var kept *expresso.Context
			app.Get("/users/:id", func(c *expresso.Context) error {
				kept = c
				return c.Send("ok")
			})
			res, body := rsDo(t, app, httptest.NewRequest(http.MethodGet, "/users/1", nil))
			require.Equal(t, http.StatusOK, res.StatusCode)
			require.Equal(t, "ok", body)
			assert.PanicsWithValue(t, advice, func() { tc.use(kept) })
		})
	}
}

func TestContextParams(t *testing.T) {
	t.Parallel()
	type result struct {
		Params         []expresso.Param
		ID, Rest, None string
	}
	cases := []struct {
		name    string
		pattern string
		target  string
		want    result
	}{
		{name: "should return params in pattern order", pattern: "/users/:id/books/:rest", target: "/users/42/books/go",
			want: result{Params: []expresso.Param{{Key: "id", Value: "42"}, {Key: "rest", Value: "go"}}, ID: "42", Rest: "go"}},
		{name: "should URI-decode params", pattern: "/users/:id", target: "/users/t%C3%B6bi%20x",
			want: result{Params: []expresso.Param{{Key: "id", Value: "töbi x"}}, ID: "töbi x"}},
		{name: "should give a wildcard the rest without its leading slash", pattern: "/files/*rest",
			target: "/files/a/b.txt", want: result{Params: []expresso.Param{{Key: "rest", Value: "a/b.txt"}}, Rest: "a/b.txt"}},
		{name: "should return no params for a static route", pattern: "/static", target: "/static",
			want: result{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app, _ := rsApp(expresso.Config{})
			var got result
			app.Get(tc.pattern, func(c *expresso.Context) error {
				got = result{Params: append([]expresso.Param(nil), c.Params()...), ID: c.Param("id"),
					Rest: c.Param("rest"), None: c.Param("none")}
				return c.SendStatus(http.StatusNoContent)
			})
			res, body := rsDo(t, app, httptest.NewRequest(http.MethodGet, tc.target, nil))
			require.Equal(t, http.StatusNoContent, res.StatusCode)
			require.Equal(t, "", body)
			assert.Equal(t, tc.want, got)
		})
	}
}

// Params is nil, not an empty slice, wherever there are none, also on a
// pooled Context that served params before (JSON shows null either way).
func TestContextParamsNilWithoutParams(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{})
	var got [][]expresso.Param
	app.Use(func(c *expresso.Context) error { got = append(got, c.Params()); return c.Next() })
	app.Get("/users/:id", func(c *expresso.Context) error {
		got = append(got, append([]expresso.Param(nil), c.Params()...)) // valid only in the handler
		return c.SendStatus(204)
	})
	app.Get("/static", func(c *expresso.Context) error { got = append(got, c.Params()); return c.SendStatus(204) })
	for _, target := range []string{"/users/1", "/static", "/static"} {
		res, _ := rsDo(t, app, httptest.NewRequest(http.MethodGet, target, nil))
		require.Equal(t, http.StatusNoContent, res.StatusCode)
	}
	assert.Equal(t, [][]expresso.Param{nil, {{Key: "id", Value: "1"}}, nil, nil, nil, nil}, got)
}

func TestContextRequestLine(t *testing.T) {
	t.Parallel()
	type result struct{ Method, Path, BaseURL, OriginalURL string }
	app, _ := rsApp(expresso.Config{})
	var got []result
	record := func(c *expresso.Context) {
		got = append(got, result{c.Method(), c.Path(), c.BaseURL(), c.OriginalURL()})
	}
	app.Use(func(c *expresso.Context) error { record(c); return c.Next() })
	api := expresso.NewRouter()
	api.Use(func(c *expresso.Context) error { record(c); return c.Next() })
	api.Post("/users/:id", func(c *expresso.Context) error { record(c); return c.SendStatus(http.StatusNoContent) })
	app.Use("/api", api)

	res, body := rsDo(t, app, httptest.NewRequest(http.MethodPost, "/api/users/7?x=1&y=%20", nil))
	require.Equal(t, http.StatusNoContent, res.StatusCode)
	require.Equal(t, "", body)
	assert.Equal(t, []result{
		{Method: "POST", Path: "/api/users/7", BaseURL: "", OriginalURL: "/api/users/7?x=1&y=%20"},
		{Method: "POST", Path: "/users/7", BaseURL: "/api", OriginalURL: "/api/users/7?x=1&y=%20"},
		{Method: "POST", Path: "/users/7", BaseURL: "/api", OriginalURL: "/api/users/7?x=1&y=%20"},
	}, got)
}

func TestContextAccessors(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{})
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	type result struct {
		SameRequest, SameApp, ResponseWriter bool
		Status                               int
		State                                expresso.State
		Replaced                             string
	}
	var got result
	app.Get("/", func(c *expresso.Context) error {
		got.SameRequest, got.SameApp = c.Request() == r, c.App() == app
		_, got.ResponseWriter = any(c.Response()).(http.ResponseWriter)
		got.Status, got.State = c.Response().Status(), c.Response().State()
		r2 := c.Request().Clone(c.Request().Context())
		r2.Header.Set("X-Replaced", "yes")
		c.SetRequest(r2)
		got.Replaced = c.Get("X-Replaced")
		return c.SendStatus(http.StatusNoContent)
	})
	res, _ := rsDo(t, app, r)
	require.Equal(t, http.StatusNoContent, res.StatusCode)
	assert.Equal(t, result{SameRequest: true, SameApp: true, ResponseWriter: true, Status: 200,
		State: expresso.Head, Replaced: "yes"}, got)
}
