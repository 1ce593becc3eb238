// Package templates is an [html/template] view engine for expresso: pages
// with layouts and partials, read from the disk or from any [fs.FS] (such
// as an embed.FS), with a per-engine [template.FuncMap], parsed once and
// cached, or re-parsed when a file changed. It depends only on the standard
// library; expresso registers an Engine for ".html" by default, and
// App.Engine registers one built with options:
//
//	app.Engine("html", templates.New(templates.Options{
//		Layout: "layouts/main",
//		Funcs:  template.FuncMap{"upper": strings.ToUpper},
//	}))
//
// # Pages, layouts and partials
//
// A page is the view file the App found for a name ("views/users/index.html"
// for Render("users/index")). Without a layout the page's own text is the
// output. With a layout, the layout file is executed instead and the page
// fills its blocks: the convention is that the layout calls
// {{block "content" .}}{{end}} (or {{template "content" .}}) where the page
// goes, and the page defines it with {{define "content"}}…{{end}}; a page
// may define other blocks the layout declares, such as "title". The page is
// parsed after the layout, so its definitions replace the layout's
// defaults.
//
// The layout is [Options.Layout], looked up in the view directories like a
// page (its extension may be left out: the page's is used). A render whose
// data is a map[string]any chooses another with the key "layout": a name
// such as "layouts/admin", or false (or "") for none.
//
// Partials are the files matched by [Options.Partials] in every view
// directory, by default "partials/*" with the page's extension. Each is a
// template named after its file name without the extension, so
// views/partials/header.html is called as {{template "header" .}}. When two
// directories have a partial of the same name, the first directory's wins,
// as for pages. Partials are parsed first, so a layout or page that defines
// a template of a partial's name replaces it for that page.
//
// # Caching
//
// Each page (with its layout and partials) is parsed once, on its first
// render, and the result is reused; an Engine is safe for concurrent use.
// When the cache is off (registered with an App whose view cache is off, in
// development by default), every render first compares the modification
// times and sizes of the files it was parsed from, and of the partials'
// directories, with the disk, and parses again when one changed: editing a
// template shows on the next request without a restart. Parse errors are
// not cached.
package templates

import (
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sync"
	"sync/atomic"
)

// Options configures an [Engine]. The zero value is an engine with no
// layout, the default partials and no extra functions. A bad glob pattern
// or a value of Funcs that html/template refuses makes New panic.
type Options struct {
	// Dirs are the view directories layouts and partials are looked up
	// in, in order. Nil means the App's Config.Views once the Engine is
	// registered with App.Engine, and ["views"] until then.
	Dirs []string
	// FS is the file system templates are read from; paths in it are
	// slash-separated. Nil means the App's Config.ViewsFS once the Engine
	// is registered with App.Engine, and the disk until then (or when the
	// App has none).
	FS fs.FS
	// Layout is the default layout, a file name relative to the view
	// directories ("layouts/main.html" or "layouts/main"), or an absolute
	// path. Empty means no layout.
	Layout string
	// Partials are glob patterns (path.Match syntax), relative to each view
	// directory, of the partial templates parsed with every page. Nil
	// means "partials/*" followed by the page's extension.
	Partials []string
	// Funcs are functions the templates may call, added to html/template's
	// builtins. The map is copied by New.
	Funcs template.FuncMap
}

// Engine is an html/template view engine; it implements expresso's
// ViewEngine and ViewConfigurer interfaces. Create one with [New]; it is
// safe for concurrent use.
type Engine struct {
	funcs    template.FuncMap
	layout   string
	partials []string
	optFS    fs.FS
	optDirs  []string

	mu   sync.RWMutex
	cfg  config
	sets map[setKey]*entry
}

// config is what the App tells the engine: where files are, and whether to
// re-check them.
type config struct {
	files  files
	dirs   []string
	reload bool
}

// setKey names a parsed set: a page with a layout.
type setKey struct{ page, layout string }

// entry holds the current parse of one set; mu serialises its (re)parsing.
type entry struct {
	mu  sync.Mutex
	cur atomic.Pointer[parsed]
}

// New returns an Engine with opts. It caches parsed pages until
// [Engine.ConfigureViews] turns the cache off.
func New(opts ...Options) *Engine {
	if len(opts) > 1 {
		panic("templates: New takes at most one Options")
	}
	var o Options
	if len(opts) == 1 {
		o = opts[0]
	}
	for _, p := range o.Partials {
		if _, err := path.Match(p, ""); err != nil {
			panic(fmt.Sprintf("templates: Options.Partials: bad pattern %q", p))
		}
	}
	checkFuncs(o.Funcs)
	e := &Engine{
		funcs:    maps.Clone(o.Funcs),
		layout:   o.Layout,
		partials: slices.Clone(o.Partials),
		optFS:    o.FS,
		optDirs:  slices.Clone(o.Dirs),
		sets:     map[setKey]*entry{},
	}
	e.cfg = e.configFor(nil, nil, true)
	return e
}

// checkFuncs panics at setup, rather than on the first render, when
// html/template refuses a function of funcs.
func checkFuncs(funcs template.FuncMap) {
	defer func() {
		if v := recover(); v != nil {
			panic(fmt.Sprintf("templates: Options.Funcs: %v", v))
		}
	}()
	template.New("").Funcs(funcs)
}

// configFor merges the App's settings under the Options.
func (e *Engine) configFor(fsys fs.FS, dirs []string, cache bool) config {
	cfg := config{files: files{fsys: fsys}, dirs: dirs, reload: !cache}
	if e.optFS != nil {
		cfg.files.fsys = e.optFS
	}
	if e.optDirs != nil {
		cfg.dirs = e.optDirs
	}
	if len(cfg.dirs) == 0 {
		cfg.dirs = []string{"views"}
	}
	return cfg
}

// ConfigureViews is called by App.Engine with the App's view settings: the
// file system views are read from (nil for the disk), the view directories,
// and whether the view cache is on. Options.FS and Options.Dirs, when set,
// take precedence. With the cache off, every render re-parses the files
// that changed since they were parsed. Parsed pages are dropped.
func (e *Engine) ConfigureViews(fsys fs.FS, dirs []string, cache bool) {
	cfg := e.configFor(fsys, slices.Clone(dirs), cache)
	e.mu.Lock()
	e.cfg = cfg
	clear(e.sets)
	e.mu.Unlock()
}

// Render executes the page file name (a path on the disk, or in the FS)
// with data, in its layout, writing the output to w. It parses the page on
// first use, and again when the cache is off and a file changed. When
// executing fails, w may have received part of the output; expresso's
// Render buffers it, so nothing is sent then.
func (e *Engine) Render(w io.Writer, name string, data any) error {
	layout, err := e.layoutOf(data)
	if err != nil {
		return err
	}
	key := setKey{page: name, layout: layout}
	e.mu.RLock()
	cfg, ent := e.cfg, e.sets[key]
	e.mu.RUnlock()
	if ent == nil {
		ent = e.entry(key)
	}
	p := ent.cur.Load()
	if p == nil || cfg.reload && p.stale(cfg.files) {
		if p, err = e.reparse(cfg, ent, key); err != nil {
			return err
		}
	}
	return p.exec.Execute(w, data)
}

// entry returns the entry of key, adding it when missing.
func (e *Engine) entry(key setKey) *entry {
	e.mu.Lock()
	defer e.mu.Unlock()
	ent := e.sets[key]
	if ent == nil {
		ent = &entry{}
		e.sets[key] = ent
	}
	return ent
}

// reparse parses ent's set unless another render did it meanwhile.
func (e *Engine) reparse(cfg config, ent *entry, key setKey) (*parsed, error) {
	ent.mu.Lock()
	defer ent.mu.Unlock()
	if p := ent.cur.Load(); p != nil && (!cfg.reload || !p.stale(cfg.files)) {
		return p, nil
	}
	p, err := e.parse(cfg, key.page, key.layout)
	if err != nil {
		return nil, err
	}
	ent.cur.Store(p)
	return p, nil
}

// layoutOf returns the layout a render uses: the data's "layout" key when
// data is a map[string]any that has one, else Options.Layout.
func (e *Engine) layoutOf(data any) (string, error) {
	m, ok := data.(map[string]any)
	if !ok {
		return e.layout, nil
	}
	v, ok := m["layout"]
	if !ok {
		return e.layout, nil
	}
	switch l := v.(type) {
	case string:
		return l, nil
	case bool:
		if l {
			return e.layout, nil
		}
		return "", nil
	case nil:
		return "", nil
	}
	return "", fmt.Errorf("templates: the \"layout\" value must be a string or false, not %T", v)
}
