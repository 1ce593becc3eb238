package expresso_test

import (
	"errors"
	"fmt"
	"net/http/httptest"

	"github.com/expresso-go/expresso"
)

func ExampleRouter_ParamEach() {
	app := expresso.New()
	app.ParamEach([]string{"from", "to"}, func(c *expresso.Context, value, name string) error {
		if value == "" {
			return expresso.NewHTTPError(400, "missing "+name)
		}
		c.Locals[name] = value
		return nil
	})
	app.Get("/range/:from-:to", func(c *expresso.Context) error {
		return c.SendString(fmt.Sprint(c.Locals["from"], " to ", c.Locals["to"]))
	})
	exShow(app.Test(httptest.NewRequest("GET", "/range/a--", nil)))
	// Output:
	// 200 OK
	// a to -
}

func ExampleStatusOf() {
	app := expresso.New(expresso.Config{Env: "production"})
	app.Get("/", func(c *expresso.Context) error {
		return fmt.Errorf("loading the page: %w", expresso.NewHTTPError(403, "no entry"))
	})
	// Ported from app.use((err, req, res, next) => res.status(err.status || 500).send(…)).
	app.OnError(func(c *expresso.Context, err error) error {
		var he *expresso.HTTPError
		msg := "something broke"
		if errors.As(err, &he) {
			msg = he.Error()
		}
		return c.Status(expresso.StatusOf(err)).SendString(msg)
	})
	exShow(app.Test(httptest.NewRequest("GET", "/", nil)))
	// Output:
	// 403 Forbidden
	// no entry
}
