// Command chi serves the end-to-end routes with chi.
package main

import (
	"log"
	"net/http"

	"github.com/expresso-go/expresso/benchmarks/e2e/internal/serve"
	"github.com/go-chi/chi/v5"
)

func main() {
	r := chi.NewRouter()
	r.Get("/plaintext", serve.PlainText)
	r.Get("/json", serve.JSON)
	r.Get("/user/{id}", func(w http.ResponseWriter, req *http.Request) {
		serve.Text(w, chi.URLParam(req, "id"))
	})
	if err := serve.Run(serve.Addr(), r); err != nil {
		log.Fatal(err)
	}
}
