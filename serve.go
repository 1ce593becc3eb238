package expresso

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/signal"
	"slices"
	"sync/atomic"
	"syscall"
)

// Listen serves the App on addr (":3000") until SIGINT or SIGTERM, then
// shuts down as [App.Shutdown] does within Config.ShutdownTimeout. It
// mirrors Express's app.listen, with server timeouts and limits set (see
// [Config]) and with request framing checked: a request with both
// Content-Length and Transfer-Encoding is answered 400 and its connection
// closed. In development on an address other than loopback it logs a
// warning, since error details reach clients there.
//
// Listen returns nil after a shutdown in which every request finished, the
// error of [App.Shutdown] when the drain timed out, and any error from
// listening or serving. It never returns nil while still serving, so
// "if err := app.Listen(addr); err != nil { log.Fatal(err) }" exits 0
// after a clean shutdown.
func (app *App) Listen(addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return app.serve(l, false, func(s *http.Server, l net.Listener) error { return s.Serve(l) })
}

// ListenTLS is Listen over TLS with the given certificate and key files.
// HTTP/2 is offered as net/http offers it. Over TLS the headers cannot be
// read below net/http, so instead of answering 400 to a request with both
// Content-Length and Transfer-Encoding, the connection is closed after
// every chunked or HTTP/1.0 request, which leaves nothing to smuggle.
func (app *App) ListenTLS(addr, certFile, keyFile string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return app.serve(l, true, func(s *http.Server, l net.Listener) error { return s.ServeTLS(l, certFile, keyFile) })
}

// Serve serves the App on l, with the same timeouts, limits, checks and
// shutdown as Listen. A listener that returns *tls.Conn connections is
// served as ListenTLS serves, except that Config.MaxConns does not apply
// to it and its idle connections are not given a lame-duck phase.
func (app *App) Serve(l net.Listener) error {
	return app.serve(l, false, func(s *http.Server, l net.Listener) error { return s.Serve(l) })
}

func (app *App) serve(l net.Listener, tls bool, run func(*http.Server, net.Listener) error) error {
	s := app.newServer(l, tls)
	app.warnIfExposed(l.Addr())
	app.srvMu.Lock()
	app.srvs = append(app.srvs, s)
	app.srvMu.Unlock()
	defer func() {
		app.srvMu.Lock()
		app.srvs = slices.DeleteFunc(app.srvs, func(x *server) bool { return x == s })
		app.srvMu.Unlock()
	}()
	sig, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return s.run(sig, run)
}

// server is one http.Server started by Listen, ListenTLS or Serve, with
// what its shutdown needs.
type server struct {
	app    *App
	hs     *http.Server
	ln     *connListener
	tls    bool               // ListenTLS: the listener's bytes are encrypted
	base   context.Context    // every request's context derives from it
	cancel context.CancelFunc // cancels base at the drain deadline

	stopping atomic.Bool  // shutdown began: Serve's error is ours
	lame     atomic.Bool  // lame duck: every response closes its connection
	open     atomic.Int64 // open connections
	quiet    atomic.Int64 // of which new or idle (no request in flight)
	early    atomic.Int64 // of which serving a request begun before lame
}

func (app *App) newServer(l net.Listener, tls bool) *server {
	if app.cfg.MaxConns < 0 {
		panic("expresso: Config.MaxConns is negative; zero means no cap")
	}
	if app.cfg.MaxHeaderBytes < 0 {
		panic("expresso: Config.MaxHeaderBytes is negative; zero means 64 KiB")
	}
	s := &server{app: app, tls: tls}
	s.base, s.cancel = context.WithCancel(context.Background())
	s.ln = newConnListener(l, s, app.cfg.MaxConns)
	s.hs = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: orDuration(app.cfg.ReadHeaderTimeout, defaultReadHeaderTimeout),
		ReadTimeout:       orDuration(app.cfg.ReadTimeout, defaultReadTimeout),
		WriteTimeout:      orDuration(app.cfg.WriteTimeout, defaultWriteTimeout),
		IdleTimeout:       orDuration(app.cfg.IdleTimeout, defaultIdleTimeout),
		MaxHeaderBytes:    cmp.Or(app.cfg.MaxHeaderBytes, defaultMaxHeaderBytes),
		ErrorLog:          slog.NewLogLogger(app.log.Handler(), slog.LevelError),
		BaseContext:       func(net.Listener) context.Context { return s.base },
		ConnContext:       s.connContext,
		ConnState:         s.connState,
	}
	return s
}

// run serves until Serve fails or sig ends, then shuts down within
// Config.ShutdownTimeout.
func (s *server) run(sig context.Context, run func(*http.Server, net.Listener) error) error {
	errc := make(chan error, 1)
	go func() { errc <- run(s.hs, s.ln) }()
	select {
	case err := <-errc:
		return s.served(err)
	case <-sig.Done():
	}
	ctx, cancel := context.WithTimeout(context.Background(), orDuration(s.app.cfg.ShutdownTimeout, defaultShutdownTimeout))
	defer cancel()
	err := s.shutdown(ctx)
	if serr := s.served(<-errc); err == nil {
		err = serr
	}
	s.app.panics.flush(s.app.log) // the process is likely to exit
	return err
}

// served maps what Serve returned: nil once shutdown has begun, as Serve
// then fails only because the listener was closed.
func (s *server) served(err error) error {
	if s.stopping.Load() || errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// ServeHTTP closes the connection after the response in the lame-duck
// phase, refuses ambiguous framing, then runs the App.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.ProtoMajor == 1 {
		if s.lame.Load() {
			w.Header().Set("Connection", "close")
		}
		if (r.TransferEncoding != nil || r.ProtoMinor == 0) && refuseFraming(w, r) {
			return
		}
	}
	s.app.ServeHTTP(w, r)
}

// warnIfExposed logs a warning when development mode, which shows error
// messages and panic values to clients, serves an address other than
// loopback.
func (app *App) warnIfExposed(a net.Addr) {
	ta, ok := a.(*net.TCPAddr)
	if app.prod || !ok || ta.IP.IsLoopback() {
		return
	}
	app.log.Warn("expresso: serving in development mode on a non-loopback address: "+
		"error messages and panic values are sent to clients; "+
		`set EXPRESSO_ENV=production or Config.Env = "production"`, "addr", a.String())
}

// Test serves r in process and returns the recorded response, for users'
// tests: app.Test(httptest.NewRequest("GET", "/", nil)). A response the
// App aborted (an error after its body started) is returned as recorded up
// to the abort.
func (app *App) Test(r *http.Request) *http.Response {
	rec := httptest.NewRecorder()
	func() {
		defer func() {
			if v := recover(); v != nil && v != http.ErrAbortHandler {
				panic(v)
			}
		}()
		app.ServeHTTP(rec, r)
	}()
	return rec.Result()
}
