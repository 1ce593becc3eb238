package middleware

import (
	"bufio"
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/expresso-go/expresso"
)

// timeoutBody is the body of the 503 Timeout sends.
const timeoutBody = "Service Unavailable"

// Timeout returns a middleware that gives each request a deadline d: the
// request's context is cancelled when it passes, and if the handler has not
// started the response by then, the client gets "503 Service Unavailable"
// (text/plain, with the headers earlier middleware set, none of the
// handler's), and what the handler writes afterwards is refused with
// [http.ErrHandlerTimeout]. If the handler had started the response before
// the deadline, nothing is sent for it: its context is cancelled and the
// response it writes goes on (cut it short with the server's WriteTimeout
// if needed). The handler always runs in the request's own goroutine.
//
// In a plain net/http stack the 503 goes out at the deadline, while the
// handler still runs: the handler's writes and the 503 are serialised by a
// lock and the handler writes its headers into a map of its own until it
// starts the response, so there is never a double write and never a data
// race on the writer. Inside an expresso App the Response belongs to the
// request's goroutine, so the 503 is sent there: at the handler's first
// write or flush after the deadline, or when it returns without having
// written (a handler that honours its context returns at the deadline).
// An error the handler then returns (the context's error, or
// ErrHandlerTimeout from a late send) finds the response started: the App
// logs it and closes the connection after the complete 503.
//
// Timeout mirrors connect-timeout. It differs in that the 503 is sent by
// the middleware itself (connect-timeout passes an error to next, leaving
// the handler free to write a second response), and the handler's late
// writes are refused instead of racing the error page. d must be positive.
func Timeout(d time.Duration) func(http.Handler) http.Handler {
	if d <= 0 {
		panic("middleware: Timeout: the duration must be positive, not " + d.String())
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			tw := &timeoutWriter{w: w, h: w.Header().Clone(), ctx: ctx}
			if expresso.FromRequest(r) == nil {
				// An expresso Response belongs to the handler's goroutine;
				// any other writer is only used under tw.mu.
				stop := context.AfterFunc(ctx, tw.deadline)
				defer stop()
			}
			next.ServeHTTP(tw, r.WithContext(ctx))
			tw.mu.Lock()
			defer tw.mu.Unlock()
			tw.done = true
			switch {
			case tw.started:
				tw.copyTrailers()
			case tw.expireLocked():
			case !tw.timedOut:
				tw.copyHeaders() // headers set without a body: net/http sends them with a 200
			}
		})
	}
}

// timeoutWriter is the ResponseWriter Timeout gives the handler.
type timeoutWriter struct {
	w        http.ResponseWriter
	ctx      context.Context // the request's, with the deadline
	h        http.Header     // the handler's headers until the response starts
	mu       sync.Mutex      // guards everything below and every use of w
	started  bool            // the handler's status went out
	timedOut bool            // the 503 went out
	done     bool            // the handler returned
}

// Header returns the handler's header map.
func (tw *timeoutWriter) Header() http.Header { return tw.h }

// WriteHeader sends the handler's status and headers, unless the 503 was
// sent.
func (tw *timeoutWriter) WriteHeader(code int) {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	if tw.expireLocked() || tw.timedOut || tw.started {
		return
	}
	tw.copyHeaders()
	if code >= 200 || code == http.StatusSwitchingProtocols {
		tw.started = true
	}
	tw.w.WriteHeader(code)
}

// Write writes body bytes, starting the response if needed; after the 503
// it returns [http.ErrHandlerTimeout].
func (tw *timeoutWriter) Write(p []byte) (int, error) {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	if tw.expireLocked() || tw.timedOut {
		return 0, http.ErrHandlerTimeout
	}
	tw.startLocked()
	return tw.w.Write(p)
}

// FlushError starts the response if needed and flushes it.
func (tw *timeoutWriter) FlushError() error {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	if tw.expireLocked() || tw.timedOut {
		return http.ErrHandlerTimeout
	}
	tw.startLocked()
	return http.NewResponseController(tw.w).Flush()
}

// Flush is FlushError for [http.Flusher].
func (tw *timeoutWriter) Flush() { _ = tw.FlushError() }

// Hijack takes over the connection, unless the 503 was sent.
func (tw *timeoutWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	if tw.expireLocked() || tw.timedOut {
		return nil, nil, http.ErrHandlerTimeout
	}
	conn, rw, err := http.NewResponseController(tw.w).Hijack()
	if err == nil {
		tw.started = true
	}
	return conn, rw, err
}

// Unwrap returns the underlying writer, for [http.ResponseController]'s
// deadlines; writes must go through the timeoutWriter.
func (tw *timeoutWriter) Unwrap() http.ResponseWriter { return tw.w }

// startLocked sends a 200 with the handler's headers if nothing was sent.
func (tw *timeoutWriter) startLocked() {
	if !tw.started {
		tw.copyHeaders()
		tw.started = true
		tw.w.WriteHeader(http.StatusOK)
	}
}

// copyHeaders makes the handler's headers those of the response.
func (tw *timeoutWriter) copyHeaders() {
	dst := tw.w.Header()
	for k := range dst {
		if _, ok := tw.h[k]; !ok {
			delete(dst, k)
		}
	}
	for k, v := range tw.h {
		dst[k] = v
	}
}

// copyTrailers passes on the trailers the handler set after the response
// started.
func (tw *timeoutWriter) copyTrailers() {
	dst := tw.w.Header()
	declared := strings.Join(tw.h["Trailer"], ",")
	for k, v := range tw.h {
		if strings.HasPrefix(k, http.TrailerPrefix) || declared != "" && hasListElement(declared, k) {
			dst[k] = v
		}
	}
}

// hasListElement reports whether the comma-separated list has name,
// ignoring case.
func hasListElement(list, name string) bool {
	for part := range strings.SplitSeq(list, ",") {
		if strings.EqualFold(strings.TrimSpace(part), name) {
			return true
		}
	}
	return false
}

// deadline runs when the request's context ends, outside expresso.
func (tw *timeoutWriter) deadline() {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	if !tw.done {
		tw.expireLocked()
	}
}

// expireLocked sends the 503 if the deadline passed and nothing was sent,
// reporting whether it did.
func (tw *timeoutWriter) expireLocked() bool {
	if tw.started || tw.timedOut || !errors.Is(tw.ctx.Err(), context.DeadlineExceeded) {
		return false
	}
	tw.send503()
	// Push the answer out now: the handler may run for a long time yet,
	// and inside expresso the connection is closed after it.
	_ = http.NewResponseController(tw.w).Flush()
	return true
}

// send503 answers 503 Service Unavailable.
func (tw *timeoutWriter) send503() {
	tw.timedOut = true
	h := tw.w.Header()
	for _, k := range []string{"Content-Encoding", "Content-Range", "Etag", "Last-Modified", "Content-Disposition"} {
		delete(h, k)
	}
	h["Content-Type"] = []string{"text/plain; charset=utf-8"}
	h["X-Content-Type-Options"] = []string{"nosniff"}
	h["Content-Length"] = []string{strconv.Itoa(len(timeoutBody))}
	tw.w.WriteHeader(http.StatusServiceUnavailable)
	_, _ = tw.w.Write([]byte(timeoutBody)) // a failed write means the client is gone
}
