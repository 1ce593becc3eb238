package benchmarks

import (
	"github.com/gofiber/fiber/v3"
)

// FiberApp builds the scenario app on Fiber. Fiber runs on fasthttp, not
// net/http: the benchmarks drive app.Handler() with a reused
// fasthttp.RequestCtx.
func FiberApp(n int) *fiber.App {
	app := fiber.New()
	for range n {
		app.Use(func(c fiber.Ctx) error { return c.Next() })
	}
	items := Items(100)
	app.Get(PathPlainText, func(c fiber.Ctx) error {
		return c.SendString(Hello)
	})
	app.Get(PathJSON, func(c fiber.Ctx) error {
		return c.JSON(Message{Message: Hello})
	})
	app.Get(PathJSONList, func(c fiber.Ctx) error {
		return c.JSON(items)
	})
	app.Get(PathParam, func(c fiber.Ctx) error {
		return c.SendString(c.Params("id"))
	})
	return app
}
