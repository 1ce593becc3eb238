package expresso_test

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/expresso-go/expresso"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The behaviours porting real Express apps exposed (issue 7, scope 1).

func TestErrorsReachErrorHandlersAsInExpress(t *testing.T) {
	t.Parallel()
	caught := func(l *rtLog) expresso.ErrorHandler {
		return func(c *expresso.Context, err error) error {
			l.names = append(l.names, "caught:"+err.Error())
			return c.Status(expresso.StatusOf(err)).Send("handled: " + err.Error())
		}
	}
	cases := []struct {
		name    string
		setup   func(app *expresso.App, l *rtLog)
		target  string
		want    rtResp
		wantLog string
	}{
		{
			name: "should give a panic to OnError like a returned error",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/x", func(c *expresso.Context) error { panic("boom") })
				app.OnError(caught(l))
			},
			target: "/x", want: rtStatus(rtSent("handled: expresso: panic: boom"), 500), wantLog: "caught:expresso: panic: boom",
		},
		{
			name: "should give a panic to the mounted router's OnError first",
			setup: func(app *expresso.App, l *rtLog) {
				api := expresso.NewRouter()
				api.Get("/x", func(c *expresso.Context) error { panic(expresso.NewHTTPError(418, "teapot")) })
				api.OnError(caught(l))
				app.Use("/api", api)
				app.OnError(func(c *expresso.Context, err error) error { l.names = append(l.names, "app"); return err })
			},
			target: "/api/x", want: rtStatus(rtSent("handled: expresso: panic: teapot"), 418), wantLog: "caught:expresso: panic: teapot",
		},
		{
			name: "should not lose an error a middleware dropped",
			setup: func(app *expresso.App, l *rtLog) {
				app.Use(func(c *expresso.Context) error { _ = c.Next(); return nil })
				app.Get("/x", func(c *expresso.Context) error { return expresso.NewHTTPError(409, "conflict") })
				app.OnError(caught(l))
			},
			target: "/x", want: rtStatus(rtSent("handled: conflict"), 409), wantLog: "caught:conflict",
		},
		{
			name: "should treat a dropped error as handled when the middleware answered",
			setup: func(app *expresso.App, l *rtLog) {
				app.Use(func(c *expresso.Context) error {
					if err := c.Next(); err != nil {
						return c.Status(503).Send("middleware answered")
					}
					return nil
				})
				app.Get("/x", func(c *expresso.Context) error { return errors.New("db down") })
				app.OnError(caught(l))
			},
			target: "/x", want: rtStatus(rtSent("middleware answered"), 503),
		},
		{
			name: "should give a wrapped error to the router of the middleware that wrapped it",
			setup: func(app *expresso.App, l *rtLog) {
				api := expresso.NewRouter()
				api.Get("/x", func(c *expresso.Context) error { return errors.New("inner") })
				api.OnError(func(c *expresso.Context, err error) error { l.names = append(l.names, "api:"+err.Error()); return err })
				app.Use(func(c *expresso.Context) error {
					if err := c.Next(); err != nil {
						return fmt.Errorf("outer: %w", err)
					}
					return nil
				})
				app.Use("/api", api)
				app.OnError(caught(l))
			},
			target: "/api/x", want: rtStatus(rtSent("handled: outer: inner"), 500), wantLog: "api:inner,caught:outer: inner",
		},
		{
			name: "should answer 404 when the handlers return nil without answering",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/x", func(c *expresso.Context) error { return nil })
				app.OnError(caught(l))
			},
			target: "/x", want: rtNotFound("GET", "/x"),
		},
		{
			name: "should end NextRouter with no later match in the 404, not in OnError",
			setup: func(app *expresso.App, l *rtLog) {
				app.Get("/x", func(c *expresso.Context) error { return expresso.NextRouter })
				app.OnError(caught(l))
			},
			target: "/x", want: rtNotFound("GET", "/x"),
		},
		{
			name: "should not give the 405 to OnError",
			setup: func(app *expresso.App, l *rtLog) {
				app.Post("/x", rtText("posted"))
				app.OnError(caught(l))
			},
			target: "/x", want: func() rtResp {
				r := rtPage(405, "Cannot GET /x")
				r.Header["Allow"] = []string{"POST"}
				return r
			}(),
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := expresso.New(expresso.Config{Env: "development", Logger: discardLogger()})
			l := &rtLog{}
			tc.setup(app, l)
			assert.Equal(t, tc.want, rtDo(t, app, http.MethodGet, tc.target))
			assert.Equal(t, tc.wantLog, l.String())
		})
	}
}

func TestOptionsAnswerErrorReachesErrorHandlers(t *testing.T) {
	t.Parallel()
	app := expresso.New()
	app.Use(func(c *expresso.Context) error { c.Status(1000); return c.Next() })
	app.Get("/x", rtText("x"))
	var got error
	app.OnError(func(c *expresso.Context, err error) error { got = err; return c.SendStatus(500) })
	res := rtDo(t, app, http.MethodOptions, "/x")
	assert.Equal(t, 500, res.Status)
	assert.ErrorIs(t, got, expresso.ErrInvalidStatus)
}

func TestRewriteReroutesTheRestOfTheRequest(t *testing.T) {
	t.Parallel()
	app := expresso.New()
	app.Use(func(c *expresso.Context) error { // method-override
		if m := c.Get("X-HTTP-Method-Override"); m != "" {
			c.Request().Method = m
		}
		return c.Next()
	})
	app.Use(func(c *expresso.Context) error { // URL rewrite
		if c.Request().URL.Path == "/old" {
			c.Request().URL.Path = "/new"
		}
		return c.Next()
	})
	app.Post("/items/:id", rtText("post"))
	app.Delete("/items/:id", func(c *expresso.Context) error { return c.Send("deleted " + c.Param("id")) })
	app.Get("/new", func(c *expresso.Context) error { return c.Send("new at " + c.Path()) })

	r := httptest.NewRequest(http.MethodPost, "/items/7", nil)
	r.Header.Set("X-HTTP-Method-Override", "DELETE")
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, r)
	assert.Equal(t, 200, rec.Code)
	assert.Equal(t, "deleted 7", rec.Body.String())

	assert.Equal(t, rtSent("new at /new"), rtDo(t, app, http.MethodGet, "/old"))
}

func TestRoutingUsesThePathAsSent(t *testing.T) {
	t.Parallel()
	app := expresso.New()
	app.Get("/users/:id", func(c *expresso.Context) error { return c.Send("id=" + c.Param("id") + " path=" + c.Path()) })
	app.Get("/users/:id/:section", rtText("section"))
	assert.Equal(t, rtSent("id=a/b|c path=/users/a%2Fb|c"), rtDo(t, app, http.MethodGet, "/users/a%2Fb|c"))
	assert.Equal(t, rtNotFound("GET", "/%3Cla&#39;me%3E"), rtDo(t, app, http.MethodGet, "/<la'me>"))
	assert.Equal(t, rtNotFound("GET", "/req/a|b"), rtDo(t, app, http.MethodGet, "/req/a|b"))
}

func TestRequestSideAsNodeReadsIt(t *testing.T) {
	t.Parallel()
	app := expresso.New()
	app.Get("/", func(c *expresso.Context) error {
		return c.JSON(map[string]string{
			"ua": c.Get("User-Agent"), "ref": c.Get("Referer"), "auth": c.Get("Authorization"),
			"accept": c.Get("Accept"), "bad": c.Query("bad"), "latin": c.Query("latin"), "ok": c.Query("ok"),
		})
	})
	r := httptest.NewRequest(http.MethodGet, "/?bad=%zz&latin=caf%E9&ok=caf%C3%A9+x", nil)
	r.Header["User-Agent"] = []string{"first", "second"}
	r.Header["Referer"] = []string{"/a", "/b"}
	r.Header["Authorization"] = []string{"Bearer 1", "Bearer 2"}
	r.Header["Accept"] = []string{"text/html", "application/json"}
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, r)
	assert.JSONEq(t, `{"ua":"first","ref":"/a","auth":"Bearer 1","accept":"text/html, application/json",
		"bad":"%zz","latin":"caf\ufffd","ok":"café x"}`, rec.Body.String())
}

func TestIfModifiedSinceTakesISODates(t *testing.T) {
	t.Parallel()
	app := expresso.New()
	app.Get("/", func(c *expresso.Context) error {
		return c.Set("Last-Modified", "Sat, 01 Jan 2000 00:00:00 GMT").Send("x")
	})
	for _, ims := range []string{"2000-01-02T00:00:00.000Z", "Sun, 02 Jan 2000 00:00:00 +0000"} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set("If-Modified-Since", ims)
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, r)
		assert.Equal(t, 304, rec.Code, ims)
		assert.Equal(t, "", rec.Body.String())
	}
}

func TestResponseSideRefusalsAsExpressThrows(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		set     func(c *expresso.Context) *expresso.Context
		wantErr string
	}{
		{"should refuse a media type without a subtype", func(c *expresso.Context) *expresso.Context { return c.Type("pdf/") },
			`expresso: invalid media type "pdf/"`},
		{"should refuse an invalid Content-Type set with Set", func(c *expresso.Context) *expresso.Context { return c.Set("Content-Type", "a b/c") },
			`expresso: invalid media type "a b/c"`},
		{"should refuse a header value beyond Latin-1", func(c *expresso.Context) *expresso.Context { return c.Set("X-Name", "名前") },
			`expresso: invalid character beyond Latin-1 in header X-Name: "名前"`},
		{"should refuse an empty Vary field", func(c *expresso.Context) *expresso.Context { return c.Vary("") },
			"expresso: Vary: field argument is required"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := expresso.New()
			var err error
			app.Get("/", func(c *expresso.Context) error {
				err = tc.set(c).Send("x")
				return c.SendStatus(299)
			})
			res := rtDo(t, app, http.MethodGet, "/")
			require.Error(t, err)
			assert.Equal(t, tc.wantErr, err.Error())
			assert.Equal(t, 299, res.Status)
		})
	}
}

func TestResponseSideAsExpressSendsIt(t *testing.T) {
	t.Parallel()
	app := expresso.New(expresso.Config{ETag: expresso.ETagOff})
	app.Get("/attachment", func(c *expresso.Context) error { return c.Attachment("/").End() })
	app.Get("/latin1", func(c *expresso.Context) error { return c.Set("X-Name", "café").End() })
	app.Get("/zero", func(c *expresso.Context) error {
		return c.JSON(map[string]any{"a": -0.0, "b": []float64{-0.0, -0.5, 0}, "s": "-0"})
	})
	assert.Equal(t, `attachment; filename=""`, rtDo(t, app, "GET", "/attachment").Header.Get("Content-Disposition"))
	assert.Equal(t, "café", rtDo(t, app, "GET", "/latin1").Header.Get("X-Name"))
	assert.Equal(t, `{"a":0,"b":[0,-0.5,0],"s":"-0"}`, rtDo(t, app, "GET", "/zero").Body)
}

func TestPatternsMatchAsPathToRegexp8(t *testing.T) {
	t.Parallel()
	app := expresso.New()
	app.Get("/:from-:to", func(c *expresso.Context) error { return c.Send(c.Param("from") + "|" + c.Param("to")) })
	app.Get("/f/:name.:ext", func(c *expresso.Context) error { return c.Send(c.Param("name") + "|" + c.Param("ext")) })
	// Checked against path-to-regexp 8's match().
	for target, want := range map[string]string{"/a--": "a|-", "/a-b-c": "a-b|c", "/f/a.b.c": "a.b|c", "/f/a..": "a|."} {
		assert.Equal(t, rtSent(want), rtDo(t, app, "GET", target), target)
	}
}

func TestPendingRefusalIsReturnedInEveryState(t *testing.T) {
	t.Parallel()
	var errs []error
	app := expresso.New()
	app.Get("/head", func(c *expresso.Context) error {
		_ = c.WriteHead(200)
		c.Set("X-Late", "1")
		errs = append(errs, c.End("body"))
		return nil
	})
	app.Get("/finished", func(c *expresso.Context) error {
		_ = c.Send("first")
		//expressovet:ignore this test sends again on purpose: it pins the run-time refusal
		c.Set("X-Late", "1")
		//expressovet:ignore this test sends again on purpose: it pins the run-time refusal
		errs = append(errs, c.JSON(1))
		return nil
	})
	assert.Equal(t, "body", rtDo(t, app, "GET", "/head").Body)
	assert.Equal(t, rtSent("first"), rtDo(t, app, "GET", "/finished"))
	require.Len(t, errs, 2)
	for _, err := range errs {
		assert.ErrorIs(t, err, expresso.ErrHeadersSent)
		assert.True(t, strings.HasPrefix(err.Error(), "expresso: Set refused"), err.Error())
	}
}

func TestParamEachTellsTheName(t *testing.T) {
	t.Parallel()
	app := expresso.New()
	var seen []string
	app.ParamEach([]string{"from", "to"}, func(c *expresso.Context, value, name string) error {
		seen = append(seen, name+"="+value)
		return nil
	})
	app.Get("/:from/:to", rtText("ok"))
	assert.Equal(t, 200, rtDo(t, app, "GET", "/a/b").Status)
	assert.Equal(t, []string{"from=a", "to=b"}, seen)
}

func TestStatusOf(t *testing.T) {
	t.Parallel()
	assert.Equal(t, 0, expresso.StatusOf(nil))
	assert.Equal(t, 500, expresso.StatusOf(errors.New("x")))
	assert.Equal(t, 404, expresso.StatusOf(expresso.NewHTTPError(404)))
	assert.Equal(t, 422, expresso.StatusOf(fmt.Errorf("wrapped: %w", expresso.NewHTTPError(422))))
	assert.Equal(t, 500, expresso.StatusOf(expresso.NewHTTPError(302)))
}

func TestRouteLimitsPanicAtRegistration(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := range 33 {
		fmt.Fprintf(&b, "/:p%d", i)
	}
	pattern := b.String()
	app := expresso.New()
	assert.PanicsWithValue(t, "expresso: route \""+pattern+"\" has 33 dynamic segments; at most 32 are supported", func() {
		app.Get(pattern, rtText("x"))
	})
}

// discardLogger keeps the expected "request failed" lines out of the test
// output.
func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// swallowWriter is a wrapping net/http middleware's writer that keeps
// everything written through it.
type swallowWriter struct {
	http.ResponseWriter
	kept strings.Builder
}

func (w *swallowWriter) Write(p []byte) (int, error) { return w.kept.Write(p) }
func (w *swallowWriter) WriteHeader(int)             {}

func TestPanicThroughAWrappingMiddlewareAnswersThroughTheAppsWriter(t *testing.T) {
	t.Parallel()
	app := expresso.New(expresso.Config{Env: "production", Logger: discardLogger()})
	app.Use(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(&swallowWriter{ResponseWriter: w}, r)
		})
	})
	app.Get("/", func(c *expresso.Context) error { panic("boom") })
	assert.Equal(t, rtPage(500, "Internal Server Error"), rtDo(t, app, "GET", "/"))
}

// A refusal a setter recorded and no sender returned is an error, as
// Express's res.status(1000) throws: it never leaves the client without an
// answer, nor turns into a 404.
func TestUnreturnedRefusalIsAnError(t *testing.T) {
	t.Parallel()
	app := expresso.New(expresso.Config{Env: "production", Logger: discardLogger()})
	app.Get("/err", func(c *expresso.Context) error { c.Status(1000); return errors.New("x") })
	app.Get("/silent", func(c *expresso.Context) error { c.Status(1000); return nil })
	app.Use(func(c *expresso.Context) error { c.Status(1000); return c.Next() })
	for _, target := range []string{"/err", "/silent", "/missing"} {
		assert.Equal(t, rtPage(500, "Internal Server Error"), rtDo(t, app, http.MethodGet, target), target)
	}
}
