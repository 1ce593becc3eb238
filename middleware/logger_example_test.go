package middleware_test

import (
	"net/http/httptest"
	"os"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

func ExampleLogger() {
	app := expresso.New()
	app.Use(middleware.Logger(middleware.LoggerOptions{Format: ":method :url :status :bytes", Output: os.Stdout}))
	app.Get("/hello", func(c *expresso.Context) error { return c.Send("hello") })
	app.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/hello?lang=en", nil))
	// Output: GET /hello?lang=en 200 5
}
