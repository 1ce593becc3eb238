package middleware_test

import (
	"fmt"
	"net/http/httptest"
	"strings"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

func ExampleCSRF() {
	app := expresso.New()
	app.Use(middleware.CSRF(middleware.CSRFOptions{TrustedOrigins: []string{"https://admin.example.com"}}))
	app.Post("/transfer", func(c *expresso.Context) error { return c.SendString("done") })
	for _, site := range []string{"same-origin", "cross-site"} {
		r := httptest.NewRequest("POST", "/transfer", nil)
		r.Header.Set("Sec-Fetch-Site", site)
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, r)
		fmt.Println(site, rec.Code, rec.Body.String())
	}
	// Output:
	// same-origin 200 done
	// cross-site 403 Forbidden: cross-origin request detected from Sec-Fetch-Site header
}

func ExampleCSRFToken() {
	app := expresso.New()
	app.Use(middleware.CSRF(middleware.CSRFOptions{Token: true}))
	app.Get("/form", func(c *expresso.Context) error {
		tok := middleware.CSRFToken(c.Request().Context())
		return c.Send(`<form method="post"><input type="hidden" name="_csrf" value="` + tok + `">…</form>`)
	})
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, httptest.NewRequest("GET", "/form", nil))
	fmt.Println(rec.Code, len(rec.Result().Cookies()), strings.Contains(rec.Body.String(), `name="_csrf" value="`))
	// Output: 200 1 true
}
