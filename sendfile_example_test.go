package expresso_test

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing/fstest"
	"time"

	"github.com/expresso-go/expresso"
)

func ExampleContext_SendFile() {
	dir, _ := os.MkdirTemp("", "public")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "hello.txt"), []byte("hello, file"), 0o644)

	app := expresso.New()
	app.Get("/files/:name", func(c *expresso.Context) error {
		// A ".." or a symbolic link out of Root is refused; a missing
		// file is a 404 for the error handlers.
		return c.SendFile(c.Param("name"), expresso.SendFileOptions{Root: dir})
	})

	exShow(app.Test(httptest.NewRequest("GET", "/files/hello.txt", nil)), "Content-Type", "Content-Length", "Accept-Ranges")
	r := httptest.NewRequest("GET", "/files/hello.txt", nil)
	r.Header.Set("Range", "bytes=7-")
	exShow(app.Test(r), "Content-Range")
	r = httptest.NewRequest("GET", "/files/missing.txt", nil)
	r.Header.Set("Accept", "text/plain")
	exShow(app.Test(r))
	// Output:
	// 200 OK
	// Content-Type: text/plain; charset=utf-8
	// Content-Length: 11
	// Accept-Ranges: bytes
	// hello, file
	// 206 Partial Content
	// Content-Range: bytes 7-10/11
	// file
	// 404 Not Found
	// Not Found
}

func ExampleContext_Download() {
	dir, _ := os.MkdirTemp("", "reports")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "2026-q4.csv"), []byte("month,total\n"), 0o644)

	app := expresso.New()
	app.Get("/report", func(c *expresso.Context) error {
		return c.Download("2026-q4.csv", "Rapport trimestriel é.csv", expresso.SendFileOptions{Root: dir})
	})

	exShow(app.Test(httptest.NewRequest("GET", "/report", nil)), "Content-Disposition", "Content-Type")
	// Output:
	// 200 OK
	// Content-Disposition: attachment; filename="Rapport trimestriel ?.csv"; filename*=UTF-8''Rapport%20trimestriel%20%C3%A9.csv
	// Content-Type: text/csv; charset=utf-8
	// month,total
}

func ExampleContext_SendContent() {
	// Any fs.FS works, an embed.FS included; here an in-memory one.
	assets := fstest.MapFS{"logo.svg": {Data: []byte("<svg/>"), ModTime: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}}

	app := expresso.New()
	app.Get("/logo.svg", func(c *expresso.Context) error {
		f, err := assets.Open("logo.svg")
		if err != nil {
			return err
		}
		defer f.Close()
		return c.SendContent(f, nil, expresso.SendFileOptions{MaxAge: 24 * time.Hour})
	})

	exShow(app.Test(httptest.NewRequest("GET", "/logo.svg", nil)), "Content-Type", "Cache-Control", "Last-Modified", "Etag")
	// Output:
	// 200 OK
	// Content-Type: image/svg+xml
	// Cache-Control: public, max-age=86400
	// Last-Modified: Fri, 02 Jan 2026 03:04:05 GMT
	// Etag: W/"6-19b7ca98c88"
	// <svg/>
}
