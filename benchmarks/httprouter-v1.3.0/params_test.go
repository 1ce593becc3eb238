// Package httprouterv130 measures httprouter on a param route, at the 2019
// tag v1.3.0 (go.mod) and at the newest commit expresso pins
// (go.newest.mod): v1.3.0 allocates the Params slice on every request, the
// newest commit pools it. Run: go test -bench . [-modfile=go.newest.mod]
package httprouterv130

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/julienschmidt/httprouter"
)

type discard struct{ h http.Header }

func (w *discard) Header() http.Header         { return w.h }
func (w *discard) Write(p []byte) (int, error) { return len(p), nil }
func (w *discard) WriteHeader(int)             {}

func BenchmarkHTTPRouterParamPooling(b *testing.B) {
	r := httprouter.New()
	var got string
	r.GET("/user/:name", func(_ http.ResponseWriter, _ *http.Request, ps httprouter.Params) {
		got = ps.ByName("name")
	})
	req := httptest.NewRequest(http.MethodGet, "/user/tobi", nil)
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		r.ServeHTTP(w, req)
	}
	if got != "tobi" {
		b.Fatalf("param = %q", got)
	}
}
