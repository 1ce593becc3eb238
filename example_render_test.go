package expresso_test

import (
	"fmt"
	"html/template"
	"io"
	"net/http/httptest"
	"os"
	"strings"
	"testing/fstest"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/templates"
)

func ExampleContext_Render() {
	// The views: an embed.FS in a program (//go:embed views), here a map.
	views := fstest.MapFS{
		"views/layouts/main.html": {Data: []byte(
			`<title>{{.title}}</title>{{block "content" .}}{{end}}{{template "footer" .}}`)},
		"views/partials/footer.html": {Data: []byte(`<footer>{{.site}}</footer>`)},
		"views/users/index.html": {Data: []byte(
			`{{define "content"}}<h1>{{upper .title}}</h1>{{range .users}}<p>{{.}}</p>{{end}}{{end}}`)},
	}
	app := expresso.New(expresso.Config{ViewsFS: views, ViewEngine: "html"})
	app.Engine("html", templates.New(templates.Options{
		Layout: "layouts/main",
		Funcs:  template.FuncMap{"upper": strings.ToUpper},
	}))
	app.Locals["site"] = "expresso"
	app.Get("/users", func(c *expresso.Context) error {
		// Found as views/users/index.html, rendered in the layout.
		return c.Render("users", map[string]any{"title": "Users", "users": []string{"tobi", "<loki>"}})
	})

	res := app.Test(httptest.NewRequest("GET", "/users", nil))
	exShow(res, "Content-Type", "Content-Length")
	// Output:
	// 200 OK
	// Content-Type: text/html; charset=utf-8
	// Content-Length: 89
	// <title>Users</title><h1>USERS</h1><p>tobi</p><p>&lt;loki&gt;</p><footer>expresso</footer>
}

// upperEngine is a ViewEngine that sends the view file in capitals.
type upperEngine struct{}

func (upperEngine) Render(w io.Writer, path string, data any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, strings.ToUpper(string(b)))
	return err
}

func ExampleApp_Engine() {
	dir, _ := os.MkdirTemp("", "views")
	defer os.RemoveAll(dir)
	os.WriteFile(dir+"/hello.up", []byte("hello, world"), 0o644)

	app := expresso.New(expresso.Config{Views: []string{dir}, ViewEngine: "up"})
	app.Engine("up", upperEngine{})
	app.Get("/", func(c *expresso.Context) error { return c.Render("hello", nil) })

	exShow(app.Test(httptest.NewRequest("GET", "/", nil)), "Content-Type")
	// Output:
	// 200 OK
	// Content-Type: text/html; charset=utf-8
	// HELLO, WORLD
}

func ExampleApp_Render() {
	views := fstest.MapFS{"views/email.html": {Data: []byte("<p>Hello {{.name}}, from {{.team}}</p>")}}
	app := expresso.New(expresso.Config{ViewsFS: views})
	app.Locals["team"] = "the team"

	var sb strings.Builder
	if err := app.Render(&sb, "email.html", map[string]any{"name": "Tobi"}); err != nil {
		fmt.Println(err)
	}
	fmt.Println(sb.String())
	fmt.Println(app.Render(&sb, "nope.html", nil))
	// Output:
	// <p>Hello Tobi, from the team</p>
	// Failed to lookup view "nope.html" in views directory "views"
}
