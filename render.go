package expresso

import (
	"bytes"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strconv"

	"github.com/expresso-go/expresso/templates"
)

// ViewEngine renders a view file, Express's template engine function
// (filePath, options, callback) as a Go interface: Render executes the
// template at path (a path on the disk, or a slash-separated path inside
// Config.ViewsFS when it is set) with data and writes the output to w.
// App.Render and Context.Render hand it a buffer, so output written before
// an error never reaches a client. An engine must be safe for concurrent
// use.
type ViewEngine interface {
	Render(w io.Writer, path string, data any) error
}

// ViewConfigurer is implemented by engines that read more than the view
// file (layouts, partials) or cache parsed templates. [App.Engine] calls
// ConfigureViews with the App's view file system (nil for the disk), its
// view directories and whether its view cache is on, as Express hands its
// "cache" setting to engines on every render. [templates.Engine]
// implements it.
type ViewConfigurer interface {
	ConfigureViews(fsys fs.FS, dirs []string, cache bool)
}

// The html/template engine registered by default is a ViewConfigurer.
var (
	_ ViewEngine     = (*templates.Engine)(nil)
	_ ViewConfigurer = (*templates.Engine)(nil)
)

// initViews reads the view settings and registers the html/template engine
// of package templates for ".html".
func (app *App) initViews() {
	app.views.init(&app.cfg, app.prod)
	app.views.register(".html", templates.New())
}

// Engine registers e for views with the extension ext ("pug" or ".pug"),
// Express's app.engine. An engine that implements [ViewConfigurer] is told
// the App's view settings. New registers a [templates.Engine] for ".html";
// registering another replaces it. Unlike Express, an unregistered
// extension is never loaded on demand: Render reports it. A nil engine or
// an empty extension panics. Engine is meant for setup, before serving.
func (app *App) Engine(ext string, e ViewEngine) {
	if e == nil {
		panic("expresso: App.Engine: nil ViewEngine for extension " + strconv.Quote(ext))
	}
	if ext == "" || ext == "." {
		panic("expresso: App.Engine: empty extension")
	}
	if ext[0] != '.' {
		ext = "." + ext
	}
	app.views.register(ext, e)
}

// register adds e for ext and drops the cached lookups.
func (vs *viewSet) register(ext string, e ViewEngine) {
	if vc, ok := e.(ViewConfigurer); ok {
		vc.ConfigureViews(vs.fsys, slices.Clone(vs.roots), vs.cache)
	}
	vs.engMu.Lock()
	m := maps.Clone(*vs.engines.Load())
	m[ext] = e
	vs.engines.Store(&m)
	vs.engMu.Unlock()
	vs.mu.Lock()
	clear(vs.found)
	vs.mu.Unlock()
}

// Render renders view with data and writes the output to w, Express's
// app.render. The view is found as for [Context.Render]; data is merged
// over app.Locals the same way (without a request's Locals). Nothing is
// written to w when rendering fails.
func (app *App) Render(w io.Writer, view string, data any) error {
	v, err := app.views.lookup(view)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := v.engine.Render(&buf, v.path, app.viewData(nil, data)); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// Render renders view with data and sends the output, Express's
// res.render. The view is looked up in each of Config.Views in turn (or
// inside Config.ViewsFS): the name as given, with Config.ViewEngine's
// extension when it has none, then <name>/index.<ext>; an absolute name is
// used as is (with ViewsFS, a name starting with "/" is a path from its
// root), and a name that leaves ViewsFS ("../x") is not found. The engine
// is the one registered for the extension with [App.Engine]. With the
// view cache on (Config.ViewCache; in production by default) each name is
// looked up once.
//
// When data is nil or a map[string]any, the engine receives a
// map[string]any holding app.Locals, overridden by c.Locals, overridden by
// data, as Express merges its locals; data of any other type (a struct, a
// pointer) is passed to the engine as it is, without the locals.
//
// The output goes through the same funnel as [Context.Send] with a
// string: Content-Type text/html; charset=utf-8 unless one is set (whose
// charset then becomes utf-8), Content-Length, ETag, a 304 for a fresh
// request, and headers only for HEAD. A missing view, a missing engine or
// a failing template sends nothing and returns the error (a [*ViewError]
// for the first two), which reaches the error handlers as a 500 (or as
// the error status set before, as Express's final handler does). Unlike
// Express there is no callback form: [App.Render] writes to any
// io.Writer.
func (c *Context) Render(view string, data any) error {
	c.live()
	v, err := c.app.views.lookup(view)
	if err != nil {
		return err
	}
	buf := c.getJSONBuf() // the Context's buffer
	err = v.engine.Render(&buf.b, v.path, c.app.viewData(c.Locals, data))
	if err == nil {
		err = c.sendRendered(buf.b.Bytes())
	}
	c.putJSONBuf(buf)
	return err
}

// sendRendered sends a rendered page through the body funnel as Send does
// a string, refusals naming Render.
func (c *Context) sendRendered(b []byte) error {
	return c.send(&outgoing{call: "Render", data: b, mode: modeSend, ctype: ctHTML, utf8: true})
}

// viewData merges app.Locals < locals < data when data is nil or a
// map[string]any, into a new map unless there is nothing to merge; other
// data is returned as it is.
func (app *App) viewData(locals map[string]any, data any) any {
	m, isMap := data.(map[string]any)
	if !isMap && data != nil {
		return data
	}
	if m != nil && len(app.Locals) == 0 && len(locals) == 0 {
		return m
	}
	merged := make(map[string]any, len(app.Locals)+len(locals)+len(m))
	maps.Copy(merged, app.Locals)
	maps.Copy(merged, locals)
	maps.Copy(merged, m)
	return merged
}
