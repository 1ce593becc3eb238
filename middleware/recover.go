package middleware

import (
	"bufio"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"

	"github.com/expresso-go/expresso"
)

// RecoverOptions configures [Recover] and [RecoverHTTP].
type RecoverOptions struct {
	// Logger receives the recovered panic with its stack. Nil means the
	// App's Config.Logger inside expresso, else slog.Default().
	Logger *slog.Logger
}

// PanicError is the error [Recover] makes of a recovered panic: a 500 for
// the error handlers.
type PanicError struct {
	// Value is the value the handler panicked with.
	Value any
	// Stack is the goroutine's stack at the panic.
	Stack []byte
}

// Error returns "middleware: panic: " and the panic value.
func (e *PanicError) Error() string { return fmt.Sprintf("middleware: panic: %v", e.Value) }

// Unwrap returns the panic value when it is an error, so errors.Is and
// errors.As see through the panic.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// StatusCode returns 500.
func (e *PanicError) StatusCode() int { return http.StatusInternalServerError }

// Recover returns a middleware, in the expresso Context form, that turns a
// panic in the rest of the chain into a [*PanicError] returned through
// [expresso.Context.Next], so that earlier middleware see it and the error
// handlers of the router it runs in (OnError) answer it, as for any other
// error. The panic value and its stack are logged. A panic with
// [http.ErrAbortHandler] is re-panicked, so the connection is still cut.
//
// Recover never writes: if the response had already started when the
// handler panicked, the App aborts the connection instead of appending an
// error page to a half-sent body. At most one [RecoverOptions] may be given.
//
// An App already recovers panics into a 500 from its own error handler;
// Recover is for routers whose own OnError handlers, or whose earlier
// middleware, should see the panic. Express catches an exception thrown by
// a handler in its router and passes it to next(err); Recover does the same
// for a Go panic. For plain net/http stacks use [RecoverHTTP].
func Recover(opts ...RecoverOptions) expresso.Handler {
	o := recoverOptions(opts, "Recover")
	return func(c *expresso.Context) (err error) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			pe := &PanicError{Value: v, Stack: debug.Stack()}
			logger := o.Logger
			if logger == nil {
				logger = appLogger(c)
			}
			logPanic(logger, pe, c.Method(), c.Path())
			err = pe
		}()
		return c.Next()
	}
}

// RecoverHTTP returns [Recover]'s net/http form, for stacks without
// expresso: a panic is logged with its stack and answered with a plain
// "500 Internal Server Error" if the response has not started; if it has,
// the connection is aborted (by panicking with [http.ErrAbortHandler]), so
// the client sees a broken response rather than a truncated one. A panic
// with http.ErrAbortHandler is re-panicked. The 500 keeps the headers set
// so far except those that described the abandoned body (Content-Length,
// Content-Encoding, ETag, …). At most one [RecoverOptions] may be given.
func RecoverHTTP(opts ...RecoverOptions) func(http.Handler) http.Handler {
	o := recoverOptions(opts, "RecoverHTTP")
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sw, isRes := w.(*expresso.Response)
			var tw *startWriter
			if !isRes {
				tw = &startWriter{ResponseWriter: w}
				w = tw
			}
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if v == http.ErrAbortHandler {
					panic(v)
				}
				pe := &PanicError{Value: v, Stack: debug.Stack()}
				logger := o.Logger
				if logger == nil {
					logger = appLogger(expresso.FromRequest(r))
				}
				logPanic(logger, pe, r.Method, r.URL.Path)
				if isRes && sw.State() != expresso.Head || !isRes && tw.started {
					panic(http.ErrAbortHandler)
				}
				h := w.Header()
				for _, k := range []string{"Content-Encoding", "Content-Language", "Content-Range", "Content-Length",
					"Content-Disposition", "Etag", "Last-Modified"} {
					delete(h, k) // they described the body that will not come
				}
				h.Set("Content-Type", "text/plain; charset=utf-8")
				h.Set("X-Content-Type-Options", "nosniff")
				w.WriteHeader(http.StatusInternalServerError)
				_, _ = w.Write([]byte("Internal Server Error\n"))
			}()
			next.ServeHTTP(w, r)
		})
	}
}

func recoverOptions(opts []RecoverOptions, name string) RecoverOptions {
	if len(opts) > 1 {
		panic("middleware: " + name + " takes at most one RecoverOptions")
	}
	if len(opts) == 1 {
		return opts[0]
	}
	return RecoverOptions{}
}

func logPanic(l *slog.Logger, pe *PanicError, method, path string) {
	l.Error("middleware: recovered a panic", "panic", fmt.Sprint(pe.Value), "method", method,
		"path", path, "stack", string(pe.Stack))
}

// startWriter records whether the response started, for RecoverHTTP.
type startWriter struct {
	http.ResponseWriter
	started bool
}

func (sw *startWriter) WriteHeader(code int) {
	if code >= 200 || code == http.StatusSwitchingProtocols {
		sw.started = true
	}
	sw.ResponseWriter.WriteHeader(code)
}

func (sw *startWriter) Write(p []byte) (int, error) {
	sw.started = true
	return sw.ResponseWriter.Write(p)
}

// Flush starts the response and flushes it.
func (sw *startWriter) Flush() {
	sw.started = true
	_ = http.NewResponseController(sw.ResponseWriter).Flush()
}

// Hijack hands the connection over, for libraries that assert
// [http.Hijacker].
func (sw *startWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(sw.ResponseWriter).Hijack()
	if err == nil {
		sw.started = true
	}
	return conn, rw, err
}

// Unwrap returns the underlying writer, for [http.ResponseController].
func (sw *startWriter) Unwrap() http.ResponseWriter { return sw.ResponseWriter }
