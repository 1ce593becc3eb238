// Command gin serves the end-to-end routes with Gin in release mode,
// without its logger and recovery middleware.
package main

import (
	"log"
	"net/http"

	"github.com/expresso-go/expresso/benchmarks/e2e/internal/serve"
	"github.com/gin-gonic/gin"
)

func main() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.GET("/plaintext", func(c *gin.Context) {
		c.String(http.StatusOK, serve.Hello)
	})
	r.GET("/json", func(c *gin.Context) {
		c.JSON(http.StatusOK, serve.Message{Message: serve.Hello})
	})
	r.GET("/user/:id", func(c *gin.Context) {
		c.String(http.StatusOK, c.Param("id"))
	})
	if err := serve.Run(serve.Addr(), r); err != nil {
		log.Fatal(err)
	}
}
