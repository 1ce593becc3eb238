package templates_test

import (
	"html/template"
	"os"
	"strings"
	"testing/fstest"

	"github.com/expresso-go/expresso/templates"
)

func ExampleNew() {
	fsys := fstest.MapFS{
		// The layout says where pages go: the "content" block.
		"views/layouts/main.html": {Data: []byte(
			`<title>{{block "title" .}}Site{{end}}</title>{{template "nav" .}}{{block "content" .}}{{end}}` + "\n")},
		// Partials are called by their file name without the extension.
		"views/partials/nav.html": {Data: []byte(`<nav>{{.user}}</nav>`)},
		// A page defines the blocks it fills.
		"views/home.html": {Data: []byte(
			`{{define "title"}}Home{{end}}{{define "content"}}<h1>{{title .user}}</h1>{{end}}`)},
	}
	e := templates.New(templates.Options{
		FS:     fsys,
		Layout: "layouts/main",
		Funcs:  template.FuncMap{"title": strings.ToTitle},
	})
	// expresso calls Render with the path it found for c.Render("home", …).
	if err := e.Render(os.Stdout, "views/home.html", map[string]any{"user": "tobi"}); err != nil {
		panic(err)
	}
	// Output:
	// <title>Home</title><nav>tobi</nav><h1>TOBI</h1>
}
