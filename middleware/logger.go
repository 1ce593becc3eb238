package middleware

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/expresso-go/expresso"
)

// LoggerOptions configures [Logger]. The zero value is morgan's defaults:
// the combined format, written to standard output.
type LoggerOptions struct {
	// Format is a predefined format name, "combined" (the default),
	// "common", "dev", "short" or "tiny", or a format string of literal
	// text and tokens, such as ":method :url :status :bytes :response-time ms".
	// The tokens are morgan's: :method, :url, :status, :response-time[digits]
	// (also :total-time), :date[clf|iso|web], :remote-addr, :remote-user,
	// :http-version, :referrer (also :referer), :user-agent, :req[header],
	// :res[header]; and two of expresso's: :bytes, the body bytes the client
	// got ("-" for none, as Apache's %b), and :id, the request id of
	// [RequestID]. An unknown token panics. It must be empty when Slog is
	// set.
	Format string

	// Output receives one line per request. Nil means os.Stdout. Writes are
	// serialised, so any io.Writer will do.
	Output io.Writer

	// Slog, when set, receives one structured record per request instead of
	// a formatted line: message "request", attributes method, url, status,
	// bytes, duration, remote_addr, user_agent, referrer and (when there is
	// one) id, at level Error for 5xx, Warn for 4xx, Info otherwise.
	Slog *slog.Logger

	// Skip, when set, is asked after the response whether to leave the
	// request out of the log, as morgan's skip.
	Skip func(r *http.Request, status int) bool

	// Tokens adds or replaces tokens for Format: Tokens["user"] is :user.
	// The function gets the request as the last middleware saw it (with
	// the values later middleware put in its context); "" logs "-".
	Tokens map[string]func(r *http.Request) string
}

// Logger returns a middleware that logs every request once it is over, as
// morgan: in one of morgan's formats, a format of its tokens, or as a
// structured record to a *slog.Logger.
//
// It logs what the client actually got. Inside an expresso App it logs from
// the Response's finish hook ([expresso.Response.OnFinish]), so the status
// and bytes of an answer that an error handler sent after Logger's next
// returned (a 404, a 500 from a panic) are the ones logged; elsewhere it
// wraps the ResponseWriter. The duration runs from Logger seeing the
// request to the end of the response.
//
// Values taken from the request (the URL, headers, the user) are escaped:
// control bytes, invalid UTF-8, C1 control characters, '"' and '\' are
// written as \xHH, so a request cannot forge or split log lines. The "dev"
// format colours the status as morgan's and adds the request id when there
// is one.
//
// Logger mirrors morgan. It differs in that :response-time runs to the end
// of the response rather than to its headers, the predefined formats log
// the bytes sent rather than the Content-Length header, an unknown token
// panics at setup, and morgan's immediate option is not offered.
func Logger(opts LoggerOptions) func(http.Handler) http.Handler {
	l := newLogger(opts)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			l.serve(next, w, r)
		})
	}
}

// logger is a configured Logger.
type logger struct {
	segs []logSegment
	dev  bool
	out  io.Writer
	mu   sync.Mutex // serialises writes to out
	slog *slog.Logger
	skip func(*http.Request, int) bool
	pool sync.Pool // *logRecord
}

func newLogger(o LoggerOptions) *logger {
	l := &logger{out: o.Output, slog: o.Slog, skip: o.Skip}
	if l.out == nil {
		l.out = os.Stdout
	}
	switch {
	case o.Slog != nil && o.Format != "":
		panic("middleware: LoggerOptions: Format and Slog are exclusive")
	case o.Slog != nil && o.Output != nil:
		panic("middleware: LoggerOptions: Output and Slog are exclusive")
	case o.Slog == nil:
		format := o.Format
		if format == "" {
			format = "combined"
		}
		if f, ok := predefinedFormat(format); ok {
			l.dev = format == "dev"
			format = f
		}
		l.segs = compileLogFormat(format, o.Tokens)
	}
	l.pool.New = func() any {
		rec := &logRecord{l: l}
		rec.finishFn = rec.finish
		return rec
	}
	return l
}

// logRecord is what Logger knows about one request; pooled.
type logRecord struct {
	l        *logger
	r        *http.Request // as Logger got it
	c        *expresso.Context
	start    time.Time
	id       string // set by RequestID when it runs after Logger outside expresso
	finishFn func() // rec.finish, bound once
	lw       loggingWriter
	buf      []byte
}

// logSlotKey is the context key under which Logger, outside expresso, lets
// a later RequestID leave the request id.
type logSlotKey struct{}

func (l *logger) serve(next http.Handler, w http.ResponseWriter, r *http.Request) {
	rec := l.pool.Get().(*logRecord)
	rec.r, rec.start = r, time.Now()
	if c := expresso.FromRequest(r); c != nil {
		rec.c = c
		c.Response().OnFinish(rec.finishFn)
		next.ServeHTTP(w, r)
		return
	}
	rec.lw = loggingWriter{w: w}
	next.ServeHTTP(&rec.lw, r.WithContext(context.WithValue(r.Context(), logSlotKey{}, rec)))
	rec.finish()
}

// finish logs the request and releases rec.
func (rec *logRecord) finish() {
	l := rec.l
	var status int
	var n int64
	req := rec.r
	var res *expresso.Response
	if rec.c != nil {
		// The App's own Response once the request is over: what the
		// client got, even when a middleware before Logger wrapped the
		// writer and an error handler answered around it.
		res = rec.c.Response()
		status, n = res.Status(), res.Written()
		if r := rec.c.Request(); r != nil {
			req = r
		}
	} else {
		status, n = rec.lw.status, rec.lw.n
		if status == 0 {
			status = http.StatusOK
		}
	}
	if req.Method == http.MethodHead || status < 200 || status == http.StatusNoContent || status == http.StatusNotModified {
		n = 0 // counted by the writer, but never sent
	}
	if rec.id == "" {
		rec.id = RequestIDFrom(req.Context())
	}
	if l.skip == nil || !l.skip(req, status) {
		e := logEntry{r: req, first: rec.r, c: rec.c, status: status, bytes: n, d: time.Since(rec.start), id: rec.id}
		if res != nil {
			e.header = res.Header()
		} else {
			e.header = rec.lw.w.Header()
		}
		if l.slog != nil {
			l.logSlog(&e)
		} else {
			rec.buf = l.appendLine(rec.buf[:0], &e)
			l.mu.Lock()
			_, err := l.out.Write(rec.buf)
			l.mu.Unlock()
			if err != nil {
				appLogger(rec.c).Error("middleware: Logger could not write its line", "err", err)
			}
		}
	}
	rec.r, rec.c, rec.id, rec.lw = nil, nil, "", loggingWriter{}
	if cap(rec.buf) <= 4<<10 {
		l.pool.Put(rec)
	}
}

// logEntry is one request as it is logged.
type logEntry struct {
	r, first *http.Request
	c        *expresso.Context
	status   int
	bytes    int64
	d        time.Duration
	id       string
	header   http.Header // the response's
}

func (l *logger) logSlog(e *logEntry) {
	level := slog.LevelInfo
	switch {
	case e.status >= 500:
		level = slog.LevelError
	case e.status >= 400:
		level = slog.LevelWarn
	}
	attrs := [10]slog.Attr{
		slog.String("method", e.r.Method),
		slog.String("url", requestURL(e.first)),
		slog.Int("status", e.status),
		slog.Int64("bytes", e.bytes),
		slog.Duration("duration", e.d),
		slog.String("remote_addr", remoteAddr(e)),
		slog.String("user_agent", e.r.Header.Get("User-Agent")),
		slog.String("referrer", referrer(e.r)),
	}
	n := 8
	if e.id != "" {
		attrs[n] = slog.String("id", e.id)
		n++
	}
	l.slog.LogAttrs(e.r.Context(), level, "request", attrs[:n]...)
}

// requestURL is morgan's :url: the request target as the client sent it.
func requestURL(r *http.Request) string {
	if r.RequestURI != "" {
		return r.RequestURI
	}
	return r.URL.RequestURI()
}

// remoteAddr is morgan's :remote-addr: req.ip inside expresso (which
// honours Config.TrustProxy), the peer's address elsewhere.
func remoteAddr(e *logEntry) string {
	if e.c != nil {
		return e.c.IP()
	}
	host, _, err := net.SplitHostPort(e.r.RemoteAddr)
	if err != nil {
		return e.r.RemoteAddr
	}
	return host
}

func referrer(r *http.Request) string {
	if v := r.Header.Get("Referer"); v != "" {
		return v
	}
	return r.Header.Get("Referrer")
}

// loggingWriter counts what is written through it, for Logger outside
// expresso.
type loggingWriter struct {
	w      http.ResponseWriter
	status int
	n      int64
}

func (lw *loggingWriter) Header() http.Header { return lw.w.Header() }

func (lw *loggingWriter) WriteHeader(code int) {
	if lw.status == 0 && code >= 200 {
		lw.status = code
	}
	lw.w.WriteHeader(code)
}

func (lw *loggingWriter) Write(p []byte) (int, error) {
	if lw.status == 0 {
		lw.status = http.StatusOK
	}
	n, err := lw.w.Write(p)
	lw.n += int64(n)
	return n, err
}

// Flush flushes the underlying writer, so streams keep streaming.
func (lw *loggingWriter) Flush() {
	if lw.status == 0 {
		lw.status = http.StatusOK
	}
	_ = http.NewResponseController(lw.w).Flush()
}

// Hijack hands the connection over, for libraries that assert
// [http.Hijacker]; the response counts as a 101.
func (lw *loggingWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(lw.w).Hijack()
	if err == nil && lw.status == 0 {
		lw.status = http.StatusSwitchingProtocols
	}
	return conn, rw, err
}

// Unwrap returns the underlying writer, for [http.ResponseController].
func (lw *loggingWriter) Unwrap() http.ResponseWriter { return lw.w }

// responseHeader returns a response header's values as sent.
func responseHeader(e *logEntry, name string) string {
	return strings.Join(e.header[name], ", ")
}

// appLogger returns the logger of c's App, or slog.Default() outside
// expresso.
func appLogger(c *expresso.Context) *slog.Logger {
	if c != nil {
		if l := c.App().Config().Logger; l != nil {
			return l
		}
	}
	return slog.Default()
}
