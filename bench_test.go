package expresso_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/expresso-go/expresso"
)

// nullWriter is a minimal ResponseWriter: it reuses one header map and
// discards the body, so benchmarks measure the framework, not the recorder.
type nullWriter struct {
	h      http.Header
	status int
}

func (w *nullWriter) Header() http.Header         { return w.h }
func (w *nullWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *nullWriter) WriteHeader(code int)        { w.status = code }

func (w *nullWriter) reset() {
	clear(w.h)
	w.status = 0
}

type smallStruct struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
	Admin bool   `json:"admin"`
}

func benchApp(cfg expresso.Config) *expresso.App {
	app := expresso.New(cfg)
	app.Get("/", func(c *expresso.Context) error { return c.Send("Hello, World!") })
	app.Get("/user/:name", func(c *expresso.Context) error { return c.Send(c.Param("name")) })
	app.Get("/json", func(c *expresso.Context) error {
		return c.JSON(smallStruct{ID: 1, Name: "Tobi Ferret", Email: "tobi@example.com", Admin: true})
	})
	return app
}

func runBench(b *testing.B, app *expresso.App, path string, wantStatus int) {
	r := httptest.NewRequest(http.MethodGet, path, nil)
	w := &nullWriter{h: http.Header{}}
	app.ServeHTTP(w, r)
	if w.status != wantStatus {
		b.Fatalf("GET %s: status %d, want %d", path, w.status, wantStatus)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w.reset()
		app.ServeHTTP(w, r)
	}
}

// The head-to-head configuration: production, no ETag (peers compute none).
var benchConfigs = []struct {
	name string
	cfg  expresso.Config
}{
	{"ETagOff", expresso.Config{Env: "production", ETag: expresso.ETagOff}},
	{"Defaults", expresso.Config{Env: "production"}},
	{"Development", expresso.Config{Env: "development"}},
}

func BenchmarkStaticSend(b *testing.B) {
	for _, bc := range benchConfigs {
		b.Run(bc.name, func(b *testing.B) { runBench(b, benchApp(bc.cfg), "/", http.StatusOK) })
	}
}

func BenchmarkParamSend(b *testing.B) {
	for _, bc := range benchConfigs {
		b.Run(bc.name, func(b *testing.B) { runBench(b, benchApp(bc.cfg), "/user/tobi", http.StatusOK) })
	}
}

func BenchmarkJSONSmallStruct(b *testing.B) {
	for _, bc := range benchConfigs {
		b.Run(bc.name, func(b *testing.B) { runBench(b, benchApp(bc.cfg), "/json", http.StatusOK) })
	}
}

func BenchmarkParamSendString(b *testing.B) {
	app := expresso.New(expresso.Config{Env: "production", ETag: expresso.ETagOff})
	app.Get("/user/:name", func(c *expresso.Context) error { return c.SendString(c.Param("name")) })
	runBench(b, app, "/user/tobi", http.StatusOK)
}
