// Command static-files is Express's "static-files" example in expresso:
// one public folder served three ways with middleware.Static — at the top
// level ("GET /js/app.js"), under a mount prefix ("GET /static/js/app.js";
// the prefix is removed before the lookup), and its css folder on its own
// ("GET /style.css"). A request logger runs first.
//
//	go run ./examples/static-files     # serves http://localhost:3000
//	curl -i localhost:3000/hello.txt
package main

import (
	"flag"
	"log"
	"path/filepath"
	"time"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

// newApp returns the app, serving the folder public; logf receives one
// line per request.
func newApp(public string, logf func(format string, args ...any)) *expresso.App {
	app := expresso.New()
	app.Use(func(c *expresso.Context) error {
		start := time.Now()
		err := c.Next()
		logf("%s %s %d %s", c.Method(), c.OriginalURL(), c.Response().Status(), time.Since(start).Round(time.Microsecond))
		return err
	})
	app.Use(middleware.Static(public))
	app.Use("/static", middleware.Static(public))
	app.Use(middleware.Static(filepath.Join(public, "css")))
	return app
}

func main() {
	addr := flag.String("addr", ":3000", "listen address")
	public := flag.String("public", "examples/static-files/public", "folder to serve")
	flag.Parse()
	log.Printf("expresso static-files example on %s; try GET /hello.txt, /js/app.js, /css/style.css, /static/js/app.js, /style.css", *addr)
	if err := newApp(*public, log.Printf).Listen(*addr); err != nil {
		log.Fatal(err)
	}
}
