package expresso_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/expresso-go/expresso"
)

func ExampleContext_Bind() {
	type user struct {
		Name string `json:"name" form:"name"`
		Age  int    `json:"age" form:"age"`
	}
	app := expresso.New()
	app.Post("/users", func(c *expresso.Context) error {
		var u user
		if err := c.Bind(&u); err != nil {
			return err // a 400, 413 or 415 *HTTPError
		}
		return c.Status(201).JSON(u)
	})

	for _, r := range []struct{ ct, body string }{
		{"application/json", `{"name":"tobi","age":3}`},
		{"application/x-www-form-urlencoded", "name=loki&age=2"},
		{"application/json", `"tobi"`},
		{"application/json; charset=latin1", `{}`},
	} {
		req := httptest.NewRequest("POST", "/users", strings.NewReader(r.body))
		req.Header.Set("Content-Type", r.ct)
		req.Header.Set("Accept", "text/plain")
		exShow(app.Test(req))
	}
	// Output:
	// 201 Created
	// {"name":"tobi","age":3}
	// 201 Created
	// {"name":"loki","age":2}
	// 400 Bad Request
	// Unexpected token '"', ""tobi"" is not valid JSON
	// 415 Unsupported Media Type
	// unsupported charset "LATIN1"
}

func ExampleContext_Body() {
	app := expresso.New(expresso.Config{BodyLimit: 1 << 10})
	app.Post("/", func(c *expresso.Context) error {
		b, err := c.Body() // inflated, within BodyLimit
		if err != nil {
			return err
		}
		return c.Send(fmt.Sprintf("%d bytes", len(b)))
	})

	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write(bytes.Repeat([]byte("a"), 1000))
	_ = zw.Close()
	req := httptest.NewRequest("POST", "/", &gz)
	req.Header.Set("Content-Encoding", "gzip")
	exShow(app.Test(req))

	req = httptest.NewRequest("POST", "/", strings.NewReader(strings.Repeat("a", 2000)))
	req.Header.Set("Accept", "text/plain")
	exShow(app.Test(req))
	// Output:
	// 200 OK
	// 1000 bytes
	// 413 Request Entity Too Large
	// request entity too large
}

// exValidator requires a name.
type exValidator struct{}

func (exValidator) Validate(v any) error {
	if p, ok := v.(*struct {
		Name string `json:"name"`
	}); ok && p.Name == "" {
		return &expresso.FieldError{Field: "name", Err: errors.New("is required")}
	}
	return nil
}

func ExampleValidator() {
	app := expresso.New(expresso.Config{Validator: exValidator{}})
	app.Post("/", func(c *expresso.Context) error {
		var v struct {
			Name string `json:"name"`
		}
		if err := c.Bind(&v); err != nil {
			return err
		}
		return c.Send("hello " + v.Name)
	})
	for _, body := range []string{`{"name":"tobi"}`, `{}`} {
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "text/plain")
		exShow(app.Test(req))
	}
	// Output:
	// 200 OK
	// hello tobi
	// 400 Bad Request
	// invalid field "name": name: is required
}

func ExampleContext_FormFile() {
	dir, _ := os.MkdirTemp("", "uploads")
	defer os.RemoveAll(dir)

	app := expresso.New()
	app.Post("/upload", func(c *expresso.Context) error {
		fh, err := c.FormFile("avatar")
		if err != nil {
			return err
		}
		// Never trust the client's file name: SaveFile refuses paths.
		if err := c.SaveFile(fh, dir, filepath.Base(fh.Filename)); err != nil {
			return err
		}
		return c.Redirect("/done", 303)
	})

	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, _ := w.CreateFormFile("avatar", "../../me.png")
	_, _ = fw.Write([]byte("PNG"))
	_ = w.Close()
	req := httptest.NewRequest("POST", "/upload", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	exShow(app.Test(req), "Location")

	saved, _ := os.ReadFile(filepath.Join(dir, "me.png"))
	fmt.Println(string(saved))
	// Output:
	// 303 See Other
	// Location: /done
	// See Other. Redirecting to /done
	// PNG
}

func ExampleContext_MultipartForm() {
	app := expresso.New()
	app.Post("/", func(c *expresso.Context) error {
		form, err := c.MultipartForm()
		if err != nil {
			return err
		}
		// Temporary files behind form.File are removed after the request.
		return c.JSON(map[string]any{"fields": form.Value, "files": len(form.File["docs"])})
	})

	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("title", "notes")
	for _, name := range []string{"a.txt", "b.txt"} {
		fw, _ := w.CreateFormFile("docs", name)
		_, _ = fw.Write([]byte(name))
	}
	_ = w.Close()
	req := httptest.NewRequest("POST", "/", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	exShow(app.Test(req))
	// Output:
	// 200 OK
	// {"fields":{"title":["notes"]},"files":2}
}
