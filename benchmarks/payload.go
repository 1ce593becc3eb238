package benchmarks

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
)

// Hello is the body of the plain-text scenario.
const Hello = "Hello, World!"

// Paths served by every framework's app.
const (
	PathPlainText = "/plaintext"
	PathJSON      = "/json"
	PathJSONList  = "/json/list"
	PathParam     = "/user/:id"
)

// Content types the apps send, spelled as net/http and Gin spell them.
const (
	TextPlain = "text/plain; charset=utf-8"
	AppJSON   = "application/json; charset=utf-8"
)

// Message is the small JSON object: {"message":"Hello, World!"}.
type Message struct {
	Message string `json:"message"`
}

// Item is one element of the JSON list scenario; it encodes to about 100
// bytes.
type Item struct {
	ID     int      `json:"id"`
	Name   string   `json:"name"`
	Email  string   `json:"email"`
	Score  float64  `json:"score"`
	Active bool     `json:"active"`
	Tags   []string `json:"tags"`
}

// Items returns n deterministic items; Items(100) encodes to about 10 KB.
func Items(n int) []Item {
	items := make([]Item, n)
	for i := range items {
		name := "user-" + strconv.Itoa(1000+i)
		items[i] = Item{
			ID:     i + 1,
			Name:   name,
			Email:  name + "@example.com",
			Score:  float64(i%50) + 0.5,
			Active: i%3 != 0,
			Tags:   []string{"alpha", "beta"},
		}
	}
	return items
}

// writeText is the plain-text send of the raw net/http routers.
func writeText(w http.ResponseWriter, s string) {
	w.Header().Set("Content-Type", TextPlain)
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, s)
}

// writeJSON is the JSON send of the raw net/http routers: one Marshal, one
// Write, as Gin does it.
func writeJSON(w http.ResponseWriter, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", AppJSON)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// netHTTPMiddleware wraps h in n no-op middleware of the
// func(http.Handler) http.Handler form.
func netHTTPMiddleware(h http.Handler, n int) http.Handler {
	for range n {
		h = noopMiddleware(h)
	}
	return h
}

// noopMiddleware is a middleware that only calls the next handler.
func noopMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
	})
}
