package middleware_test

import (
	"compress/gzip"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

func ExampleCompress() {
	app := expresso.New()
	app.Use(middleware.Compress(middleware.CompressOptions{}))
	app.Get("/report", func(c *expresso.Context) error {
		return c.Type("text").Send(strings.Repeat("all work and no play ", 100))
	})
	r := httptest.NewRequest("GET", "/report", nil)
	r.Header.Set("Accept-Encoding", "gzip, deflate")
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, r)
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(zr)
	fmt.Println(rec.Header().Get("Content-Encoding"), rec.Header().Get("Vary"), len(body))
	// Output: gzip Accept-Encoding 2100
}
