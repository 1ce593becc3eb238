package expresso_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/expresso-go/expresso"
)

// sfDiscard is the writer both sides of the file benchmarks write to: a
// reused header map, writes and ReadFrom counted and dropped (io.Discard
// reads through a pooled buffer).
type sfDiscard struct {
	h      http.Header
	status int
	n      int64
}

func (w *sfDiscard) Header() http.Header  { return w.h }
func (w *sfDiscard) WriteHeader(code int) { w.status = code }
func (w *sfDiscard) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}
func (w *sfDiscard) ReadFrom(r io.Reader) (int64, error) {
	n, err := io.Copy(io.Discard, r)
	w.n += n
	return n, err
}

func (w *sfDiscard) reset() {
	clear(w.h)
	w.status, w.n = 0, 0
}

// sfBenchFile writes a 1 KiB file and returns its directory.
func sfBenchFile(b *testing.B) string {
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "file.txt"), []byte(strings.Repeat("x", 1024)), 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// sfBench serves r with h b.N times and checks the last answer.
func sfBench(b *testing.B, h http.Handler, r *http.Request) {
	w := &sfDiscard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		w.reset()
		h.ServeHTTP(w, r)
	}
	if w.status != http.StatusOK || w.n != 1024 {
		b.Fatalf("status %d, %d bytes", w.status, w.n)
	}
}

// BenchmarkFile1KiB compares SendFile of a 1 KiB file with
// http.ServeFile of the same file.
func BenchmarkFile1KiB(b *testing.B) {
	dir := sfBenchFile(b)
	p := filepath.Join(dir, "file.txt")
	r := httptest.NewRequest(http.MethodGet, "/file.txt", nil)
	b.Run("SendFile", func(b *testing.B) {
		app := expresso.New(expresso.Config{Env: "production"})
		app.Get("/file.txt", func(c *expresso.Context) error { return c.SendFile(p) })
		sfBench(b, app, r)
	})
	b.Run("SendFileRoot", func(b *testing.B) {
		app := expresso.New(expresso.Config{Env: "production"})
		app.Get("/file.txt", func(c *expresso.Context) error {
			return c.SendFile("file.txt", expresso.SendFileOptions{Root: dir})
		})
		sfBench(b, app, r)
	})
	b.Run("ServeFile", func(b *testing.B) {
		sfBench(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, p) }), r)
	})
}
