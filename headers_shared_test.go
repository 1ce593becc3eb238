package expresso_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/expresso-go/expresso"
	"github.com/stretchr/testify/assert"
)

// A header value the framework set belongs to that response alone: a
// middleware that rewrites it in place must not change later responses.
func TestHeaderValuesAreNeverSharedBetweenResponses(t *testing.T) {
	tests := []struct {
		name   string
		header string
		set    expresso.Handler
	}{
		{"Content-Type from Send", "Content-Type", func(c *expresso.Context) error { return c.Send("<p>x</p>") }},
		{"Content-Type from Type", "Content-Type", func(c *expresso.Context) error { return c.Type("html").Send("<p>x</p>") }},
		{"Content-Length from Send", "Content-Length", func(c *expresso.Context) error { return c.Send("<p>x</p>") }},
		{"X-Content-Type-Options of the 404 page", "X-Content-Type-Options", func(c *expresso.Context) error { return c.Next() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := expresso.New(expresso.Config{Env: "production"})
			app.Use(func(c *expresso.Context) error {
				err := c.Next()
				if c.Query("mutate") != "" {
					if vs := c.Response().Header()[tt.header]; len(vs) > 0 {
						vs[0] = "mutated"
					}
				}
				return err
			})
			app.Get("/", tt.set)
			first := httptest.NewRecorder()
			app.ServeHTTP(first, httptest.NewRequest(http.MethodGet, "/?mutate=1", nil))
			want := first.Result().Header.Get(tt.header)
			assert.NotEqual(t, "mutated", want)
			for range 3 {
				rec := httptest.NewRecorder()
				app.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
				assert.Equal(t, want, rec.Header().Get(tt.header))
			}
			assert.Equal(t, "mutated", first.Header().Get(tt.header), "the mutated map is the first response's own")
		})
	}
}
