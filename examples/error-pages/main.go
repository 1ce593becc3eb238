// Command error-pages is a port of Express's examples/error-pages: custom
// 404 and 500 pages rendered from html/template views, a 404 negotiated
// between HTML, JSON and text, and error details shown only outside
// production.
//
//	go run ./examples/error-pages              # http://localhost:3000
//	curl localhost:3000/notfound -H "Accept: application/json"
//	EXPRESSO_ENV=production go run ./examples/error-pages
package main

import (
	"embed"
	"errors"
	"flag"
	"log"

	"github.com/expresso-go/expresso"
)

// views holds the templates: pages in views/, and the header and footer
// they share in views/partials/.
//
//go:embed views
var views embed.FS

// newApp builds the application; cfg is completed with the views.
func newApp(cfg expresso.Config) *expresso.App {
	cfg.ViewsFS, cfg.ViewEngine = views, "html"
	app := expresso.New(cfg)

	// Express's example enables a custom "verbose errors" setting, off in
	// production; here it is an app-wide local the templates read.
	app.Locals["verboseErrors"] = app.Env() != "production"

	app.Get("/", func(c *expresso.Context) error { return c.Render("index", nil) })
	app.Get("/404", func(c *expresso.Context) error {
		// No later route matches /404: passing the request on ends in the
		// 404 middleware below.
		return c.Next()
	})
	app.Get("/403", func(c *expresso.Context) error {
		return expresso.NewHTTPError(403, "not allowed!")
	})
	app.Get("/500", func(c *expresso.Context) error {
		return errors.New("keyboard cat!")
	})

	// Registered after every route, this middleware sees the requests no
	// route answered.
	app.Use(notFound)
	app.OnError(errorPage)
	return app
}

// notFound answers 404 in the representation the client prefers.
func notFound(c *expresso.Context) error {
	c.Status(404)
	return c.Format(
		expresso.Offer{Type: "html", Handler: func(c *expresso.Context) error {
			return c.Render("404", map[string]any{"url": c.OriginalURL()})
		}},
		expresso.Offer{Type: "json", Handler: func(c *expresso.Context) error {
			return c.JSON(map[string]string{"error": "Not found"})
		}},
		expresso.Offer{Type: "default", Handler: func(c *expresso.Context) error {
			return c.Type("txt").Send("Not found")
		}},
	)
}

// errorPage renders the 500 page for every error, with the error's status
// when it has one.
func errorPage(c *expresso.Context, err error) error {
	status := 500
	var sc interface{ StatusCode() int }
	if errors.As(err, &sc) {
		status = sc.StatusCode()
	}
	return c.Status(status).Render("500", map[string]any{"error": err})
}

func main() {
	addr := flag.String("addr", ":3000", "address to listen on")
	flag.Parse()
	log.Printf("expresso error-pages on %s", *addr)
	if err := newApp(expresso.Config{}).Listen(*addr); err != nil {
		log.Fatal(err)
	}
}
