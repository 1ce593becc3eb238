// Command expresso serves the end-to-end routes with expresso, in
// production mode. ETag is off, as the other servers compute none, unless
// -defaults asks for Express's default weak ETag.
package main

import (
	"flag"
	"log"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/benchmarks/e2e/internal/serve"
)

func main() {
	defaults := flag.Bool("defaults", false, "keep Express's default weak ETag")
	addr := serve.Addr()
	cfg := expresso.Config{Env: "production", ETag: expresso.ETagOff}
	if *defaults {
		cfg = expresso.Config{Env: "production"}
	}
	app := expresso.New(cfg)
	app.Get("/plaintext", func(c *expresso.Context) error {
		c.Set("Content-Type", "text/plain")
		return c.Send(serve.Hello)
	})
	app.Get("/json", func(c *expresso.Context) error {
		return c.JSON(serve.Message{Message: serve.Hello})
	})
	app.Get("/user/:id", func(c *expresso.Context) error {
		c.Set("Content-Type", "text/plain")
		return c.Send(c.Param("id"))
	})
	if err := app.Listen(addr); err != nil {
		log.Fatal(err)
	}
}
