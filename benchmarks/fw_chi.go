package benchmarks

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

// LoadChi registers routes on a chi.Mux.
func LoadChi(routes []Route, hits *int) http.Handler {
	r := chi.NewRouter()
	h := func(http.ResponseWriter, *http.Request) { *hits++ }
	for _, rt := range routes {
		r.MethodFunc(rt.Method, braces(rt.Path), h)
	}
	return r
}

// ChiApp builds the scenario app on a chi.Mux.
func ChiApp(n int) http.Handler {
	r := chi.NewRouter()
	for range n {
		r.Use(noopMiddleware)
	}
	items := Items(100)
	r.Get(PathPlainText, func(w http.ResponseWriter, _ *http.Request) {
		writeText(w, Hello)
	})
	r.Get(PathJSON, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, Message{Message: Hello})
	})
	r.Get(PathJSONList, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, items)
	})
	r.Get(braces(PathParam), func(w http.ResponseWriter, req *http.Request) {
		writeText(w, chi.URLParam(req, "id"))
	})
	return r
}
