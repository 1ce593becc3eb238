package benchmarks

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// scenario is one handler benchmark: the request sent, through an app with
// middleware no-op middleware, and the response every framework must give.
type scenario struct {
	name        string
	middleware  int
	path        string
	status      int
	contentType string
	body        string
}

// scenarios returns the handler benchmarks, in report order. NotFound's
// content type and body are each framework's own; see notFoundResponse.
func scenarios() []scenario {
	list, err := json.Marshal(Items(100))
	if err != nil {
		panic(err)
	}
	return []scenario{
		{name: "PlainText", path: PathPlainText, status: http.StatusOK, contentType: TextPlain, body: Hello},
		{name: "JSON", path: PathJSON, status: http.StatusOK, contentType: AppJSON, body: `{"message":"Hello, World!"}`},
		{name: "JSONList", path: PathJSONList, status: http.StatusOK, contentType: AppJSON, body: string(list)},
		{name: "Param", path: "/user/gopher42", status: http.StatusOK, contentType: TextPlain, body: "gopher42"},
		{name: "Middleware5", middleware: 5, path: PathPlainText, status: http.StatusOK, contentType: TextPlain, body: Hello},
		{name: "NotFound", path: "/missing", status: http.StatusNotFound},
	}
}

func BenchmarkHandler(b *testing.B) {
	for _, sc := range scenarios() {
		b.Run(sc.name, func(b *testing.B) {
			for _, fw := range Frameworks() {
				b.Run(fw.Name, func(b *testing.B) {
					h := fw.App(sc.middleware)
					r := httptest.NewRequest(http.MethodGet, sc.path, nil)
					w := NewDiscardWriter()
					b.ReportAllocs()
					for b.Loop() {
						w.Reset()
						h.ServeHTTP(w, r)
					}
				})
			}
			b.Run("Fiber", func(b *testing.B) {
				benchFiber(b, FiberApp(sc.middleware), sc.path)
			})
		})
	}
}
