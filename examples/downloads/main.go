// Command downloads is Express's "downloads" example in expresso: a page
// of links, and /files/* sends the named file from a folder as an
// attachment with c.Download. A missing file gets a friendly 404; a path
// that climbs out of the folder ("/files/../main.go") is refused with 403.
//
//	go run ./examples/downloads        # serves http://localhost:3000
//	curl -OJ localhost:3000/files/amazing.txt
package main

import (
	"errors"
	"flag"
	"log"
	"net/http"

	"github.com/expresso-go/expresso"
)

const index = `<ul>` +
	`<li>Download <a href="/files/notes/groceries.txt">notes/groceries.txt</a>.</li>` +
	`<li>Download <a href="/files/amazing.txt">amazing.txt</a>.</li>` +
	`<li>Download <a href="/files/missing.txt">missing.txt</a>.</li>` +
	`<li>Download <a href="/files/CCTV大赛上海分赛区.txt">CCTV大赛上海分赛区.txt</a>.</li>` +
	`</ul>`

// newApp returns the app, serving downloads from the folder dir.
func newApp(dir string) *expresso.App {
	app := expresso.New()
	app.Get("/", func(c *expresso.Context) error { return c.SendString(index) })
	// The wildcard is the rest of the path: "notes/groceries.txt".
	app.Get("/files/*file", func(c *expresso.Context) error {
		err := c.Download(c.Param("file"), "", expresso.SendFileOptions{Root: dir})
		var he *expresso.HTTPError
		if errors.As(err, &he) && he.Code == http.StatusNotFound {
			return c.Status(http.StatusNotFound).SendString("Cannot find that file, sorry!")
		}
		return err // nil once sent; other errors go to the error handler
	})
	return app
}

func main() {
	addr := flag.String("addr", ":3000", "listen address")
	dir := flag.String("files", "examples/downloads/files", "folder the downloads come from")
	flag.Parse()
	log.Printf("expresso downloads example on %s", *addr)
	if err := newApp(*dir).Listen(*addr); err != nil {
		log.Fatal(err)
	}
}
