package middleware_test

import (
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

func ExampleStatic() {
	dir, _ := os.MkdirTemp("", "public")
	defer os.RemoveAll(dir)
	os.MkdirAll(filepath.Join(dir, "css"), 0o755)
	os.WriteFile(filepath.Join(dir, "css", "site.css"), []byte("body{margin:0}"), 0o644)

	app := expresso.New()
	app.Use("/static", middleware.Static(dir))
	app.Get("/", func(c *expresso.Context) error { return c.SendString("home") })

	for _, target := range []string{"/static/css/site.css", "/static/css", "/static/missing.css"} {
		res := app.Test(httptest.NewRequest("GET", target, nil))
		body, _ := io.ReadAll(res.Body)
		fmt.Println(target, res.StatusCode, res.Header.Get("Content-Type"))
		if loc := res.Header.Get("Location"); loc != "" {
			fmt.Println("Location:", loc)
		}
		if res.StatusCode == 200 {
			fmt.Println(string(body))
		}
	}
	// Output:
	// /static/css/site.css 200 text/css; charset=utf-8
	// body{margin:0}
	// /static/css 301 text/html; charset=UTF-8
	// Location: /static/css/
	// /static/missing.css 404 text/html; charset=utf-8
}
