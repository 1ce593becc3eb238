package middleware_test

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// captureLog returns a logger writing text without times into buf.
func captureLog(buf *bytes.Buffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}))
}

var errSentinel = errors.New("sentinel")

func TestRecoverHandsThePanicToTheErrorHandlers(t *testing.T) {
	tests := []struct {
		name     string
		handler  expresso.Handler
		wantBody string
		wantLog  string
	}{
		{"a string panic", func(c *expresso.Context) error { panic("boom") },
			"caught 500 middleware: panic: boom, is sentinel: false", `panic=boom method=GET path=/`},
		{"an error panic is unwrapped", func(c *expresso.Context) error { panic(errSentinel) },
			"caught 500 middleware: panic: sentinel, is sentinel: true", `panic=sentinel method=GET path=/`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logged bytes.Buffer
			app := expresso.New(expresso.Config{Env: "production", Logger: slog.New(slog.DiscardHandler)})
			var seenByEarlier error
			app.Use(func(c *expresso.Context) error {
				seenByEarlier = c.Next()
				return seenByEarlier
			})
			app.Use(middleware.Recover(middleware.RecoverOptions{Logger: captureLog(&logged)}))
			app.Get("/", tt.handler)
			app.OnError(func(c *expresso.Context, err error) error {
				var pe *middleware.PanicError
				require.ErrorAs(t, err, &pe)
				return c.Status(pe.StatusCode()).SendString("caught 500 " + err.Error() + ", is sentinel: " + map[bool]string{true: "true", false: "false"}[errors.Is(err, errSentinel)])
			})
			rec := httptest.NewRecorder()
			app.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
			assert.Equal(t, 500, rec.Code)
			assert.Equal(t, tt.wantBody, rec.Body.String())
			assert.Equal(t, "text/html; charset=utf-8", rec.Header().Get("Content-Type"))
			assert.Error(t, seenByEarlier)
			line := logged.String()
			assert.True(t, strings.HasPrefix(line, `level=ERROR msg="middleware: recovered a panic" `+tt.wantLog+` stack="goroutine `), line)
			assert.Contains(t, line, "recover_test.go")
		})
	}
}

func TestRecoverInAMountedRouterUsesItsErrorHandler(t *testing.T) {
	app := expresso.New(expresso.Config{Env: "production", Logger: slog.New(slog.DiscardHandler)})
	api := expresso.NewRouter()
	api.Use(middleware.Recover())
	api.Get("/boom", func(c *expresso.Context) error { panic("x") })
	api.OnError(func(c *expresso.Context, err error) error {
		return c.Status(503).JSON(map[string]string{"error": err.Error()})
	})
	app.Use("/api", api)
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, httptest.NewRequest("GET", "/api/boom", nil))
	assert.Equal(t, 503, rec.Code)
	assert.Equal(t, `{"error":"middleware: panic: x"}`, rec.Body.String())
}

func TestRecoverNeverWritesAfterTheResponseStarted(t *testing.T) {
	app := expresso.New(expresso.Config{Env: "production", Logger: slog.New(slog.DiscardHandler)})
	app.Use(middleware.Recover(middleware.RecoverOptions{Logger: slog.New(slog.DiscardHandler)}))
	app.Get("/", func(c *expresso.Context) error {
		_, _ = c.Write([]byte("partial"))
		panic("late")
	})
	srv := httptest.NewServer(app)
	defer srv.Close()
	res, err := http.Get(srv.URL)
	require.NoError(t, err)
	defer res.Body.Close()
	assert.Equal(t, 200, res.StatusCode)
	body, err := io.ReadAll(res.Body)
	assert.Equal(t, "partial", string(body))
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "the connection is aborted, not ended cleanly")
}

func TestRecoverRepanicsErrAbortHandler(t *testing.T) {
	for _, name := range []string{"Recover", "RecoverHTTP"} {
		t.Run(name, func(t *testing.T) {
			var logged bytes.Buffer
			opts := middleware.RecoverOptions{Logger: captureLog(&logged)}
			var h http.Handler
			if name == "Recover" {
				app := expresso.New(expresso.Config{Env: "production"})
				app.Use(middleware.Recover(opts))
				app.Get("/", func(c *expresso.Context) error { panic(http.ErrAbortHandler) })
				h = app
			} else {
				h = middleware.RecoverHTTP(opts)(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }))
			}
			assert.PanicsWithValue(t, http.ErrAbortHandler, func() {
				h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
			})
			assert.Equal(t, "", logged.String())
		})
	}
}

func TestRecoverHTTP(t *testing.T) {
	tests := []struct {
		name       string
		handler    http.HandlerFunc
		wantCode   int
		wantHeader http.Header
		wantBody   string
		wantAbort  bool
	}{
		{"a panic before anything was sent is a plain 500", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Half", "set")
			panic("boom")
		}, 500, http.Header{"Content-Type": {"text/plain; charset=utf-8"}, "X-Content-Type-Options": {"nosniff"}, "X-Half": {"set"}}, "Internal Server Error\n", false},
		{"the headers of the abandoned body are dropped", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "100")
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Etag", `"x"`)
			panic("boom")
		}, 500, http.Header{"Content-Type": {"text/plain; charset=utf-8"}, "X-Content-Type-Options": {"nosniff"}}, "Internal Server Error\n", false},
		{"a panic after the body started aborts", func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte("partial"))
			panic("late")
		}, 200, nil, "partial", true},
		{"a panic after WriteHeader aborts", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(201)
			panic("late")
		}, 201, nil, "", true},
		{"no panic passes through", func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte("fine"))
		}, 200, nil, "fine", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logged bytes.Buffer
			h := middleware.RecoverHTTP(middleware.RecoverOptions{Logger: captureLog(&logged)})(tt.handler)
			rec := httptest.NewRecorder()
			serve := func() { h.ServeHTTP(rec, httptest.NewRequest("GET", "/p", nil)) }
			if tt.wantAbort {
				assert.PanicsWithValue(t, http.ErrAbortHandler, serve)
			} else {
				assert.NotPanics(t, serve)
			}
			assert.Equal(t, tt.wantCode, rec.Code)
			assert.Equal(t, tt.wantBody, rec.Body.String())
			if tt.wantHeader != nil {
				assert.Equal(t, tt.wantHeader, rec.Header())
			}
			if tt.name == "no panic passes through" {
				assert.Equal(t, "", logged.String())
			} else {
				assert.Contains(t, logged.String(), `msg="middleware: recovered a panic" panic=`)
			}
		})
	}
}

func TestRecoverHTTPInsideAnAppAnswersA500(t *testing.T) {
	app := expresso.New(expresso.Config{Env: "production"})
	app.Use(middleware.RecoverHTTP(middleware.RecoverOptions{Logger: slog.New(slog.DiscardHandler)}))
	app.Get("/", func(c *expresso.Context) error { panic("boom") })
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	assert.Equal(t, 500, rec.Code)
	assert.Equal(t, "Internal Server Error\n", rec.Body.String())
}

func TestRecoverSetupPanics(t *testing.T) {
	assert.PanicsWithValue(t, "middleware: Recover takes at most one RecoverOptions", func() {
		middleware.Recover(middleware.RecoverOptions{}, middleware.RecoverOptions{})
	})
	assert.PanicsWithValue(t, "middleware: RecoverHTTP takes at most one RecoverOptions", func() {
		middleware.RecoverHTTP(middleware.RecoverOptions{}, middleware.RecoverOptions{})
	})
}
