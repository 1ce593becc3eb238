// Command fiber serves the end-to-end routes with Fiber, on fasthttp.
package main

import (
	"log"

	"github.com/expresso-go/expresso/benchmarks/e2e/internal/serve"
	"github.com/gofiber/fiber/v3"
)

func main() {
	addr := serve.Addr()
	app := fiber.New()
	app.Get("/plaintext", func(c fiber.Ctx) error {
		return c.SendString(serve.Hello)
	})
	app.Get("/json", func(c fiber.Ctx) error {
		return c.JSON(serve.Message{Message: serve.Hello})
	})
	app.Get("/user/:id", func(c fiber.Ctx) error {
		return c.SendString(c.Params("id"))
	})
	if err := app.Listen(addr, fiber.ListenConfig{DisableStartupMessage: true}); err != nil {
		log.Fatal(err)
	}
}
