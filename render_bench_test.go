package expresso_test

import (
	"bytes"
	"html/template"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"testing/fstest"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/templates"
)

// The small layout page of the Render benchmark: a layout, a partial and a
// page with a loop, 194 bytes of output.
var (
	benchLayout = `<!DOCTYPE html><html><head><title>{{.title}}</title></head>` +
		`<body>{{template "nav" .}}{{block "content" .}}{{end}}</body></html>`
	benchNav  = `<nav><a href="/">Home</a> <a href="/users">Users</a></nav>`
	benchPage = `{{define "content"}}<h1>{{.title}}</h1><ul>{{range .users}}<li>{{.}}</li>{{end}}</ul>{{end}}`
	benchData = map[string]any{"title": "Users", "users": []string{"tobi", "loki", "jane"}}
)

func BenchmarkRender(b *testing.B) {
	// expresso renders with Express's default weak ETag (a SHA-1 of the
	// page); expresso-etag-off shows the cost without it.
	for _, bc := range []struct {
		name string
		etag expresso.ETagMode
	}{{"expresso", expresso.ETagWeak}, {"expresso-etag-off", expresso.ETagOff}} {
		b.Run(bc.name, func(b *testing.B) {
			runBench(b, benchRenderApp(bc.etag), "/users", http.StatusOK)
		})
	}
	t := template.Must(template.New("layout").Parse(benchLayout))
	template.Must(t.New("nav").Parse(benchNav))
	template.Must(t.New("page").Parse(benchPage))
	b.Run("html-template", func(b *testing.B) {
		benchHandler(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			if err := t.Execute(w, benchData); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
			}
		}))
	})
	b.Run("html-template-buffered", func(b *testing.B) {
		benchHandler(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var buf bytes.Buffer
			if err := t.Execute(&buf, benchData); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			h := w.Header()
			h.Set("Content-Type", "text/html; charset=utf-8")
			h.Set("Content-Length", strconv.Itoa(buf.Len()))
			w.Write(buf.Bytes())
		}))
	})
}

// benchRenderApp renders the small layout page in production.
func benchRenderApp(etag expresso.ETagMode) *expresso.App {
	app := expresso.New(expresso.Config{Env: "production", ETag: etag, ViewEngine: "html", ViewsFS: fstest.MapFS{
		"views/layouts/main.html": {Data: []byte(benchLayout)},
		"views/partials/nav.html": {Data: []byte(benchNav)},
		"views/users/index.html":  {Data: []byte(benchPage)},
	}})
	app.Engine("html", templates.New(templates.Options{Layout: "layouts/main"}))
	app.Get("/users", func(c *expresso.Context) error { return c.Render("users", benchData) })
	return app
}

// benchHandler runs GET /users against a plain net/http handler.
func benchHandler(b *testing.B, h http.Handler) {
	r := httptest.NewRequest(http.MethodGet, "/users", nil)
	w := &nullWriter{h: http.Header{}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w.reset()
		h.ServeHTTP(w, r)
	}
}
