// Package expresso is Express 5's programming model for Go: an [App] runs
// each request through middleware and routes, in registration order, to
// handlers that answer through a [Context] speaking Express's API and
// producing the same status, headers and body bytes Express would.
//
// # Quick start
//
//	app := expresso.New()
//	app.Use(func(c *expresso.Context) error {
//		log.Println(c.Method(), c.Path())
//		return c.Next()
//	})
//	app.Get("/users/:id", func(c *expresso.Context) error {
//		return c.Status(200).JSON(map[string]any{"id": c.Param("id")})
//	})
//	api := expresso.NewRouter()
//	api.Get("/health", func(c *expresso.Context) error { return c.SendStatus(204) })
//	app.Use("/api", api)
//	if err := app.Listen(":3000"); err != nil { log.Fatal(err) }
//
// # Routing
//
// [Router.Use] adds middleware (optionally under a path prefix, matched on
// segment boundaries) and mounts routers; [Router.Get], [Router.Post] and
// the other verbs add routes with Express 5 paths ("/users/:id",
// "/files/*rest", "/:file{.:ext}"). A handler calls [Context.Next] to pass
// the request on, or returns [NextRoute] or [NextRouter] for Express's
// next('route') and next('router'). HEAD falls back to GET, OPTIONS is
// answered with Allow, and a path that exists only for other methods
// answers 405 with Allow.
//
// # Responses
//
// Every response goes through one guarded writer, the [Response], which
// moves from [Head] to [Body] to [Finished] and refuses to send twice: a
// second send, or a header change after the headers went out, writes nothing
// and returns an error matching [ErrHeadersSent] or [ErrWriteAfterEnd] that
// names the refused call and, in development, the file:line that committed
// the response. The client always gets the first response intact.
//
// Senders pick the Content-Type from the body's Go type as Express does: a
// string is text/html, a []byte application/octet-stream, nil no body,
// an io.Reader is streamed, anything else is JSON. Bodies get a
// Content-Length and a weak ETag, and conditional GETs get a 304.
// [Context.Format] negotiates by Accept, [Context.Cookie] sets cookies
// (signed with Config.CookieSecrets when asked), and [Context.Redirect]
// sends Express's redirect bodies.
//
// # Requests
//
// The request side mirrors Express's req: [Context.Param], [Context.Query],
// [Context.Get], [Context.Accepts], [Context.Is], [Context.IP] and
// [Context.Hostname] (behind proxies per Config.TrustProxy),
// [Context.Cookies] and [Context.SignedCookie], and [Context.Bind] for JSON
// and form bodies, limited by Config.BodyLimit. A Context is pooled and
// valid only until its handler returns; a goroutine that outlives the
// handler takes [Context.Copy].
//
// # Views
//
// [Context.Render] renders a view found in Config.Views (or inside
// Config.ViewsFS, such as an embed.FS) with the engine registered for its
// extension by [App.Engine], merging app.Locals, c.Locals and the data,
// and sends it like any other body (ETag, 304, HEAD). Package templates
// provides the html/template engine registered for ".html", with layouts,
// partials and a FuncMap.
//
// # Errors
//
// Handlers return errors instead of calling next(err): an error goes to the
// [Router.OnError] handlers of the router it arose in, then up to the App's
// default error handler, Express's final handler. It answers with the
// error's status ([HTTPError], else 500) and headers, in HTML (also when
// the request has no Accept header), JSON or text as the client prefers;
// in production a 5xx shows only its status text. A request nothing
// answered gets a 404 "Cannot GET /path". Panics become 500s; an error after
// the body started aborts the connection.
//
// # Testing and serving
//
// [App.Test] serves a request in process and returns the response.
// [App.Listen] serves with safe timeouts and shuts down gracefully on
// SIGINT or SIGTERM; [App.Serve] does the same on a given listener and
// [App.Shutdown] stops the servers, letting in-flight requests finish.
//
// # Departures from Express
//
// Settings are typed fields of [Config], not app.set strings; zero values
// are Express's defaults. X-Powered-By is off unless Config.PoweredBy is
// set. A path that exists for other methods answers 405, not 404.
// Redirect accepts only 3xx statuses. The message of a 4xx [HTTPError] is
// shown in production too.
package expresso

import (
	"cmp"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/expresso-go/expresso/internal/proxyaddr"
)

// App is an application, Express's express(): a [Router] (whose methods it
// promotes) with settings, and an [http.Handler].
type App struct {
	*Router

	// Locals holds application-wide values, Express's app.locals, merged
	// into the data of Render below the request's Locals.
	Locals map[string]any

	cfg     Config
	env     string
	prod    bool
	trust   proxyaddr.Trust
	log     *slog.Logger
	pool    sync.Pool
	quar    quarantine
	lengths *lengthTable
	views   viewSet

	srvMu  sync.Mutex
	srvs   []*server
	panics panicLog
}

// New returns an application. At most one Config may be given; the zero
// Config is Express's defaults. A Config that cannot work (an unsupported
// TrustProxy) panics.
func New(cfg ...Config) *App {
	if len(cfg) > 1 {
		panic("expresso: New takes at most one Config")
	}
	app := &App{Locals: map[string]any{}, lengths: newLengthTable()}
	if len(cfg) == 1 {
		app.cfg = cfg[0]
	}
	app.env = cmp.Or(app.cfg.Env, os.Getenv("EXPRESSO_ENV"), "development")
	app.prod = app.env == "production"
	trust, err := proxyaddr.Compile(app.cfg.TrustProxy)
	if err != nil {
		panic("expresso: Config.TrustProxy: " + strings.TrimPrefix(err.Error(), "expresso: TrustProxy: "))
	}
	app.trust = trust
	app.log = cmp.Or(app.cfg.Logger, slog.Default())
	app.initViews()
	app.Router = NewRouter(RouterConfig{CaseSensitive: app.cfg.CaseSensitive, Strict: app.cfg.StrictRouting})
	app.pool.New = func() any { return newContext(app) }
	return app
}

// Env returns the environment the App runs in, Express's app.get('env').
func (app *App) Env() string { return app.env }

// Config returns the App's settings as given to New.
func (app *App) Config() Config { return app.cfg }

// ServeHTTP dispatches the request through the middleware and routes.
func (app *App) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := app.pool.Get().(*Context)
	c.reset(w, r)
	defer app.done(c)
	if app.cfg.PoweredBy {
		w.Header()["X-Powered-By"] = c.hv("expresso")
	}
	if app.finish(c, c.enter(app.Router, 0)) {
		// The body had started: cut the connection so the client sees a
		// broken response, not a silently truncated one.
		panic(http.ErrAbortHandler)
	}
}

// finish answers what the dispatch left: an error no error handler
// handled goes to the default error handler, and a request nothing
// answered gets Express's final 404 (logged in development as "no
// response sent"). It reports whether the connection must be aborted.
func (app *App) finish(c *Context, err error) (abort bool) {
	if err != nil {
		return app.handleError(c, err)
	}
	if c.res.state == Head {
		if p := c.pending; p != nil {
			c.pending = nil
			return app.handleError(c, p) // a setter refused: Express would have thrown
		}
		if !app.prod {
			app.log.Warn("expresso: no response sent: the handlers returned nil without answering; sending 404",
				"method", c.method, "path", c.path)
		}
		return app.handleError(c, cannotError(http.StatusNotFound, c.method, c.path))
	}
	return false
}

// done ends the request: a panic goes to the error handlers, from the
// innermost router out, then to the default handler (http.ErrAbortHandler
// is re-panicked, and the connection aborted when the body had started);
// a refusal no sender returned is logged; the OnFinish hooks run; c is
// released.
func (app *App) done(c *Context) {
	abort := false
	if v := recover(); v != nil {
		abort = v == http.ErrAbortHandler || app.finish(c, c.panicked(panicError(v)))
	}
	if c.pending != nil {
		app.log.Error("expresso: a refused call was not returned by any sender", "err", c.pending,
			"method", c.method, "path", c.path)
	}
	c.runFinishers()
	app.release(c)
	if abort {
		panic(http.ErrAbortHandler)
	}
}

// runFinishers runs the Response.OnFinish hooks in order.
func (c *Context) runFinishers() {
	for i := 0; i < len(c.finishers); i++ { // a hook may register another
		c.finishers[i]()
	}
}

// release returns c to the pool; in development it passes through a
// quarantine first so that use after release is detected.
func (app *App) release(c *Context) {
	c.release()
	if app.prod {
		app.pool.Put(c)
		return
	}
	if old := app.quar.push(c); old != nil {
		app.pool.Put(old)
	}
}

// quarantine holds recently released Contexts out of the pool, so that a
// goroutine still using one hits the released check instead of another
// request's data. It is a lock-free ring: a release swaps the Context into
// the next slot and pools the one it displaces. Its size trades the window
// of detection (the next quarantineSize requests) against the cache: the
// Contexts in flight stay few enough to remain in cache.
type quarantine struct {
	next atomic.Uint32
	ring [quarantineSize]atomic.Pointer[Context]
}

const quarantineSize = 16

func (q *quarantine) push(c *Context) *Context {
	return q.ring[q.next.Add(1)%quarantineSize].Swap(c)
}
