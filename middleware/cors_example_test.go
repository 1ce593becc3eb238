package middleware_test

import (
	"fmt"
	"net/http/httptest"
	"time"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

func ExampleCORS() {
	app := expresso.New()
	app.Use(middleware.CORS(middleware.CORSOptions{
		AllowOrigins:     []string{"https://app.example.com", "https://*.example.org"},
		AllowCredentials: true,
		MaxAge:           time.Hour,
	}))
	app.Put("/items/:id", func(c *expresso.Context) error { return c.SendStatus(204) })
	r := httptest.NewRequest("OPTIONS", "/items/7", nil)
	r.Header.Set("Origin", "https://shop.example.org")
	r.Header.Set("Access-Control-Request-Method", "PUT")
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, r)
	fmt.Println(rec.Code)
	for _, k := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
		"Access-Control-Allow-Methods", "Access-Control-Max-Age", "Vary"} {
		fmt.Println(k+":", rec.Header().Get(k))
	}
	// Output:
	// 204
	// Access-Control-Allow-Origin: https://shop.example.org
	// Access-Control-Allow-Credentials: true
	// Access-Control-Allow-Methods: GET,HEAD,PUT,PATCH,POST,DELETE
	// Access-Control-Max-Age: 3600
	// Vary: Origin
}
