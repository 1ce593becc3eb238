// Command route-separation is a port of Express's examples/route-separation:
// an app whose handlers live in one file per resource (site.go, user.go,
// post.go), rendering html/template views, with a form that edits a user
// through PUT thanks to a ?_method=put override.
//
//	go run ./examples/route-separation         # http://localhost:3000
package main

import (
	"embed"
	"flag"
	"log"
	"net/http"
	"strings"

	"github.com/expresso-go/expresso"
)

// views holds the pages; views/partials holds the header and footer they
// share.
//
//go:embed views
var views embed.FS

//go:embed public/style.css
var styleCSS []byte

// newApp builds the application with its own fake databases.
func newApp(cfg expresso.Config) *expresso.App {
	cfg.ViewsFS, cfg.ViewEngine = views, "html"
	app := expresso.New(cfg)
	users := newUsers()
	app.Use(methodOverride) // the rest of the request is routed by the new method

	// Express serves the public folder with express.static.
	app.Get("/style.css", func(c *expresso.Context) error { return c.Type("css").Send(styleCSS) })

	// General
	app.Get("/", siteIndex)

	// User
	app.Get("/users", users.list)
	app.All("/user/:id{/:op}", users.load)
	app.Get("/user/:id", users.view)
	app.Get("/user/:id/view", users.view)
	app.Get("/user/:id/edit", users.edit)
	app.Put("/user/:id/edit", users.update)

	// Posts
	app.Get("/posts", postList(newPosts()))
	return app
}

// methodOverride lets an HTML form, which can only GET or POST, ask for
// another method with ?_method=put, as Express's method-override('_method').
func methodOverride(c *expresso.Context) error {
	if r := c.Request(); r.Method == http.MethodPost {
		switch m := strings.ToUpper(c.Query("_method")); m {
		case http.MethodPut, http.MethodPatch, http.MethodDelete:
			r.Method = m
		}
	}
	return c.Next()
}

func main() {
	addr := flag.String("addr", ":3000", "address to listen on")
	flag.Parse()
	log.Printf("expresso route-separation on %s", *addr)
	if err := newApp(expresso.Config{}).Listen(*addr); err != nil {
		log.Fatal(err)
	}
}
