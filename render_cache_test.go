package expresso_test

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// rndWrite writes files (name → content) under dir, each with a
// modification time step seconds after a fixed base, so that a rewrite is
// seen as a change whatever the file system's time granularity.
func rndWrite(t *testing.T, dir string, step int, files map[string]string) {
	t.Helper()
	mod := time.Date(2025, 1, 1, 0, 0, step, 0, time.UTC)
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		require.NoError(t, os.Chtimes(p, mod, mod))
	}
}

// rndGet renders GET / on app and returns the status and body.
func rndGet(t *testing.T, app *expresso.App) (int, string) {
	t.Helper()
	status, _, body := rndDo(t, app, "", rndPlain)
	return status, body
}

func TestRenderFromDisk(t *testing.T) {
	dir := t.TempDir()
	rndWrite(t, dir, 0, map[string]string{
		"views/user.html":             "<p>{{.name}}</p>",
		"views/blog/post/index.html":  "<h1>blog post</h1>",
		"elsewhere/abs.html":          "absolute {{.name}}",
		"views/partials/footer.html":  "<footer>{{.name}}</footer>",
		"views/with-partial.html":     `<main></main>{{template "footer" .}}`,
		"views/layouts/main.html":     `<html>{{block "content" .}}{{end}}</html>`,
		"views/in-layout.html":        `{{define "content"}}<p>{{.name}}</p>{{end}}`,
		"views/layouts/not-used.html": "x",
	})
	views := filepath.Join(dir, "views")
	cfg := expresso.Config{Views: []string{views}, ViewEngine: "html", Logger: rndLogger()}
	data := map[string]any{"name": "tobi"}
	cases := []struct{ name, view, body string }{
		{"should render a view in a directory on disk", "user", "<p>tobi</p>"},
		{"should render name/index on disk", "blog/post", "<h1>blog post</h1>"},
		{"should render an absolute path whatever the roots", filepath.Join(dir, "elsewhere", "abs"), "absolute tobi"},
		{"should call a partial from the partials folder", "with-partial", "<main></main><footer>tobi</footer>"},
		{"should fill a layout chosen in the data", "in-layout", "<html><p>tobi</p></html>"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := data
			if tc.view == "in-layout" {
				d = map[string]any{"name": "tobi", "layout": "layouts/main"}
			}
			status, headers, body := rndDo(t, rndApp(cfg, rndView(tc.view, d)), "", nil)
			assert.Equal(t, 200, status)
			assert.Equal(t, rndOK(tc.body), headers)
			assert.Equal(t, tc.body, body)
		})
	}
	t.Run("should name the absolute path in the message", func(t *testing.T) {
		missing := filepath.Join(dir, "nope")
		status, body := rndGet(t, rndApp(cfg, rndView(missing, nil)))
		assert.Equal(t, 500, status)
		assert.Equal(t, fmt.Sprintf("Failed to lookup view %q in views directory %q", missing, views), body)
	})
}

func TestRenderViewCache(t *testing.T) {
	cases := []struct {
		name        string
		cfg         expresso.Config
		afterChange string // the body once the file was rewritten
		afterMove   string // the body once the view moved to name/index
	}{
		{"should re-parse a changed file and look up again when the cache is off",
			expresso.Config{ViewCache: expresso.ViewCacheOff}, "<p>v2 tobi</p>", "<p>index tobi</p>"},
		{"should not cache in development by default",
			expresso.Config{Env: "development"}, "<p>v2 tobi</p>", "<p>index tobi</p>"},
		{"should keep the first parse and lookup when the cache is on",
			expresso.Config{ViewCache: expresso.ViewCacheOn}, "<p>v1 tobi</p>", "<p>v1 tobi</p>"},
		{"should cache in production by default",
			expresso.Config{Env: "production"}, "<p>v1 tobi</p>", "<p>v1 tobi</p>"},
		{"should let ViewCacheOff win in production",
			expresso.Config{Env: "production", ViewCache: expresso.ViewCacheOff}, "<p>v2 tobi</p>", "<p>index tobi</p>"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			rndWrite(t, dir, 0, map[string]string{"page.html": "<p>v1 {{.name}}</p>"})
			cfg := tc.cfg
			cfg.Views, cfg.ViewEngine, cfg.Logger = []string{dir}, "html", rndLogger()
			app := rndApp(cfg, rndView("page", map[string]any{"name": "tobi"}))

			status, body := rndGet(t, app)
			require.Equal(t, 200, status)
			require.Equal(t, "<p>v1 tobi</p>", body)

			rndWrite(t, dir, 1, map[string]string{"page.html": "<p>v2 {{.name}}</p>"})
			status, body = rndGet(t, app)
			assert.Equal(t, 200, status)
			assert.Equal(t, tc.afterChange, body)

			require.NoError(t, os.Remove(filepath.Join(dir, "page.html")))
			rndWrite(t, dir, 2, map[string]string{"page/index.html": "<p>index {{.name}}</p>"})
			status, body = rndGet(t, app)
			assert.Equal(t, 200, status)
			assert.Equal(t, tc.afterMove, body)
		})
	}
}

func TestRenderConcurrently(t *testing.T) {
	for _, cache := range []expresso.ViewCacheMode{expresso.ViewCacheOn, expresso.ViewCacheOff} {
		t.Run(fmt.Sprintf("cache mode %d", cache), func(t *testing.T) {
			dir := t.TempDir()
			rndWrite(t, dir, 0, map[string]string{
				"a.html":               `{{define "content"}}a {{.n}}{{end}}`,
				"b/index.html":         `{{define "content"}}b {{.n}}{{end}}`,
				"layouts/main.html":    `<i>{{template "tag" .}}</i>{{block "content" .}}{{end}}`,
				"partials/tag.html":    `{{.tag}}`,
				"partials/unused.html": `unused`,
			})
			app := expresso.New(expresso.Config{Views: []string{dir}, ViewEngine: "html", ViewCache: cache, Logger: rndLogger()})
			app.Locals["layout"], app.Locals["tag"] = "layouts/main", "t"
			app.Get("/:view/:n", func(c *expresso.Context) error {
				return c.Render(c.Param("view"), map[string]any{"n": c.Param("n")})
			})
			var wg sync.WaitGroup
			for g := range 8 {
				wg.Go(func() {
					for i := range 25 {
						view := []string{"a", "b"}[(g+i)%2]
						res := app.Test(httptest.NewRequest("GET", fmt.Sprintf("/%s/%d", view, i), nil))
						body := rndReadAll(t, res)
						assert.Equal(t, 200, res.StatusCode)
						assert.Equal(t, fmt.Sprintf("<i>t</i>%s %d", view, i), body)
					}
				})
			}
			wg.Wait()
		})
	}
}
