package middleware_test

import (
	"fmt"
	"net/http/httptest"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

func ExampleSecure() {
	app := expresso.New()
	app.Use(middleware.Secure(middleware.SecureOptions{FrameOptions: "DENY"}))
	app.Get("/", func(c *expresso.Context) error { return c.SendString("hi") })
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	for _, k := range []string{"X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Strict-Transport-Security"} {
		fmt.Printf("%s: %q\n", k, rec.Header().Get(k))
	}
	// Output:
	// X-Frame-Options: "DENY"
	// X-Content-Type-Options: "nosniff"
	// Referrer-Policy: "no-referrer"
	// Strict-Transport-Security: ""
}
