// Command echo serves the end-to-end routes with Echo, without middleware.
package main

import (
	"log"
	"net/http"

	"github.com/expresso-go/expresso/benchmarks/e2e/internal/serve"
	"github.com/labstack/echo/v4"
)

func main() {
	e := echo.New()
	e.GET("/plaintext", func(c echo.Context) error {
		return c.String(http.StatusOK, serve.Hello)
	})
	e.GET("/json", func(c echo.Context) error {
		return c.JSON(http.StatusOK, serve.Message{Message: serve.Hello})
	})
	e.GET("/user/:id", func(c echo.Context) error {
		return c.String(http.StatusOK, c.Param("id"))
	})
	if err := serve.Run(serve.Addr(), e); err != nil {
		log.Fatal(err)
	}
}
