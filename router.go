package expresso

import (
	"net/http"
	"reflect"
	"strconv"
	"strings"
)

// Handler handles a request, as Express's (req, res, next) middleware and
// route handlers: it answers through c, calls [Context.Next] to pass the
// request on, and returns an error to hand it to the error handlers.
type Handler func(c *Context) error

// ErrorHandler handles an error a handler returned, as Express's
// (err, req, res, next) middleware: it returns nil when it handled the
// error (usually by sending a response), or an error (err itself or another)
// to pass it on to the next error handler.
type ErrorHandler func(c *Context, err error) error

// RouterConfig holds a Router's options, those of express.Router(options).
// The zero value is Express's default: case-insensitive, not strict, params
// not merged.
type RouterConfig struct {
	// CaseSensitive makes "/Foo" and "/foo" different routes.
	CaseSensitive bool
	// Strict makes "/foo" and "/foo/" different routes. It does not apply
	// to Use prefixes, as in Express.
	Strict bool
	// MergeParams keeps the parent router's params visible in this
	// router's handlers; on a name conflict the child's value wins.
	MergeParams bool
}

// Router is a mountable set of middleware and routes, Express's
// express.Router(). Middleware and routes run in registration order. A
// Router is set up before it serves: registering while requests are being
// served is a data race.
type Router struct {
	cfg      RouterConfig
	layers   []*layer
	mw       []int // indices of the Use layers in layers
	ix       index
	params   []paramFn
	notFound Handler
	onError  []ErrorHandler
}

// layer is one entry of a Router's stack: a middleware (with an optional
// path prefix, possibly a mounted Router) or a route.
type layer struct {
	prefix  []prefixVariant // nil: every path
	handler Handler
	sub     *Router
	route   *Route
	// plain is a fact computed at registration for the dispatch loop: a
	// middleware with no prefix and no mounted router, run as it comes.
	plain bool
}

type paramFn struct {
	name string
	fn   func(c *Context, value, name string) error
}

// NewRouter returns an empty Router, Express's express.Router(options). At
// most one RouterConfig may be given.
func NewRouter(cfg ...RouterConfig) *Router {
	if len(cfg) > 1 {
		panic("expresso: NewRouter takes at most one RouterConfig")
	}
	rt := &Router{}
	if len(cfg) == 1 {
		rt.cfg = cfg[0]
	}
	rt.ix.ci = !rt.cfg.CaseSensitive
	return rt
}

// Use adds middleware, Express's router.use([path], ...fns). An optional
// first string argument is a path prefix, matched on segment boundaries
// ("/api" matches "/api" and "/api/x", not "/apix"), case-insensitively
// unless the router is case-sensitive, and never strictly. While a
// middleware runs, [Context.Path] is relative to the prefix and
// [Context.BaseURL] includes it.
//
// Each further argument is a [Handler], a func(*Context) error, a
// func(http.Handler) http.Handler, an http.Handler (answers the request; it
// is not given a next), a *Router or an *App (mounted at the prefix: its
// routes see paths relative to it), or a []Handler. Anything else panics.
func (rt *Router) Use(args ...any) *Router {
	prefix, pos := "/", 1 // pos: the position of args[0] among Use's arguments
	if len(args) > 0 {
		if p, ok := args[0].(string); ok {
			prefix, args, pos = p, args[1:], 2
		}
	}
	if len(args) == 0 {
		panic("expresso: Use requires at least one middleware")
	}
	pv := compilePrefix(prefix, !rt.cfg.CaseSensitive)
	for i, a := range args {
		for _, l := range useLayers(a, pos+i) {
			l.prefix = pv
			l.plain = pv == nil && l.sub == nil
			rt.mw = append(rt.mw, len(rt.layers))
			rt.layers = append(rt.layers, l)
		}
	}
	return rt
}

// useLayers turns one argument of Use, the pos-th (from 1), into layers.
func useLayers(a any, pos int) []*layer {
	switch h := a.(type) {
	case Handler:
		if h == nil {
			break
		}
		return []*layer{{handler: h}}
	case func(*Context) error:
		if h == nil {
			break
		}
		return []*layer{{handler: h}}
	case []Handler:
		var ls []*layer
		for _, x := range h {
			ls = append(ls, useLayers(x, pos)...)
		}
		return ls
	case *Router:
		if h == nil {
			break
		}
		return []*layer{{sub: h}}
	case *App:
		if h == nil {
			break
		}
		return []*layer{{sub: h.Router}}
	case func(http.Handler) http.Handler:
		if h == nil {
			break
		}
		return []*layer{{handler: wrapStd(h)}}
	case http.Handler:
		if isNilFunc(h) {
			break
		}
		return []*layer{{handler: serveStd(h)}}
	}
	panic("expresso: Use: argument " + strconv.Itoa(pos) + " is " + typeName(a) +
		"; want a Handler, func(*Context) error, func(http.Handler) http.Handler, http.Handler, *Router or *App")
}

// isNilFunc reports whether a is a nil pointer or a nil func (such as a nil
// http.HandlerFunc) inside a non-nil interface.
func isNilFunc(a any) bool {
	v := reflect.ValueOf(a)
	return (v.Kind() == reflect.Pointer || v.Kind() == reflect.Func) && v.IsNil()
}

func typeName(a any) string {
	if a == nil {
		return "nil"
	}
	if isNilFunc(a) {
		return "a nil " + reflect.TypeOf(a).String()
	}
	return "of type " + reflect.TypeOf(a).String()
}

// Get adds a route for GET (and HEAD, unless a HEAD route answers first),
// Express's router.get(path, ...handlers).
func (rt *Router) Get(path string, h ...Handler) *Router {
	return rt.Handle(http.MethodGet, path, h...)
}

// Post adds a route for POST, Express's router.post.
func (rt *Router) Post(path string, h ...Handler) *Router {
	return rt.Handle(http.MethodPost, path, h...)
}

// Put adds a route for PUT, Express's router.put.
func (rt *Router) Put(path string, h ...Handler) *Router {
	return rt.Handle(http.MethodPut, path, h...)
}

// Patch adds a route for PATCH, Express's router.patch.
func (rt *Router) Patch(path string, h ...Handler) *Router {
	return rt.Handle(http.MethodPatch, path, h...)
}

// Delete adds a route for DELETE, Express's router.delete.
func (rt *Router) Delete(path string, h ...Handler) *Router {
	return rt.Handle(http.MethodDelete, path, h...)
}

// Head adds a route for HEAD, Express's router.head.
func (rt *Router) Head(path string, h ...Handler) *Router {
	return rt.Handle(http.MethodHead, path, h...)
}

// Options adds a route for OPTIONS, Express's router.options.
func (rt *Router) Options(path string, h ...Handler) *Router {
	return rt.Handle(http.MethodOptions, path, h...)
}

// All adds a route for every method, Express's router.all.
func (rt *Router) All(path string, h ...Handler) *Router {
	rt.Route(path).All(h...)
	return rt
}

// Handle adds a route for method (any case; it is upper-cased), Express's
// router[method](path, ...handlers).
func (rt *Router) Handle(method, path string, h ...Handler) *Router {
	rt.Route(path).Handle(method, h...)
	return rt
}

// Route returns a new route for path, on which handlers for several methods
// can be chained, Express's router.route(path). A route with no handlers
// matches nothing.
func (rt *Router) Route(path string) *Route {
	r := &Route{path: path}
	idx := len(rt.layers)
	rt.layers = append(rt.layers, &layer{route: r})
	for _, toks := range parsePattern(path) {
		if !rt.cfg.Strict {
			toks = trimTrailingSlash(toks)
		}
		v := &variant{c: compileVariant(path, toks, rt.ix.ci), layer: idx}
		checkLimits(path, &v.c)
		rt.ix.add(v)
	}
	return r
}

// checkLimits panics when a pattern declares more parameters than a
// request can carry, naming the pattern, so that the mistake shows at
// registration rather than as a 500 on every request that matches.
func checkLimits(path string, c *compiled) {
	if len(c.dyn) > maxHRParams {
		panic("expresso: route " + strconv.Quote(path) + " has " + strconv.Itoa(len(c.dyn)) +
			" dynamic segments; at most " + strconv.Itoa(maxHRParams) + " are supported")
	}
	if len(c.names) > maxNames {
		panic("expresso: route " + strconv.Quote(path) + " declares " + strconv.Itoa(len(c.names)) +
			" parameters; at most " + strconv.Itoa(maxNames) + " are supported")
	}
}

// trimTrailingSlash drops a final "/" so that a non-strict "/foo/" is "/foo".
func trimTrailingSlash(toks []token) []token {
	last := len(toks) - 1
	if last < 0 || toks[last].kind != tokText {
		return toks
	}
	t := toks[last].text
	if len(t) > 1 && strings.HasSuffix(t, "/") || last > 0 && t == "/" {
		out := append([]token(nil), toks...)
		out[last].text = strings.TrimSuffix(t, "/")
		return mergeText(out)
	}
	return toks
}

// Param adds a handler that runs before the handlers of any layer of this
// router whose pattern declares the parameter name, Express's
// router.param(name, fn): only when the layer is about to run (its method
// matches), and once per request for each value. Several handlers for one
// name run in the order added. Returning an error hands it to the error
// handlers (and later layers declaring the parameter get the same error,
// whatever their value); returning [NextRoute] skips the layer (and later
// layers with the same value); [NextRouter] leaves the router.
func (rt *Router) Param(name string, fn func(c *Context, value string) error) *Router {
	if fn == nil {
		panic("expresso: Param " + strconv.Quote(name) + ": nil function")
	}
	return rt.ParamEach([]string{name}, func(c *Context, value, _ string) error { return fn(c, value) })
}

// ParamEach adds fn as the Param handler of each of names, and tells it
// which name matched: Express's router.param(['from', 'to'], (req, res,
// next, value, name) => …). It runs as a handler added with [Router.Param]
// for each name, in the order given.
func (rt *Router) ParamEach(names []string, fn func(c *Context, value, name string) error) *Router {
	if fn == nil {
		panic("expresso: ParamEach " + strconv.Quote(strings.Join(names, ",")) + ": nil function")
	}
	if len(names) == 0 {
		panic("expresso: ParamEach requires at least one parameter name")
	}
	for _, name := range names {
		if name == "" {
			panic("expresso: Param: empty parameter name")
		}
		rt.params = append(rt.params, paramFn{name: name, fn: fn})
	}
	return rt
}

// NotFound sets the handler for requests that reach the end of this router
// without a response (it does not run when the response was already sent).
// On the App it replaces the default 404, also after [NextRouter]; on a
// mounted Router it answers instead of falling through to the parent's later
// middleware. Calling [Context.Next] from it falls through as usual.
func (rt *Router) NotFound(h Handler) *Router {
	rt.notFound = h
	return rt
}

// OnError adds an error handler for errors returned by this router's
// middleware and routes (and by mounted routers that did not handle them).
// Handlers run in the order added; the first to return nil ends the error.
// Unhandled errors go to the parent router, then to the App's default error
// handler.
func (rt *Router) OnError(h ErrorHandler) *Router {
	if h == nil {
		panic("expresso: OnError: nil ErrorHandler")
	}
	rt.onError = append(rt.onError, h)
	return rt
}
