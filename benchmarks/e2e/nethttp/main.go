// Command nethttp serves the end-to-end routes with net/http's ServeMux.
package main

import (
	"encoding/json"
	"io"
	"log"
	"net/http"

	"github.com/expresso-go/expresso/benchmarks/e2e/internal/serve"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /plaintext", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, serve.Hello)
	})
	mux.HandleFunc("GET /json", func(w http.ResponseWriter, _ *http.Request) {
		body, err := json.Marshal(serve.Message{Message: serve.Hello})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(body)
	})
	mux.HandleFunc("GET /user/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, r.PathValue("id"))
	})
	if err := serve.Run(serve.Addr(), mux); err != nil {
		log.Fatal(err)
	}
}
