package templates_test

import (
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso/templates"
)

// views is a view tree with layouts and partials.
func views() fstest.MapFS {
	return fstest.MapFS{
		"views/layouts/main.html":    {Data: []byte(`<main>{{block "title" .}}untitled{{end}}|{{block "content" .}}{{end}}</main>`)},
		"views/layouts/admin.html":   {Data: []byte(`<admin>{{template "content" .}}</admin>`)},
		"views/layouts/plain.tmpl":   {Data: []byte(`[{{template "content" .}}]`)},
		"views/partials/header.html": {Data: []byte(`<header>{{.name}}</header>`)},
		"views/partials/header.tmpl": {Data: []byte(`tmpl header`)},
		"views/partials/notes.txt":   {Data: []byte(`{{.not parsed`)},
		"views/page.html":            {Data: []byte(`{{define "content"}}<p>{{.name}}</p>{{end}}`)},
		"views/titled.html":          {Data: []byte(`{{define "title"}}Titled{{end}}{{define "content"}}body{{end}}`)},
		"views/plain.html":           {Data: []byte(`{{template "header" .}}<p>plain</p>`)},
		"views/page.tmpl":            {Data: []byte(`{{define "content"}}{{template "header" .}}{{end}}`)},
		"views/funcs.html":           {Data: []byte(`{{shout .name}}`)},
		"views/bad.html":             {Data: []byte(`{{.name`)},
		"more/partials/header.html":  {Data: []byte(`<more>`)},
		"more/partials/extra.html":   {Data: []byte(`<extra>`)},
		"more/extra.html":            {Data: []byte(`{{template "header" .}}{{template "extra" .}}`)},
		"bits/b.html":                {Data: []byte(`<b>{{.name}}</b>`)},
		"views/bits.html":            {Data: []byte(`{{template "b" .}}`)},
	}
}

// render renders page with e and returns the output or the error's text.
func render(e *templates.Engine, page string, data any) string {
	var sb strings.Builder
	if err := e.Render(&sb, page, data); err != nil {
		return "error: " + err.Error()
	}
	return sb.String()
}

func TestEngineLayoutsAndPartials(t *testing.T) {
	fsys := views()
	tobi := map[string]any{"name": "tobi"}
	cases := []struct {
		name string
		opts templates.Options
		page string
		data any
		want string
	}{
		{"should render a page without a layout by default", templates.Options{},
			"views/plain.html", tobi, "<header>tobi</header><p>plain</p>"},
		{"should fill the default layout's content block", templates.Options{Layout: "layouts/main"},
			"views/page.html", tobi, "<main>untitled|<p>tobi</p></main>"},
		{"should let a page replace the layout's other blocks", templates.Options{Layout: "layouts/main.html"},
			"views/titled.html", tobi, "<main>Titled|body</main>"},
		{"should take the layout named in the data", templates.Options{Layout: "layouts/main"},
			"views/page.html", map[string]any{"name": "tobi", "layout": "layouts/admin"}, "<admin><p>tobi</p></admin>"},
		{"should render without a layout when the data says false", templates.Options{Layout: "layouts/main"},
			"views/plain.html", map[string]any{"name": "tobi", "layout": false}, "<header>tobi</header><p>plain</p>"},
		{"should render without a layout when the data says empty", templates.Options{Layout: "layouts/main"},
			"views/plain.html", map[string]any{"name": "tobi", "layout": ""}, "<header>tobi</header><p>plain</p>"},
		{"should keep the default layout for layout true", templates.Options{Layout: "layouts/main"},
			"views/page.html", map[string]any{"name": "tobi", "layout": true}, "<main>untitled|<p>tobi</p></main>"},
		{"should use the default layout for struct data", templates.Options{Layout: "layouts/admin"},
			"views/page.html", struct{ Name string }{"x"}, "error: template: views/page.html:1:25: executing \"content\" at <.name>: can't evaluate field name in type struct { Name string }"},
		{"should take the partials of the page's extension", templates.Options{Layout: "layouts/plain"},
			"views/page.tmpl", tobi, "[tmpl header]"},
		{"should take partials from every directory, the first one's winning", templates.Options{Dirs: []string{"views", "more"}},
			"more/extra.html", tobi, "<header>tobi</header><extra>"},
		{"should take partials from Options.Partials", templates.Options{Partials: []string{"../bits/*.html"}},
			"views/bits.html", tobi, "<b>tobi</b>"},
		{"should call Options.Funcs", templates.Options{Funcs: template.FuncMap{"shout": func(s string) string { return strings.ToUpper(s) + "!" }}},
			"views/funcs.html", tobi, "TOBI!"},
		{"should report a missing layout", templates.Options{Layout: "layouts/nope"},
			"views/page.html", tobi, `error: templates: layout "layouts/nope.html" not found in ["views"]`},
		{"should report a layout value of another type", templates.Options{},
			"views/page.html", map[string]any{"layout": 3}, `error: templates: the "layout" value must be a string or false, not int`},
		{"should report a parse error", templates.Options{},
			"views/bad.html", tobi, "error: template: views/bad.html:1: unclosed action"},
		{"should report a missing page", templates.Options{},
			"views/nope.html", tobi, "error: templates: open views/nope.html: file does not exist"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.opts.FS = fsys
			assert.Equal(t, tc.want, render(templates.New(tc.opts), tc.page, tc.data))
		})
	}
}

func TestEngineTakesTheAppsViews(t *testing.T) {
	fsys := fstest.MapFS{
		"tpl/partials/p.html": {Data: []byte("from tpl")},
		"tpl/page.html":       {Data: []byte(`{{template "p"}}`)},
	}
	e := templates.New()
	e.ConfigureViews(fsys, []string{"tpl"}, true)
	assert.Equal(t, "from tpl", render(e, "tpl/page.html", nil))

	own := fstest.MapFS{
		"mine/partials/p.html": {Data: []byte("from mine")},
		"tpl/page.html":        {Data: []byte(`{{template "p"}}`)},
	}
	e = templates.New(templates.Options{FS: own, Dirs: []string{"mine"}})
	e.ConfigureViews(fsys, []string{"tpl"}, true)
	assert.Equal(t, "from mine", render(e, "tpl/page.html", nil), "Options take precedence")
}

// write writes files under dir with modification times step seconds after
// a fixed base, so that a rewrite is a change at any time granularity.
func write(t *testing.T, dir string, step int, files map[string]string) {
	t.Helper()
	mod := time.Date(2025, 1, 1, 0, 0, step, 0, time.UTC)
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		require.NoError(t, os.Chtimes(p, mod, mod))
		require.NoError(t, os.Chtimes(filepath.Dir(p), mod, mod))
	}
}

func TestEngineReload(t *testing.T) {
	cases := []struct {
		name   string
		change map[string]string
		want   string // once changed, with the cache off
	}{
		{"should re-parse a changed page", map[string]string{"page.html": `{{define "content"}}v2{{end}}`}, "<l>v2</l>"},
		{"should re-parse a changed layout", map[string]string{"layouts/main.html": `<L>{{template "content" .}}</L>`}, "<L>v1 <h>v1</h></L>"},
		{"should re-parse a changed partial", map[string]string{"partials/h.html": `<h>v2</h>`}, "<l>v1 <h>v2</h></l>"},
	}
	for _, tc := range cases {
		for _, cache := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s (cache %v)", tc.name, cache), func(t *testing.T) {
				dir := t.TempDir()
				write(t, dir, 0, map[string]string{
					"page.html":         `{{define "content"}}v1 {{template "h" .}}{{end}}`,
					"layouts/main.html": `<l>{{template "content" .}}</l>`,
					"partials/h.html":   `<h>v1</h>`,
				})
				e := templates.New(templates.Options{Layout: "layouts/main"})
				e.ConfigureViews(nil, []string{dir}, cache)
				page := filepath.Join(dir, "page.html")
				require.Equal(t, "<l>v1 <h>v1</h></l>", render(e, page, nil))

				write(t, dir, 1, tc.change)
				want := tc.want
				if cache {
					want = "<l>v1 <h>v1</h></l>"
				}
				assert.Equal(t, want, render(e, page, nil))
			})
		}
	}
}

func TestEngineReloadsFromAnFS(t *testing.T) {
	fsys := fstest.MapFS{"views/p.html": {Data: []byte("v1"), ModTime: time.Unix(1, 0)}}
	e := templates.New()
	e.ConfigureViews(fsys, nil, false)
	require.Equal(t, "v1", render(e, "views/p.html", nil))
	fsys["views/p.html"] = &fstest.MapFile{Data: []byte("v2"), ModTime: time.Unix(2, 0)}
	assert.Equal(t, "v2", render(e, "views/p.html", nil))
}

func TestEngineSeesANewPartial(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cache bool
		want  string
	}{
		{"should parse again when the cache is off", false, "<h>new</h>"},
		{"should keep the first parse when the cache is on", true, "<i>old</i>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, 0, map[string]string{"page.html": `{{template "h" .}}`, "partials/h.html": "<i>old</i>"})
			e := templates.New()
			e.ConfigureViews(nil, []string{dir}, tc.cache)
			page := filepath.Join(dir, "page.html")
			require.Equal(t, "<i>old</i>", render(e, page, nil))
			require.NoError(t, os.Rename(filepath.Join(dir, "partials"), filepath.Join(dir, "gone")))
			write(t, dir, 1, map[string]string{"partials/h.html": "<h>new</h>"})
			assert.Equal(t, tc.want, render(e, page, nil))
		})
	}
}

func TestEngineDoesNotCacheParseErrors(t *testing.T) {
	fsys := fstest.MapFS{"views/p.html": {Data: []byte("{{.x")}}
	e := templates.New(templates.Options{FS: fsys}) // cache on
	require.Equal(t, "error: template: views/p.html:1: unclosed action", render(e, "views/p.html", nil))
	fsys["views/p.html"] = &fstest.MapFile{Data: []byte("fixed")}
	assert.Equal(t, "fixed", render(e, "views/p.html", nil))
}

func TestEngineConcurrentRendersWhileFilesChange(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, 0, map[string]string{"a.html": "a{{.}}", "b.html": "b{{.}}", "partials/p.html": "p"})
	e := templates.New()
	e.ConfigureViews(nil, []string{dir}, false)
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Go(func() {
			for i := range 30 {
				page := []string{"a", "b"}[(g+i)%2]
				got := render(e, filepath.Join(dir, page+".html"), i)
				assert.Equal(t, fmt.Sprintf("%s%d", page, i), got)
			}
		})
	}
	wg.Go(func() {
		for i := range 10 {
			write(t, dir, i+1, map[string]string{"partials/p.html": fmt.Sprintf("p%d", i)})
		}
	})
	wg.Wait()
}

func TestNewPanics(t *testing.T) {
	assert.PanicsWithValue(t, "templates: New takes at most one Options", func() {
		templates.New(templates.Options{}, templates.Options{})
	})
	assert.PanicsWithValue(t, `templates: Options.Partials: bad pattern "partials/[*"`, func() {
		templates.New(templates.Options{Partials: []string{"partials/[*"}})
	})
	assert.PanicsWithValue(t, "templates: Options.Funcs: value for shout not a function", func() {
		templates.New(templates.Options{Funcs: template.FuncMap{"shout": "not a function"}})
	})
}
