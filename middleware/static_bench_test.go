package middleware_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

// stDiscard is the writer both sides write to: a reused header map,
// writes and ReadFrom counted and dropped.
type stDiscard struct {
	h      http.Header
	status int
	n      int64
}

func (w *stDiscard) Header() http.Header  { return w.h }
func (w *stDiscard) WriteHeader(code int) { w.status = code }
func (w *stDiscard) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}
func (w *stDiscard) ReadFrom(r io.Reader) (int64, error) {
	n, err := io.Copy(io.Discard, r)
	w.n += n
	return n, err
}

// BenchmarkStatic1KiB compares middleware.Static with http.FileServer on
// a 1 KiB file.
func BenchmarkStatic1KiB(b *testing.B) {
	dir := b.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "css"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "css", "site.css"), []byte(strings.Repeat("x", 1024)), 0o644); err != nil {
		b.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodGet, "/css/site.css", nil)
	run := func(b *testing.B, h http.Handler) {
		w := &stDiscard{h: http.Header{}}
		b.ReportAllocs()
		for b.Loop() {
			clear(w.h)
			w.status, w.n = 0, 0
			h.ServeHTTP(w, r)
		}
		if w.status != http.StatusOK || w.n != 1024 {
			b.Fatalf("status %d, %d bytes", w.status, w.n)
		}
	}
	b.Run("Static", func(b *testing.B) {
		app := expresso.New(expresso.Config{Env: "production"})
		app.Use(middleware.Static(dir))
		run(b, app)
	})
	b.Run("FileServer", func(b *testing.B) {
		run(b, http.FileServer(http.Dir(dir)))
	})
	b.Run("FileServerFS", func(b *testing.B) {
		run(b, http.FileServerFS(os.DirFS(dir)))
	})
}
