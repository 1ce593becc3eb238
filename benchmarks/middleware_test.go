package benchmarks

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	echomw "github.com/labstack/echo/v4/middleware"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// PathJSON1K serves Items(10), about 1 KiB of JSON, in the middleware
// benchmarks.
const PathJSON1K = "/json1k"

// mwCase is one middleware with each framework's equivalent; nil where a
// framework has none built in.
type mwCase struct {
	name     string
	expresso func() any
	echo     func() echo.MiddlewareFunc
	gin      func() gin.HandlerFunc
	header   map[string]string // request headers
}

var allowedOrigin = "https://app.example.com"

func mwCases() []mwCase {
	return []mwCase{
		{name: "None"},
		{name: "NetHTTPNoop", // the cost of any net/http middleware in expresso
			expresso: func() any {
				return func(next http.Handler) http.Handler {
					return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { next.ServeHTTP(w, r) })
				}
			}},
		{name: "Logger",
			expresso: func() any { return middleware.Logger(middleware.LoggerOptions{Output: io.Discard}) },
			echo:     func() echo.MiddlewareFunc { return echomw.LoggerWithConfig(echomw.LoggerConfig{Output: io.Discard}) },
			gin:      func() gin.HandlerFunc { return gin.LoggerWithWriter(io.Discard) }},
		{name: "Recover",
			expresso: func() any { return middleware.Recover() },
			echo:     echomw.Recover,
			gin:      gin.Recovery},
		{name: "CORS",
			expresso: func() any { return middleware.CORS(middleware.CORSOptions{AllowOrigins: []string{allowedOrigin}}) },
			echo: func() echo.MiddlewareFunc {
				return echomw.CORSWithConfig(echomw.CORSConfig{AllowOrigins: []string{allowedOrigin}})
			},
			header: map[string]string{"Origin": allowedOrigin}},
		{name: "RequestID",
			expresso: func() any { return middleware.RequestID() },
			echo:     echomw.RequestID},
		{name: "Secure",
			expresso: func() any { return middleware.Secure(middleware.SecureOptions{}) },
			echo:     echomw.Secure},
		{name: "Compress",
			expresso: func() any { return middleware.Compress(middleware.CompressOptions{}) },
			echo:     echomw.Gzip,
			header:   map[string]string{"Accept-Encoding": "gzip"}},
	}
}

// mwApps returns the apps of a case by framework name.
func mwApps(mc mwCase) map[string]http.Handler {
	items := Items(10)
	apps := map[string]http.Handler{}
	if mc.expresso != nil || mc.name == "None" {
		app := expresso.New(expresso.Config{Env: "production", ETag: expresso.ETagOff})
		if mc.expresso != nil {
			app.Use(mc.expresso())
		}
		app.Get(PathJSON1K, func(c *expresso.Context) error { return c.JSON(items) })
		apps["Expresso"] = app
	}
	if mc.echo != nil || mc.name == "None" {
		e := echo.New()
		if mc.echo != nil {
			e.Use(mc.echo())
		}
		e.GET(PathJSON1K, func(c echo.Context) error { return c.JSON(http.StatusOK, items) })
		apps["Echo"] = e
	}
	if mc.gin != nil || mc.name == "None" {
		r := newGin()
		if mc.gin != nil {
			r.Use(mc.gin())
		}
		r.GET(PathJSON1K, func(c *gin.Context) { c.JSON(http.StatusOK, items) })
		apps["Gin"] = r
	}
	return apps
}

func mwRequest(mc mwCase) *http.Request {
	r := httptest.NewRequest(http.MethodGet, PathJSON1K, nil)
	for k, v := range mc.header {
		r.Header.Set(k, v)
	}
	return r
}

// TestMiddlewareAppsAgree checks that every app of every case answers the
// 1 KiB JSON, compressed where asked.
func TestMiddlewareAppsAgree(t *testing.T) {
	want, err := json.Marshal(Items(10))
	require.NoError(t, err)
	require.InDelta(t, 1024, len(want), 200)
	for _, mc := range mwCases() {
		for name, app := range mwApps(mc) {
			t.Run(mc.name+"/"+name, func(t *testing.T) {
				rec := httptest.NewRecorder()
				app.ServeHTTP(rec, mwRequest(mc))
				assert.Equal(t, http.StatusOK, rec.Code)
				body := rec.Body.Bytes()
				if mc.name == "Compress" {
					assert.Equal(t, "gzip", rec.Header().Get("Content-Encoding"))
					zr, err := gzip.NewReader(rec.Body)
					require.NoError(t, err)
					body, err = io.ReadAll(zr)
					require.NoError(t, err)
				}
				assert.JSONEq(t, string(want), string(body))
				if mc.name == "CORS" {
					assert.Equal(t, allowedOrigin, rec.Header().Get("Access-Control-Allow-Origin"))
				}
			})
		}
	}
}

// BenchmarkMiddleware measures a GET of 1 KiB of JSON through each
// framework with one middleware, or none ("None"), on the DiscardWriter.
func BenchmarkMiddleware(b *testing.B) {
	for _, mc := range mwCases() {
		apps := mwApps(mc)
		for _, name := range []string{"Expresso", "Echo", "Gin"} {
			app, ok := apps[name]
			if !ok {
				continue
			}
			b.Run(mc.name+"/"+name, func(b *testing.B) {
				r := mwRequest(mc)
				w := NewDiscardWriter()
				b.ReportAllocs()
				for b.Loop() {
					w.Reset()
					app.ServeHTTP(w, r)
				}
				if w.Status != 0 && w.Status != http.StatusOK {
					b.Fatalf("status %d", w.Status)
				}
			})
		}
	}
}
