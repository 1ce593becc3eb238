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
	"time"

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
// It runs before the App routes the request, so it wraps the App.
func methodOverride(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			switch m := strings.ToUpper(r.URL.Query().Get("_method")); m {
			case http.MethodPut, http.MethodPatch, http.MethodDelete:
				r = r.Clone(r.Context())
				r.Method = m
			}
		}
		next.ServeHTTP(w, r)
	})
}

func main() {
	addr := flag.String("addr", ":3000", "address to listen on")
	flag.Parse()
	srv := &http.Server{
		Addr:              *addr,
		Handler:           methodOverride(newApp(expresso.Config{})),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      time.Minute,
	}
	log.Printf("expresso route-separation on %s", *addr)
	log.Fatal(srv.ListenAndServe())
}
