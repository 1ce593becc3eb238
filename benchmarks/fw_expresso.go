package benchmarks

import (
	"net/http"

	"github.com/expresso-go/expresso"
)

// LoadExpresso registers routes on an expresso app with ETag off.
func LoadExpresso(routes []Route, hits *int) http.Handler {
	app := expresso.New(expresso.Config{Env: "production", ETag: expresso.ETagOff})
	h := func(c *expresso.Context) error {
		*hits++
		return c.End() // the empty response the other routers' handlers leave
	}
	for _, r := range routes {
		app.Handle(r.Method, r.Path, h)
	}
	return app
}

// ExpressoApp builds the scenario app in production mode with ETag off, the
// head-to-head configuration.
func ExpressoApp(n int) http.Handler {
	return expressoApp(expresso.Config{Env: "production", ETag: expresso.ETagOff}, n)
}

// ExpressoDefaultsApp builds the scenario app with Express's defaults (weak
// ETag on) in production mode.
func ExpressoDefaultsApp(n int) http.Handler {
	return expressoApp(expresso.Config{Env: "production"}, n)
}

func expressoApp(cfg expresso.Config, n int) http.Handler {
	app := expresso.New(cfg)
	for range n {
		app.Use(func(c *expresso.Context) error { return c.Next() })
	}
	items := Items(100)
	app.Get(PathPlainText, func(c *expresso.Context) error {
		c.Set("Content-Type", "text/plain")
		return c.Send(Hello)
	})
	app.Get(PathJSON, func(c *expresso.Context) error {
		return c.JSON(Message{Message: Hello})
	})
	app.Get(PathJSONList, func(c *expresso.Context) error {
		return c.JSON(items)
	})
	app.Get(PathParam, func(c *expresso.Context) error {
		c.Set("Content-Type", "text/plain")
		// SendString is Send for a string built at run time, without the
		// boxing into Send's any (as Gin and Echo have c.String).
		return c.SendString(c.Param("id"))
	})
	return app
}
