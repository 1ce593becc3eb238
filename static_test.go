package expresso_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso"
)

// The static-path table must give exactly what the trees give: every
// matching route in registration order, routes added after the first
// request included.
func TestStaticPathsMatchLikeTheTrees(t *testing.T) {
	trace := func(name string) expresso.Handler {
		return func(c *expresso.Context) error {
			c.Append("X-Trace", name)
			return c.Next()
		}
	}
	app := expresso.New(expresso.Config{Env: "production"})
	app.Get("/users/:id", trace("param"))
	app.Get("/users/new", trace("static"))
	app.Get("/About", trace("about"))
	app.Get("/about", trace("about-again"))
	app.Get("/files/*rest", trace("wild"))
	app.Get("/files/readme", trace("readme"))

	cases := []struct {
		name, method, target string
		status               int
		trace                []string
	}{
		{"static beside a param: both, in order", "GET", "/users/new", 404, []string{"param", "static"}},
		{"param only", "GET", "/users/42", 404, []string{"param"}},
		{"case-insensitive, two static routes", "GET", "/ABOUT", 404, []string{"about", "about-again"}},
		{"trailing slash", "GET", "/about/", 404, []string{"about", "about-again"}},
		{"static beside a wildcard", "GET", "/files/readme", 404, []string{"wild", "readme"}},
		{"HEAD falls back to GET", "HEAD", "/about", 404, []string{"about", "about-again"}},
		{"no route", "GET", "/nothing", 404, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := rtDo(t, app, tc.method, tc.target)
			assert.Equal(t, tc.status, r.Status)
			assert.Equal(t, tc.trace, r.Header.Values("X-Trace"))
		})
	}

	t.Run("a route added after requests is found", func(t *testing.T) {
		assert.Equal(t, http.StatusNotFound, rtDo(t, app, "GET", "/late").Status)
		app.Get("/late", func(c *expresso.Context) error { return c.SendString("late") })
		r := rtDo(t, app, "GET", "/late")
		assert.Equal(t, http.StatusOK, r.Status)
		assert.Equal(t, "late", r.Body)
		r = rtDo(t, app, "GET", "/users/new")
		assert.Equal(t, []string{"param", "static"}, r.Header.Values("X-Trace"))
	})
}
