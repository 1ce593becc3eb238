package middleware

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/internal/token"
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

// The predefined formats, as morgan's, with :bytes where morgan logs the
// Content-Length header.
var loggerFormats = map[string]string{
	"combined": `:remote-addr - :remote-user [:date[clf]] ":method :url HTTP/:http-version" :status :bytes ":referrer" ":user-agent"`,
	"common":   `:remote-addr - :remote-user [:date[clf]] ":method :url HTTP/:http-version" :status :bytes`,
	"dev":      `:method :url :status :response-time ms - :bytes`,
	"short":    `:remote-addr :remote-user :method :url HTTP/:http-version :status :bytes - :response-time ms`,
	"tiny":     `:method :url :status :bytes - :response-time ms`,
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
		if f, ok := loggerFormats[format]; ok {
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
	res      *expresso.Response
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
		rec.c, rec.res = c, c.Response()
		rec.res.OnFinish(rec.finishFn)
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
	if rec.res != nil {
		status, n = rec.res.Status(), rec.res.Written()
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
		if rec.res != nil {
			e.header = rec.res.Header()
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
	rec.r, rec.c, rec.res, rec.id, rec.lw = nil, nil, nil, "", loggingWriter{}
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

// logToken names a token of a log format.
type logToken uint8

const (
	tokLiteral logToken = iota
	tokMethod
	tokURL
	tokStatus
	tokResponseTime
	tokDate
	tokRemoteAddr
	tokRemoteUser
	tokHTTPVersion
	tokReferrer
	tokUserAgent
	tokReqHeader
	tokResHeader
	tokBytes
	tokID
	tokCustom
)

var logTokens = map[string]logToken{
	"method": tokMethod, "url": tokURL, "status": tokStatus,
	"response-time": tokResponseTime, "total-time": tokResponseTime, "date": tokDate,
	"remote-addr": tokRemoteAddr, "remote-user": tokRemoteUser, "http-version": tokHTTPVersion,
	"referrer": tokReferrer, "referer": tokReferrer, "user-agent": tokUserAgent,
	"req": tokReqHeader, "res": tokResHeader, "bytes": tokBytes, "id": tokID,
}

// logSegment is a literal or a token of a compiled format.
type logSegment struct {
	tok    logToken
	text   string // the literal, or the token's argument
	digits int    // for :response-time
	custom func(*http.Request) string
}

// compileLogFormat parses a format into segments, panicking on an unknown
// token or a bad argument.
func compileLogFormat(format string, custom map[string]func(*http.Request) string) []logSegment {
	var segs []logSegment
	lit := 0
	for i := 0; i < len(format); i++ {
		if format[i] != ':' {
			continue
		}
		j := i + 1
		for j < len(format) && (format[j] == '-' || format[j] == '_' || isAlnum(format[j])) {
			j++
		}
		if j-i-1 < 2 {
			continue // morgan's tokens have at least two characters
		}
		name, arg := format[i+1:j], ""
		end := j
		if j < len(format) && format[j] == '[' {
			k := strings.IndexByte(format[j:], ']')
			if k < 2 {
				panic("middleware: LoggerOptions.Format: unterminated argument of :" + name)
			}
			arg, end = format[j+1:j+k], j+k+1
		}
		seg := logSegment{tok: logTokens[name], text: arg}
		if fn := custom[name]; fn != nil {
			seg = logSegment{tok: tokCustom, custom: fn}
		} else if err := checkLogToken(&seg, name, arg); err != "" {
			panic("middleware: LoggerOptions.Format: " + err)
		}
		if i > lit {
			segs = append(segs, logSegment{text: format[lit:i]})
		}
		segs = append(segs, seg)
		lit, i = end, end-1
	}
	if lit < len(format) {
		segs = append(segs, logSegment{text: format[lit:]})
	}
	return segs
}

// checkLogToken validates a built-in token and its argument, returning a
// message naming the mistake, or "".
func checkLogToken(seg *logSegment, name, arg string) string {
	switch seg.tok {
	case tokLiteral:
		return "unknown token :" + name
	case tokReqHeader, tokResHeader:
		if !token.Is(arg) {
			return ":" + name + " needs a header name, as :" + name + "[user-agent]"
		}
		seg.text = http.CanonicalHeaderKey(arg)
	case tokDate:
		switch arg {
		case "", "web", "clf", "iso":
		default:
			return ":date[" + arg + "]: the format must be clf, iso or web"
		}
	case tokResponseTime:
		seg.digits = 3
		if arg != "" {
			d, err := strconv.Atoi(arg)
			if err != nil || d < 0 || d > 9 {
				return ":" + name + "[" + arg + "]: digits must be 0 to 9"
			}
			seg.digits = d
		}
	default:
		if arg != "" {
			return ":" + name + " takes no argument"
		}
	}
	return ""
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// appendLine formats e with the logger's format, adding a newline.
func (l *logger) appendLine(b []byte, e *logEntry) []byte {
	for i := range l.segs {
		s := &l.segs[i]
		if l.dev && s.tok == tokStatus {
			b = appendDevStatus(b, e.status)
			continue
		}
		b = appendLogToken(b, s, e)
	}
	if l.dev {
		if e.id != "" {
			b = append(b, ' ')
			b = appendEscaped(b, e.id)
		}
		b = append(b, "\x1b[0m"...)
	}
	return append(b, '\n')
}

// appendDevStatus writes the status in morgan dev's colours.
func appendDevStatus(b []byte, status int) []byte {
	color := "0"
	switch {
	case status >= 500:
		color = "31"
	case status >= 400:
		color = "33"
	case status >= 300:
		color = "36"
	case status >= 200:
		color = "32"
	}
	b = append(b, "\x1b["...)
	b = append(b, color...)
	b = append(b, 'm')
	b = strconv.AppendInt(b, int64(status), 10)
	return append(b, "\x1b[0m"...)
}

func appendLogToken(b []byte, s *logSegment, e *logEntry) []byte {
	switch s.tok {
	case tokLiteral:
		return append(b, s.text...)
	case tokMethod:
		return appendValue(b, e.r.Method)
	case tokURL:
		return appendValue(b, requestURL(e.first))
	case tokStatus:
		return strconv.AppendInt(b, int64(e.status), 10)
	case tokResponseTime:
		return strconv.AppendFloat(b, float64(e.d)/float64(time.Millisecond), 'f', s.digits, 64)
	case tokDate:
		return appendDate(b, s.text)
	case tokRemoteAddr:
		return appendValue(b, remoteAddr(e))
	case tokRemoteUser:
		user, _, _ := e.r.BasicAuth()
		return appendValue(b, user)
	case tokHTTPVersion:
		b = strconv.AppendInt(b, int64(e.r.ProtoMajor), 10)
		b = append(b, '.')
		return strconv.AppendInt(b, int64(e.r.ProtoMinor), 10)
	case tokReferrer:
		return appendValue(b, referrer(e.r))
	case tokUserAgent:
		return appendValue(b, e.r.Header.Get("User-Agent"))
	case tokReqHeader:
		return appendValue(b, strings.Join(e.r.Header[s.text], ", "))
	case tokResHeader:
		return appendValue(b, responseHeader(e, s.text))
	case tokBytes:
		if e.bytes == 0 {
			return append(b, '-')
		}
		return strconv.AppendInt(b, e.bytes, 10)
	case tokID:
		return appendValue(b, e.id)
	default:
		return appendValue(b, s.custom(e.r))
	}
}

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

func appendDate(b []byte, format string) []byte {
	now := time.Now().UTC()
	switch format {
	case "clf":
		return now.AppendFormat(b, "02/Jan/2006:15:04:05 -0700")
	case "iso":
		return now.AppendFormat(b, "2006-01-02T15:04:05.000Z07:00")
	default:
		return now.AppendFormat(b, http.TimeFormat)
	}
}

// appendValue writes a value taken from the request, "-" when empty.
func appendValue(b []byte, s string) []byte {
	if s == "" {
		return append(b, '-')
	}
	return appendEscaped(b, s)
}

// appendEscaped writes s with control bytes, invalid UTF-8, C1 control
// characters, '"' and '\' as \xHH, so that a logged value can neither end
// a line nor a quoted field, nor drive a terminal.
func appendEscaped(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
			b = append(b, c)
			i++
			continue
		}
		n := 1
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError && (r < 0x80 || r > 0x9f) {
				b = append(b, s[i:i+size]...)
				i += size
				continue
			}
			if r != utf8.RuneError {
				n = size
			}
		}
		for _, x := range []byte(s[i : i+n]) {
			b = append(b, '\\', 'x', hexDigits[x>>4], hexDigits[x&0x0f])
		}
		i += n
	}
	return b
}
