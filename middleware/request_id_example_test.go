package middleware_test

import (
	"fmt"
	"net/http/httptest"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

func ExampleRequestID() {
	app := expresso.New()
	app.Use(middleware.RequestID())
	app.Get("/", func(c *expresso.Context) error {
		return c.SendString("id " + middleware.RequestIDFrom(c.Request().Context()))
	})
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("X-Request-Id", "4f1c2a")
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, r)
	fmt.Println(rec.Body.String(), rec.Header().Get("X-Request-Id"))
	// Output: id 4f1c2a 4f1c2a
}
