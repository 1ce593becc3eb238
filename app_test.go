package expresso_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

func TestNewShouldPanicOnSeveralConfigs(t *testing.T) {
	t.Parallel()
	assert.PanicsWithValue(t, "expresso: New takes at most one Config", func() {
		expresso.New(expresso.Config{}, expresso.Config{})
	})
}

func TestNewShouldKeepTheConfig(t *testing.T) {
	t.Parallel()
	cfg := expresso.Config{Env: "staging", JSONIndent: "  ", CookieSecrets: []string{"s"}}
	app := expresso.New(cfg)
	assert.Equal(t, "staging", app.Env())
	assert.Equal(t, cfg.JSONIndent, app.Config().JSONIndent)
	assert.Equal(t, cfg.CookieSecrets, app.Config().CookieSecrets)
	assert.Equal(t, map[string]any{}, app.Locals)
}

// TestEnvShouldComeFromEXPRESSO_ENV cannot run in parallel: it sets an
// environment variable.
func TestEnvShouldComeFromEXPRESSO_ENV(t *testing.T) {
	t.Setenv("EXPRESSO_ENV", "production")
	assert.Equal(t, "production", expresso.New().Env())
	assert.Equal(t, "test", expresso.New(expresso.Config{Env: "test"}).Env())
	t.Setenv("EXPRESSO_ENV", "")
	assert.Equal(t, "development", expresso.New().Env())
}

func TestTestShouldServeInProcess(t *testing.T) {
	t.Parallel()
	app := expresso.New()
	app.Post("/echo/:name", func(c *expresso.Context) error {
		b, err := c.Body()
		if err != nil {
			return err
		}
		return c.Status(201).Set("X-Name", c.Param("name")).Send(b)
	})
	res := app.Test(httptest.NewRequest(http.MethodPost, "/echo/tobi", strings.NewReader("hi")))
	assert.Equal(t, http.StatusCreated, res.StatusCode)
	assert.Equal(t, http.Header{"X-Name": {"tobi"}, "Content-Type": {"application/octet-stream"},
		"Content-Length": {"2"}, "Etag": {`W/"2-witfkXg0JglCjW9RssWvTAveakI"`}}, rsHeader(res.Header))
	assert.Equal(t, "hi", rsBody(t, res))
}

func TestPoweredBy(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		cfg    expresso.Config
		target string
		want   http.Header
	}{
		{name: "should send no X-Powered-By by default", target: "/",
			want: http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Content-Length": {"2"},
				"Etag": {`W/"2-eoX0dku9ba8cNUXvu/DyeabcC+s"`}}},
		{name: "should send X-Powered-By: expresso when enabled", cfg: expresso.Config{PoweredBy: true}, target: "/",
			want: http.Header{"X-Powered-By": {"expresso"}, "Content-Type": {"text/html; charset=utf-8"},
				"Content-Length": {"2"}, "Etag": {`W/"2-eoX0dku9ba8cNUXvu/DyeabcC+s"`}}},
		{name: "should keep X-Powered-By on the 404 page", cfg: expresso.Config{PoweredBy: true}, target: "/nope",
			want: apPage(apHTML, rsFinalHTML("Cannot GET /nope"), http.Header{"X-Powered-By": {"expresso"}})},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app, _ := rsApp(tc.cfg)
			app.Get("/", func(c *expresso.Context) error { return c.Send("ok") })
			res, _ := rsDo(t, app, httptest.NewRequest(http.MethodGet, tc.target, nil))
			assert.Equal(t, tc.want, rsHeader(res.Header))
		})
	}
}

func TestLocalsShouldBeFreshForEveryRequest(t *testing.T) {
	t.Parallel()
	for _, env := range []string{"development", "production"} {
		t.Run("should start every request with empty Locals in "+env, func(t *testing.T) {
			t.Parallel()
			app, _ := rsApp(expresso.Config{Env: env})
			app.Use(func(c *expresso.Context) error {
				if len(c.Locals) != 0 {
					return errors.New("Locals leaked from an earlier request")
				}
				c.Locals["user"] = c.Query("u")
				return c.Next()
			})
			app.Get("/", func(c *expresso.Context) error { return c.Send(c.Locals["user"].(string)) })
			// More requests than development mode quarantines, so Contexts
			// are reused from the pool.
			for i := range 100 {
				u := string(rune('a' + i%26))
				res, body := rsDo(t, app, httptest.NewRequest(http.MethodGet, "/?u="+u, nil))
				require.Equal(t, http.StatusOK, res.StatusCode, body)
				require.Equal(t, u, body)
			}
		})
	}
}

func TestErrorAfterTheResponseFinishedShouldOnlyBeLogged(t *testing.T) {
	t.Parallel()
	app, logs := rsApp(expresso.Config{Env: "development"})
	app.Get("/", func(c *expresso.Context) error {
		if err := c.Send("ok"); err != nil {
			return err
		}
		return errors.New("late")
	})
	res, body := rsDo(t, app, httptest.NewRequest(http.MethodGet, "/", nil))
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Content-Length": {"2"},
		"Etag": {`W/"2-eoX0dku9ba8cNUXvu/DyeabcC+s"`}}, rsHeader(res.Header))
	assert.Equal(t, "ok", body)
	assert.Contains(t, logs.String(), `msg="expresso: error after the response was sent" err=late method=GET path=/`)
}

func TestErrorAfterTheBodyStartedShouldAbortTheConnection(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		fail func() error
	}{
		{name: "should abort on a returned error", fail: func() error { return errors.New("midway") }},
		{name: "should abort on a panic", fail: func() error { panic("midway") }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app, logs := rsApp(expresso.Config{Env: "development"})
			app.Get("/", func(c *expresso.Context) error {
				if _, err := c.Write([]byte("partial")); err != nil {
					return err
				}
				if err := c.Flush(); err != nil {
					return err
				}
				return tc.fail()
			})
			assert.PanicsWithValue(t, http.ErrAbortHandler, func() {
				app.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
			})
			assert.Contains(t, logs.String(), "aborting the connection")

			res, body := rsDo(t, app, httptest.NewRequest(http.MethodGet, "/", nil))
			assert.Equal(t, http.StatusOK, res.StatusCode, "Test returns what was recorded up to the abort")
			assert.Equal(t, "partial", body)

			srv := httptest.NewServer(app)
			defer srv.Close()
			wire, err := http.Get(srv.URL)
			require.NoError(t, err)
			defer wire.Body.Close()
			assert.Equal(t, http.StatusOK, wire.StatusCode)
			got, err := io.ReadAll(wire.Body)
			assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "the client must see a broken response")
			assert.Equal(t, "partial", string(got))
		})
	}
}

func TestServeHTTPShouldRepanicErrAbortHandler(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{})
	app.Get("/", func(*expresso.Context) error { panic(http.ErrAbortHandler) })
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() {
		app.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	})
	res := app.Test(httptest.NewRequest(http.MethodGet, "/", nil))
	assert.Equal(t, http.StatusOK, res.StatusCode, "Test swallows the abort and returns what was recorded")
	assert.Equal(t, "", rsBody(t, res))
}
