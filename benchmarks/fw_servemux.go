package benchmarks

import (
	"net/http"
	"strings"
)

// LoadServeMux registers routes on a net/http ServeMux with Go 1.22
// patterns ("GET /users/{user}"); a path ending in "/" gets "{$}" so that it
// matches itself only, not its subtree. ServeMux panics on patterns it
// considers conflicting.
func LoadServeMux(routes []Route, hits *int) http.Handler {
	mux := http.NewServeMux()
	h := func(http.ResponseWriter, *http.Request) { *hits++ }
	for _, r := range routes {
		mux.HandleFunc(r.Method+" "+serveMuxPattern(r.Path), h)
	}
	return mux
}

// serveMuxPattern rewrites an httprouter pattern for ServeMux.
func serveMuxPattern(path string) string {
	p := braces(path)
	if strings.HasSuffix(p, "/") {
		p += "{$}"
	}
	return p
}

// ServeMuxApp builds the scenario app on a net/http ServeMux.
func ServeMuxApp(n int) http.Handler {
	mux := http.NewServeMux()
	items := Items(100)
	mux.HandleFunc("GET "+PathPlainText, func(w http.ResponseWriter, _ *http.Request) {
		writeText(w, Hello)
	})
	mux.HandleFunc("GET "+PathJSON, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, Message{Message: Hello})
	})
	mux.HandleFunc("GET "+PathJSONList, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, items)
	})
	mux.HandleFunc("GET "+serveMuxPattern(PathParam), func(w http.ResponseWriter, r *http.Request) {
		writeText(w, r.PathValue("id"))
	})
	return netHTTPMiddleware(mux, n)
}
