// Command httprouter serves the end-to-end routes with raw httprouter.
package main

import (
	"log"
	"net/http"

	"github.com/expresso-go/expresso/benchmarks/e2e/internal/serve"
	"github.com/julienschmidt/httprouter"
)

func main() {
	router := httprouter.New()
	router.HandlerFunc(http.MethodGet, "/plaintext", serve.PlainText)
	router.HandlerFunc(http.MethodGet, "/json", serve.JSON)
	router.GET("/user/:id", func(w http.ResponseWriter, _ *http.Request, ps httprouter.Params) {
		serve.Text(w, ps.ByName("id"))
	})
	if err := serve.Run(serve.Addr(), router); err != nil {
		log.Fatal(err)
	}
}
