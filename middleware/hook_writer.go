package middleware

import (
	"io"
	"net/http"
)

// headerHook is what a hookWriter calls just before the headers go out.
// An interface rather than a func, so that middleware can embed the
// hookWriter in its own per-request struct and pay one allocation.
type headerHook interface {
	beforeHeaders(status int) error
}

// hookWriter calls its hook once, just before the status line and headers
// go out (on the first WriteHeader with a final status, Write, ReadFrom or
// Flush), so that middleware can still add headers: Node's on-headers. If
// the hook returns an error, nothing is sent: the status is swallowed and
// every later write returns that error, so the response can still be
// replaced by an error page on the writer underneath.
type hookWriter struct {
	http.ResponseWriter
	hook headerHook
	done bool
	err  error
}

// WriteHeader runs the hook, then sends the status unless the hook failed.
// Informational statuses (other than 101) pass through without it.
func (w *hookWriter) WriteHeader(code int) {
	if code >= 100 && code < 200 && code != http.StatusSwitchingProtocols {
		w.ResponseWriter.WriteHeader(code)
		return
	}
	if w.done {
		if w.err == nil {
			w.ResponseWriter.WriteHeader(code)
		}
		return
	}
	w.done = true
	if w.err = w.hook.beforeHeaders(code); w.err == nil {
		w.ResponseWriter.WriteHeader(code)
	}
}

// Write sends the headers (with status 200) if needed, then p.
func (w *hookWriter) Write(p []byte) (int, error) {
	if !w.done {
		w.WriteHeader(http.StatusOK)
	}
	if w.err != nil {
		return 0, w.err
	}
	return w.ResponseWriter.Write(p)
}

// ReadFrom sends the headers if needed, then copies src, through the
// underlying writer's io.ReaderFrom when it has one.
func (w *hookWriter) ReadFrom(src io.Reader) (int64, error) {
	if !w.done {
		w.WriteHeader(http.StatusOK)
	}
	if w.err != nil {
		return 0, w.err
	}
	if rf, ok := w.ResponseWriter.(io.ReaderFrom); ok {
		return rf.ReadFrom(src)
	}
	return io.Copy(hookCopyWriter{w.ResponseWriter}, src)
}

// FlushError sends the headers if needed and flushes, for
// [http.ResponseController].
func (w *hookWriter) FlushError() error {
	if !w.done {
		w.WriteHeader(http.StatusOK)
	}
	if w.err != nil {
		return w.err
	}
	return http.NewResponseController(w.ResponseWriter).Flush()
}

// Flush is FlushError for [http.Flusher], which cannot report errors: a
// failed hook's error is returned by the next write, a failed flush shows
// as a failed write.
func (w *hookWriter) Flush() { _ = w.FlushError() }

// Unwrap returns the underlying writer, for [http.ResponseController]
// (Hijack, deadlines).
func (w *hookWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// hookCopyWriter hides every method but Write, so io.Copy does not loop
// back into ReadFrom.
type hookCopyWriter struct{ io.Writer }
