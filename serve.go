package expresso

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/signal"
	"syscall"
)

// Listen serves the App on addr (":3000") until SIGINT or SIGTERM, then
// shuts down gracefully: it stops accepting connections and waits up to
// Config.ShutdownTimeout for in-flight requests. It mirrors Express's
// app.listen, with server timeouts set (see [Config]). It returns nil after
// a graceful shutdown.
func (app *App) Listen(addr string) error {
	return app.listen(addr, func(s *http.Server, l net.Listener) error { return s.Serve(l) })
}

// ListenTLS is Listen over TLS with the given certificate and key files.
func (app *App) ListenTLS(addr, certFile, keyFile string) error {
	return app.listen(addr, func(s *http.Server, l net.Listener) error { return s.ServeTLS(l, certFile, keyFile) })
}

func (app *App) listen(addr string, serve func(*http.Server, net.Listener) error) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return app.serve(l, serve)
}

// Serve serves the App on l, with the same timeouts and graceful shutdown
// as Listen.
func (app *App) Serve(l net.Listener) error {
	return app.serve(l, func(s *http.Server, l net.Listener) error { return s.Serve(l) })
}

func (app *App) serve(l net.Listener, serve func(*http.Server, net.Listener) error) error {
	s := app.server()
	app.srvMu.Lock()
	app.srvs = append(app.srvs, s)
	app.srvMu.Unlock()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- serve(s, l) }()
	select {
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
	}
	stop()
	sctx, cancel := context.WithTimeout(context.Background(), orDuration(app.cfg.ShutdownTimeout, defaultShutdownTimeout))
	defer cancel()
	if err := s.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// server returns an http.Server for the App with safe timeouts.
func (app *App) server() *http.Server {
	mhb := app.cfg.MaxHeaderBytes
	if mhb == 0 {
		mhb = defaultMaxHeaderBytes
	}
	return &http.Server{
		Handler:           app,
		ReadHeaderTimeout: orDuration(app.cfg.ReadHeaderTimeout, defaultReadHeaderTimeout),
		ReadTimeout:       orDuration(app.cfg.ReadTimeout, defaultReadTimeout),
		WriteTimeout:      orDuration(app.cfg.WriteTimeout, defaultWriteTimeout),
		IdleTimeout:       orDuration(app.cfg.IdleTimeout, defaultIdleTimeout),
		MaxHeaderBytes:    mhb,
		ErrorLog:          slog.NewLogLogger(app.log.Handler(), slog.LevelError),
	}
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
