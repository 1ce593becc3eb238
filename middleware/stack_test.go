package middleware_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStackOfMiddleware runs this package's middleware together in one App:
// the log line shows the request id and the compressed bytes the client
// got, a panic below Compress is answered uncompressed by the error
// handler, and the headers of every layer arrive.
func TestStackOfMiddleware(t *testing.T) {
	var logged bytes.Buffer
	app := expresso.New(expresso.Config{Env: "production", Logger: slog.New(slog.DiscardHandler)})
	app.Use(middleware.RequestID(middleware.RequestIDOptions{Generator: func() string { return "rid-1" }}))
	app.Use(middleware.Logger(middleware.LoggerOptions{Format: ":id :method :url :status :bytes :res[content-encoding]", Output: &logged}))
	app.Use(middleware.Recover(middleware.RecoverOptions{Logger: slog.New(slog.DiscardHandler)}))
	app.Use(middleware.Secure(middleware.SecureOptions{}))
	app.Use(middleware.CORS(middleware.CORSOptions{AllowOrigins: []string{"https://app.example.com"}}))
	app.Use(middleware.Compress(middleware.CompressOptions{}))
	app.Get("/data", func(c *expresso.Context) error {
		return c.JSON(map[string]string{"data": strings.Repeat("x", 3000)})
	})
	app.Get("/boom", func(c *expresso.Context) error { panic("boom") })

	r := httptest.NewRequest("GET", "/data", nil)
	r.Header.Set("Accept-Encoding", "gzip")
	r.Header.Set("Origin", "https://app.example.com")
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, r)
	require.Equal(t, 200, rec.Code)
	assert.Equal(t, "rid-1", rec.Header().Get("X-Request-Id"))
	assert.Equal(t, "gzip", rec.Header().Get("Content-Encoding"))
	assert.Equal(t, "Origin, Accept-Encoding", rec.Header().Get("Vary"))
	assert.Equal(t, "https://app.example.com", rec.Header().Get("Access-Control-Allow-Origin"))
	assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"))
	compressed := rec.Body.Len()
	zr, err := gzip.NewReader(rec.Body)
	require.NoError(t, err)
	body, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, `{"data":"`+strings.Repeat("x", 3000)+`"}`, string(body))

	r = httptest.NewRequest("GET", "/boom", nil)
	r.Header.Set("Accept-Encoding", "gzip")
	r.Header.Set("Accept", "application/json")
	rec = httptest.NewRecorder()
	app.ServeHTTP(rec, r)
	assert.Equal(t, 500, rec.Code)
	assert.Equal(t, "", rec.Header().Get("Content-Encoding"))
	assert.Equal(t, `{"status":500,"message":"Internal Server Error"}`, rec.Body.String())
	assert.Equal(t, "rid-1", rec.Header().Get("X-Request-Id"))

	assert.Equal(t, "rid-1 GET /data 200 "+strconv.Itoa(compressed)+" gzip\n"+
		"rid-1 GET /boom 500 48 -\n", logged.String())
}

// TestStackOfMiddlewareOutsideExpresso composes the net/http forms around
// a ServeMux.
func TestStackOfMiddlewareOutsideExpresso(t *testing.T) {
	var logged bytes.Buffer
	mux := http.NewServeMux()
	mux.HandleFunc("GET /data", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, strings.Repeat("y", 2000))
	})
	mux.HandleFunc("GET /boom", func(w http.ResponseWriter, r *http.Request) { panic("boom") })
	var h http.Handler = mux
	h = middleware.Compress(middleware.CompressOptions{})(h)
	h = middleware.RecoverHTTP(middleware.RecoverOptions{Logger: slog.New(slog.DiscardHandler)})(h)
	h = middleware.Secure(middleware.SecureOptions{})(h)
	h = middleware.RequestID(middleware.RequestIDOptions{Generator: func() string { return "rid-2" }})(h)
	h = middleware.Logger(middleware.LoggerOptions{Format: ":id :url :status :bytes", Output: &logged})(h)

	r := httptest.NewRequest("GET", "/data", nil)
	r.Header.Set("Accept-Encoding", "gzip")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	assert.Equal(t, 200, rec.Code)
	assert.Equal(t, "gzip", rec.Header().Get("Content-Encoding"))
	compressed := rec.Body.Len()

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/boom", nil))
	assert.Equal(t, 500, rec.Code)
	assert.Equal(t, "Internal Server Error\n", rec.Body.String())
	assert.Equal(t, "SAMEORIGIN", rec.Header().Get("X-Frame-Options"))

	assert.Equal(t, "rid-2 /data 200 "+strconv.Itoa(compressed)+"\nrid-2 /boom 500 22\n", logged.String())
}
