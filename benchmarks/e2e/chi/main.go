// Command chi serves the end-to-end routes with chi.
package main

import (
	"encoding/json"
	"io"
	"log"
	"net/http"

	"github.com/expresso-go/expresso/benchmarks/e2e/internal/serve"
	"github.com/go-chi/chi/v5"
)

func main() {
	r := chi.NewRouter()
	r.Get("/plaintext", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, serve.Hello)
	})
	r.Get("/json", func(w http.ResponseWriter, _ *http.Request) {
		body, err := json.Marshal(serve.Message{Message: serve.Hello})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(body)
	})
	r.Get("/user/{id}", func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, chi.URLParam(req, "id"))
	})
	if err := serve.Run(serve.Addr(), r); err != nil {
		log.Fatal(err)
	}
}
