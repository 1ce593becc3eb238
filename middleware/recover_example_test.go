package middleware_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

func ExampleRecover() {
	app := expresso.New()
	app.Use(middleware.Recover(middleware.RecoverOptions{Logger: slog.New(slog.DiscardHandler)}))
	app.Get("/", func(c *expresso.Context) error { panic("out of cheese") })
	app.OnError(func(c *expresso.Context, err error) error {
		return c.Status(500).SendString("sorry: " + err.Error())
	})
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	fmt.Println(rec.Code, rec.Body.String())
	// Output: 500 sorry: middleware: panic: out of cheese
}

func ExampleRecoverHTTP() {
	h := middleware.RecoverHTTP(middleware.RecoverOptions{Logger: slog.New(slog.DiscardHandler)})(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	fmt.Print(rec.Code, " ", rec.Body.String())
	// Output: 500 Internal Server Error
}
