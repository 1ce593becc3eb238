// Command nethttp serves the end-to-end routes with net/http's ServeMux.
package main

import (
	"log"
	"net/http"

	"github.com/expresso-go/expresso/benchmarks/e2e/internal/serve"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /plaintext", serve.PlainText)
	mux.HandleFunc("GET /json", serve.JSON)
	mux.HandleFunc("GET /user/{id}", func(w http.ResponseWriter, r *http.Request) {
		serve.Text(w, r.PathValue("id"))
	})
	if err := serve.Run(serve.Addr(), mux); err != nil {
		log.Fatal(err)
	}
}
