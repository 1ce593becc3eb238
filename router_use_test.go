package expresso_test

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// rtStatusWriter is a net/http middleware's writer that records the status.
type rtStatusWriter struct {
	http.ResponseWriter
	status int
	n      int
}

func (w *rtStatusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *rtStatusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.n += n
	return n, err
}

func TestRouterUseArgumentKinds(t *testing.T) {
	t.Parallel()

	t.Run("should accept a Handler", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		app.Use(rtText("handler"))
		assert.Equal(t, rtSent("handler"), rtDo(t, app, "GET", "/"))
	})

	t.Run("should accept a func(*Context) error", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		app.Use(func(c *expresso.Context) error { return c.Send("func") })
		assert.Equal(t, rtSent("func"), rtDo(t, app, "GET", "/"))
	})

	t.Run("should accept a []Handler and run it in order", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		l := &rtLog{}
		app.Use([]expresso.Handler{l.mark("a"), l.mark("b")}, l.send("c"))
		assert.Equal(t, rtSent("a,b,c"), rtDo(t, app, "GET", "/"))
	})

	t.Run("should let a net/http middleware see the status through its wrapped writer", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		var seen *rtStatusWriter
		app.Use(func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				seen = &rtStatusWriter{ResponseWriter: w}
				next.ServeHTTP(seen, r)
			})
		})
		app.Get("/x", func(c *expresso.Context) error { return c.Status(201).Send("made") })
		want := rtSent("made")
		want.Status = 201
		assert.Equal(t, want, rtDo(t, app, "GET", "/x"))
		require.NotNil(t, seen)
		assert.Equal(t, 201, seen.status)
		assert.Equal(t, 4, seen.n)
	})

	t.Run("should let a net/http middleware set a header and call next", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		app.Use(func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Middleware", "yes")
				next.ServeHTTP(w, r)
			})
		})
		app.Get("/x", rtText("after"))
		want := rtSent("after")
		want.Header.Set("X-Middleware", "yes")
		assert.Equal(t, want, rtDo(t, app, "GET", "/x"))
	})

	t.Run("should let a net/http middleware answer without calling next", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		l := &rtLog{}
		app.Use(func(http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				http.Error(w, "nope", http.StatusUnauthorized)
			})
		})
		app.Use(l.send("never"))
		assert.Equal(t, rtResp{Status: 401, Header: http.Header{
			"Content-Type":           {"text/plain; charset=utf-8"},
			"X-Content-Type-Options": {"nosniff"},
		}, Body: "nope\n"}, rtDo(t, app, "GET", "/x"))
		assert.Empty(t, l.names)
	})

	t.Run("should give a prefixed net/http middleware the stripped path and next the full one", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		var seen string
		app.Use("/api", func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				seen = r.URL.Path
				next.ServeHTTP(w, r)
			})
		})
		app.Get("/api/x", rtWhere)
		assert.Equal(t, rtSent("/api/x||/api/x"), rtDo(t, app, "GET", "/api/x"))
		assert.Equal(t, "/x", seen)
	})

	t.Run("should pass an error back through a net/http middleware", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		calls := 0
		app.Use(func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				calls++
				next.ServeHTTP(w, r)
			})
		})
		app.Get("/x", func(*expresso.Context) error { return expresso.NewHTTPError(409, "taken") })
		assert.Equal(t, rtPage(409, "taken"), rtDo(t, app, "GET", "/x"))
		assert.Equal(t, 1, calls)
	})

	t.Run("should serve an http.Handler with the path relative to the prefix", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		app.Use("/api", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte(r.URL.Path + "|" + r.URL.RawPath + "|" + r.URL.RawQuery))
		}))
		assert.Equal(t, rtResp{Status: 200, Header: http.Header{}, Body: "/a/b|/a%2Fb|q=1"},
			rtDo(t, app, "GET", "/api/a%2Fb?q=1"))
	})

	t.Run("should not continue the chain after an http.Handler", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		l := &rtLog{}
		app.Use(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
		app.Use(l.send("never"))
		assert.Equal(t, rtResp{Status: 200, Header: http.Header{}, Body: ""}, rtDo(t, app, "GET", "/x"))
		assert.Empty(t, l.names)
	})

	t.Run("should serve files with http.FileServer under a prefix", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		file := filepath.Join(dir, "a.txt")
		require.NoError(t, os.WriteFile(file, []byte("hello"), 0o600))
		mod := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
		require.NoError(t, os.Chtimes(file, mod, mod))
		app := expresso.New()
		app.Use("/static", http.FileServer(http.Dir(dir)))
		app.Use(rtText("fallback"))
		assert.Equal(t, rtResp{Status: 200, Header: http.Header{
			"Accept-Ranges":  {"bytes"},
			"Content-Length": {"5"},
			"Content-Type":   {"text/plain; charset=utf-8"},
			"Last-Modified":  {"Tue, 02 Jan 2024 03:04:05 GMT"},
		}, Body: "hello"}, rtDo(t, app, "GET", "/static/a.txt"))
		assert.Equal(t, rtSent("fallback"), rtDo(t, app, "GET", "/staticx/a.txt"))
	})

	t.Run("should mount a *Router", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		api := expresso.NewRouter()
		api.Get("/x", rtWhere)
		app.Use("/api", api)
		assert.Equal(t, rtSent("/x|/api|/api/x"), rtDo(t, app, "GET", "/api/x"))
	})

	t.Run("should mount an *App", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		sub := expresso.New()
		sub.Get("/x", rtWhere)
		app.Use("/sub", sub)
		assert.Equal(t, rtSent("/x|/sub|/sub/x"), rtDo(t, app, "GET", "/sub/x"))
	})
}

func TestRouterSetupPanics(t *testing.T) {
	t.Parallel()
	ok := rtText("ok")
	want := "; want a Handler, func(*Context) error, func(http.Handler) http.Handler, http.Handler, *Router or *App"
	cases := []struct {
		name  string
		setup func(app *expresso.App)
		msg   string
	}{
		{"should panic on Use without middleware", func(app *expresso.App) { app.Use() },
			"expresso: Use requires at least one middleware"},
		{"should panic on Use with only a path", func(app *expresso.App) { app.Use("/x") },
			"expresso: Use requires at least one middleware"},
		{"should panic naming an argument of the wrong type", func(app *expresso.App) { app.Use(42) },
			"expresso: Use: argument 1 is of type int" + want},
		{"should count the path when naming the argument", func(app *expresso.App) { app.Use("/p", ok, "/q") },
			"expresso: Use: argument 3 is of type string" + want},
		{"should panic on a handler with the wrong signature", func(app *expresso.App) { app.Use(func(*expresso.Context) {}) },
			"expresso: Use: argument 1 is of type func(*expresso.Context)" + want},
		{"should panic on a nil argument", func(app *expresso.App) { app.Use(nil) },
			"expresso: Use: argument 1 is nil" + want},
		{"should panic on a nil Handler", func(app *expresso.App) { app.Use(ok, expresso.Handler(nil)) },
			"expresso: Use: argument 2 is a nil expresso.Handler" + want},
		{"should panic on a nil Handler in a slice", func(app *expresso.App) { app.Use([]expresso.Handler{ok, nil}) },
			"expresso: Use: argument 1 is a nil expresso.Handler" + want},
		{"should panic on a nil *Router", func(app *expresso.App) { app.Use("/r", (*expresso.Router)(nil)) },
			"expresso: Use: argument 2 is a nil *expresso.Router" + want},
		{"should panic on a nil http.HandlerFunc", func(app *expresso.App) { app.Use(http.HandlerFunc(nil)) },
			"expresso: Use: argument 1 is a nil http.HandlerFunc" + want},
		{"should panic on a Use path without a leading slash", func(app *expresso.App) { app.Use("api", ok) },
			`expresso: invalid Use path "api": it must start with /`},
		{"should panic on a wildcard in a Use path", func(app *expresso.App) { app.Use("/files/*rest", ok) },
			`expresso: invalid Use path "/files/*rest": wildcards are not supported in Use prefixes; use a route or a parameter`},
		{"should panic on a route without handlers", func(app *expresso.App) { app.Get("/x") },
			`expresso: GET "/x" requires at least one handler`},
		{"should panic on a nil route handler", func(app *expresso.App) { app.Get("/x", nil) },
			`expresso: GET "/x": handler 1 is nil`},
		{"should panic on a nil handler given to All", func(app *expresso.App) { app.All("/x", ok, nil) },
			`expresso: All "/x": handler 2 is nil`},
		{"should panic on a nil handler given to a Route", func(app *expresso.App) { app.Route("/x").Post(nil) },
			`expresso: POST "/x": handler 1 is nil`},
		{"should panic on an invalid method", func(app *expresso.App) { app.Handle("GE T", "/x", ok) },
			`expresso: invalid method "GE T" for route "/x"`},
		{"should panic on a nil Param function", func(app *expresso.App) { app.Param("id", nil) },
			`expresso: Param "id": nil function`},
		{"should panic on a nil ErrorHandler", func(app *expresso.App) { app.OnError(nil) },
			"expresso: OnError: nil ErrorHandler"},
		{"should panic on two RouterConfigs", func(*expresso.App) { expresso.NewRouter(expresso.RouterConfig{}, expresso.RouterConfig{}) },
			"expresso: NewRouter takes at most one RouterConfig"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := expresso.New()
			assert.PanicsWithValue(t, tc.msg, func() { tc.setup(app) })
		})
	}
}
