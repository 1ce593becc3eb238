// Command httprouter serves the end-to-end routes with raw httprouter.
package main

import (
	"encoding/json"
	"io"
	"log"
	"net/http"

	"github.com/expresso-go/expresso/benchmarks/e2e/internal/serve"
	"github.com/julienschmidt/httprouter"
)

func main() {
	router := httprouter.New()
	router.GET("/plaintext", func(w http.ResponseWriter, _ *http.Request, _ httprouter.Params) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, serve.Hello)
	})
	router.GET("/json", func(w http.ResponseWriter, _ *http.Request, _ httprouter.Params) {
		body, err := json.Marshal(serve.Message{Message: serve.Hello})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(body)
	})
	router.GET("/user/:id", func(w http.ResponseWriter, _ *http.Request, ps httprouter.Params) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, ps.ByName("id"))
	})
	if err := serve.Run(serve.Addr(), router); err != nil {
		log.Fatal(err)
	}
}
