package middleware_test

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newLoggedApp returns an App that logs with opts into buf, with a few
// routes.
func newLoggedApp(opts middleware.LoggerOptions, before ...any) *expresso.App {
	app := expresso.New(expresso.Config{Env: "production", Logger: slog.New(slog.DiscardHandler)})
	if len(before) > 0 {
		app.Use(before...)
	}
	app.Use(middleware.Logger(opts))
	app.Get("/hello", func(c *expresso.Context) error { return c.Send("hello") })
	app.Post("/items", func(c *expresso.Context) error { return c.Status(201).Send("made") })
	app.Get("/teapot", func(c *expresso.Context) error { return expresso.NewHTTPError(418, "short") })
	app.Get("/panic", func(c *expresso.Context) error { panic("boom") })
	app.Get("/empty", func(c *expresso.Context) error { return c.SendStatus(204) })
	return app
}

func TestLoggerLogsWhatTheClientGotInsideAnApp(t *testing.T) {
	tests := []struct {
		name       string
		method     string
		target     string
		wantStatus int
		wantBody   string
		wantLine   string
	}{
		{"a plain send", "GET", "/hello", 200, "hello", "GET /hello 200 5\n"},
		{"a status set by the handler", "POST", "/items", 201, "made", "POST /items 201 4\n"},
		{"an error answered after the logger's next returned", "GET", "/teapot", 418, "short", "GET /teapot 418 5\n"},
		{"the 404 of the final handler", "GET", "/missing?q=1", 404, "Cannot GET /missing", "GET /missing?q=1 404 19\n"},
		{"a panic answered by the default error handler", "GET", "/panic", 500, "Internal Server Error", "GET /panic 500 21\n"},
		{"a HEAD request, whose body is never sent", "HEAD", "/hello", 200, "", "HEAD /hello 200 -\n"},
		{"a 204 without a body", "GET", "/empty", 204, "", "GET /empty 204 -\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			app := newLoggedApp(middleware.LoggerOptions{Format: ":method :url :status :bytes", Output: &buf})
			r := httptest.NewRequest(tt.method, tt.target, nil)
			r.Header.Set("Accept", "text/plain")
			rec := httptest.NewRecorder()
			app.ServeHTTP(rec, r)
			assert.Equal(t, tt.wantStatus, rec.Code)
			assert.Equal(t, tt.wantBody, rec.Body.String())
			assert.Equal(t, tt.wantLine, buf.String())
		})
	}
}

func TestLoggerEscapesHostileValues(t *testing.T) {
	tests := []struct {
		name     string
		target   string
		ua       string
		wantLine string
	}{
		{"CR and LF in the path cannot split the line", "/a\r\nGET /forged 200", "curl",
			`"GET /a\x0d\x0aGET /forged 200" 404 "curl"` + "\n"},
		{"a quote in the user agent cannot end the quoted field", "/x", `ua" 200 "forged`,
			`"GET /x" 404 "ua\x22 200 \x22forged"` + "\n"},
		{"terminal escapes and a C1 control are escaped", "/x", "\x1b[31mred\u009b2J",
			`"GET /x" 404 "\x1b[31mred\xc2\x9b2J"` + "\n"},
		{"invalid UTF-8 and backslashes are escaped, valid UTF-8 kept", "/x", "caf\xc3\xa9 \xff\\",
			`"GET /x" 404 "café \xff\x5c"` + "\n"},
		{"an empty user agent is a dash", "/x", "", `"GET /x" 404 "-"` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			app := newLoggedApp(middleware.LoggerOptions{Format: `":method :url" :status ":user-agent"`, Output: &buf})
			r := httptest.NewRequest("GET", "/x", nil)
			r.RequestURI = tt.target
			r.Header.Set("User-Agent", tt.ua)
			rec := httptest.NewRecorder()
			app.ServeHTTP(rec, r)
			assert.Equal(t, 404, rec.Code)
			assert.Equal(t, tt.wantLine, buf.String())
		})
	}
}

// clfDate matches the :date[clf] of the predefined formats.
var clfDate = regexp.MustCompile(`\[\d\d/[A-Z][a-z][a-z]/\d{4}:\d\d:\d\d:\d\d \+0000\]`)

// msTime matches a :response-time with three digits.
var msTime = regexp.MustCompile(`\d+\.\d{3} ms`)

func TestLoggerPredefinedFormats(t *testing.T) {
	tests := []struct {
		format   string
		wantLine string
	}{
		{"", `192.0.2.1 - alice [DATE] "GET /hello?x=1 HTTP/1.1" 200 5 "http://ref.example/" "agent/1.0"` + "\n"},
		{"combined", `192.0.2.1 - alice [DATE] "GET /hello?x=1 HTTP/1.1" 200 5 "http://ref.example/" "agent/1.0"` + "\n"},
		{"common", `192.0.2.1 - alice [DATE] "GET /hello?x=1 HTTP/1.1" 200 5` + "\n"},
		{"dev", "GET /hello?x=1 \x1b[32m200\x1b[0m MS - 5\x1b[0m\n"},
		{"short", "192.0.2.1 alice GET /hello?x=1 HTTP/1.1 200 5 - MS\n"},
		{"tiny", "GET /hello?x=1 200 5 - MS\n"},
	}
	for _, tt := range tests {
		t.Run("format "+tt.format, func(t *testing.T) {
			var buf bytes.Buffer
			app := newLoggedApp(middleware.LoggerOptions{Format: tt.format, Output: &buf})
			r := httptest.NewRequest("GET", "/hello?x=1", nil)
			r.RemoteAddr = "192.0.2.1:4321"
			r.SetBasicAuth("alice", "secret")
			r.Header.Set("Referer", "http://ref.example/")
			r.Header.Set("User-Agent", "agent/1.0")
			rec := httptest.NewRecorder()
			app.ServeHTTP(rec, r)
			require.Equal(t, 200, rec.Code)
			line := clfDate.ReplaceAllString(buf.String(), "[DATE]")
			line = msTime.ReplaceAllString(line, "MS")
			assert.Equal(t, tt.wantLine, line)
		})
	}
}

func TestLoggerDevFormatColoursTheStatusAndAddsTheRequestID(t *testing.T) {
	var buf bytes.Buffer
	app := newLoggedApp(middleware.LoggerOptions{Format: "dev", Output: &buf}, middleware.RequestID())
	for _, target := range []string{"/teapot", "/panic"} {
		r := httptest.NewRequest("GET", target, nil)
		r.Header.Set("X-Request-Id", "req-"+target[1:])
		app.ServeHTTP(httptest.NewRecorder(), r)
	}
	got := msTime.ReplaceAllString(buf.String(), "MS")
	assert.Equal(t, "GET /teapot \x1b[33m418\x1b[0m MS - 132 req-teapot\x1b[0m\n"+
		"GET /panic \x1b[31m500\x1b[0m MS - 148 req-panic\x1b[0m\n", got)
}

func TestLoggerTokens(t *testing.T) {
	tests := []struct {
		name     string
		format   string
		before   []any
		wantLine string
	}{
		{"request and response headers", ":req[x-trace] :res[content-type] :res[x-missing]", nil,
			"t-1 text/html; charset=utf-8 -\n"},
		{"the http version and the remote address", ":http-version :remote-addr :remote-user", nil,
			"1.1 192.0.2.9 -\n"},
		{"the request id of a RequestID before the logger", ":id", []any{middleware.RequestID()}, "given-id\n"},
		{"a custom token sees the request", ":who :method", nil, "bob GET\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			opts := middleware.LoggerOptions{Format: tt.format, Output: &buf,
				Tokens: map[string]func(*http.Request) string{"who": func(r *http.Request) string { return r.URL.Query().Get("who") }}}
			app := newLoggedApp(opts, tt.before...)
			r := httptest.NewRequest("GET", "/hello?who=bob", nil)
			r.RemoteAddr = "192.0.2.9:1"
			r.Header.Set("X-Trace", "t-1")
			r.Header.Set("X-Request-Id", "given-id")
			app.ServeHTTP(httptest.NewRecorder(), r)
			assert.Equal(t, tt.wantLine, buf.String())
		})
	}
}

func TestLoggerResponseTimeDigits(t *testing.T) {
	var buf bytes.Buffer
	h := middleware.Logger(middleware.LoggerOptions{Format: ":response-time[0]|:total-time[1]|:response-time", Output: &buf})(http.NotFoundHandler())
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	assert.Regexp(t, `^\d+\|\d+\.\d\|\d+\.\d{3}\n$`, buf.String())
}

func TestLoggerPrintsTheIDOfARequestIDAfterIt(t *testing.T) {
	for _, inApp := range []bool{true, false} {
		name := "plain net/http"
		if inApp {
			name = "inside an App"
		}
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			logger := middleware.Logger(middleware.LoggerOptions{Format: ":id :status", Output: &buf})
			reqID := middleware.RequestID(middleware.RequestIDOptions{Generator: func() string { return "made-1" }})
			var h http.Handler
			if inApp {
				app := expresso.New(expresso.Config{Env: "production"})
				app.Use(logger, reqID)
				app.Get("/", func(c *expresso.Context) error { return c.SendStatus(202) })
				h = app
			} else {
				h = logger(reqID(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(202) })))
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
			assert.Equal(t, 202, rec.Code)
			assert.Equal(t, "made-1", rec.Header().Get("X-Request-Id"))
			assert.Equal(t, "made-1 202\n", buf.String())
		})
	}
}

func TestLoggerOutsideExpresso(t *testing.T) {
	tests := []struct {
		name     string
		handler  http.HandlerFunc
		wantCode int
		wantBody string
		wantLine string
	}{
		{"a status and a body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(201)
			_, _ = w.Write([]byte("created"))
		}, 201, "created", "GET /plain 201 7 text/plain\n"},
		{"a body without WriteHeader is a 200", func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte("ok"))
		}, 200, "ok", "GET /plain 200 2 text/plain; charset=utf-8\n"},
		{"nothing written is a 200 without bytes", func(w http.ResponseWriter, r *http.Request) {}, 200, "", "GET /plain 200 - -\n"},
		{"a flushed stream", func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte("a"))
			require.NoError(t, http.NewResponseController(w).Flush())
			_, _ = w.Write([]byte("b"))
		}, 200, "ab", "GET /plain 200 2 text/plain; charset=utf-8\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			h := middleware.Logger(middleware.LoggerOptions{Format: ":method :url :status :bytes :res[content-type]", Output: &buf})(tt.handler)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/plain", nil))
			assert.Equal(t, tt.wantCode, rec.Code)
			assert.Equal(t, tt.wantBody, rec.Body.String())
			assert.Equal(t, tt.wantLine, buf.String())
		})
	}
}

func TestLoggerSlog(t *testing.T) {
	var buf bytes.Buffer
	sl := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey || a.Key == "duration" {
			return slog.Attr{}
		}
		return a
	}}))
	app := newLoggedApp(middleware.LoggerOptions{Slog: sl}, middleware.RequestID())
	for _, target := range []string{"/hello", "/teapot", "/panic"} {
		r := httptest.NewRequest("GET", target, nil)
		r.RemoteAddr = "192.0.2.1:5"
		r.Header.Set("User-Agent", "evil\nlevel=ERROR msg=forged")
		r.Header.Set("X-Request-Id", "id-1")
		app.ServeHTTP(httptest.NewRecorder(), r)
	}
	want := `{"level":"INFO","msg":"request","method":"GET","url":"/hello","status":200,"bytes":5,"remote_addr":"192.0.2.1","user_agent":"evil\nlevel=ERROR msg=forged","referrer":"","id":"id-1"}
{"level":"WARN","msg":"request","method":"GET","url":"/teapot","status":418,"bytes":132,"remote_addr":"192.0.2.1","user_agent":"evil\nlevel=ERROR msg=forged","referrer":"","id":"id-1"}
{"level":"ERROR","msg":"request","method":"GET","url":"/panic","status":500,"bytes":148,"remote_addr":"192.0.2.1","user_agent":"evil\nlevel=ERROR msg=forged","referrer":"","id":"id-1"}
`
	assert.Equal(t, want, buf.String())
}

func TestLoggerSkip(t *testing.T) {
	var buf bytes.Buffer
	app := newLoggedApp(middleware.LoggerOptions{Format: ":url :status", Output: &buf,
		Skip: func(r *http.Request, status int) bool { return status < 400 }})
	for _, target := range []string{"/hello", "/teapot", "/missing"} {
		app.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", target, nil))
	}
	assert.Equal(t, "/teapot 418\n/missing 404\n", buf.String())
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestLoggerReportsAFailedWrite(t *testing.T) {
	var logged bytes.Buffer
	app := expresso.New(expresso.Config{Env: "production", Logger: slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		}}))})
	app.Use(middleware.Logger(middleware.LoggerOptions{Output: failingWriter{}}))
	app.Get("/", func(c *expresso.Context) error { return c.Send("x") })
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	assert.Equal(t, 200, rec.Code)
	assert.Equal(t, "level=ERROR msg=\"middleware: Logger could not write its line\" err=\"disk full\"\n", logged.String())
}

func TestLoggerSetupPanics(t *testing.T) {
	sl := slog.New(slog.DiscardHandler)
	tests := []struct {
		name string
		opts middleware.LoggerOptions
		want string
	}{
		{"an unknown token", middleware.LoggerOptions{Format: ":method :nope"}, "middleware: LoggerOptions.Format: unknown token :nope"},
		{"a header token without a name", middleware.LoggerOptions{Format: ":req"}, "middleware: LoggerOptions.Format: :req needs a header name, as :req[user-agent]"},
		{"an unterminated argument", middleware.LoggerOptions{Format: ":req[x"}, "middleware: LoggerOptions.Format: unterminated argument of :req"},
		{"a bad date format", middleware.LoggerOptions{Format: ":date[unix]"}, "middleware: LoggerOptions.Format: :date[unix]: the format must be clf, iso or web"},
		{"bad digits", middleware.LoggerOptions{Format: ":response-time[x]"}, "middleware: LoggerOptions.Format: :response-time[x]: digits must be 0 to 9"},
		{"an argument to a plain token", middleware.LoggerOptions{Format: ":status[x]"}, "middleware: LoggerOptions.Format: :status takes no argument"},
		{"Format with Slog", middleware.LoggerOptions{Format: "dev", Slog: sl}, "middleware: LoggerOptions: Format and Slog are exclusive"},
		{"Output with Slog", middleware.LoggerOptions{Output: &bytes.Buffer{}, Slog: sl}, "middleware: LoggerOptions: Output and Slog are exclusive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.PanicsWithValue(t, tt.want, func() { middleware.Logger(tt.opts) })
		})
	}
}

func TestLoggerDateFormats(t *testing.T) {
	tests := []struct{ arg, layout string }{
		{"clf", "02/Jan/2006:15:04:05 -0700"},
		{"iso", "2006-01-02T15:04:05.000Z07:00"},
		{"web", http.TimeFormat},
		{"", http.TimeFormat},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			var buf bytes.Buffer
			format := ":date"
			if tt.arg != "" {
				format += "[" + tt.arg + "]"
			}
			h := middleware.Logger(middleware.LoggerOptions{Format: format, Output: &buf})(http.NotFoundHandler())
			before := time.Now().Add(-time.Second)
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
			got, err := time.Parse(tt.layout, strings.TrimSuffix(buf.String(), "\n"))
			require.NoError(t, err)
			assert.WithinDuration(t, before, got, 3*time.Second)
		})
	}
}

func TestLoggerAfterAWrappingMiddlewareLogsWhatTheClientGot(t *testing.T) {
	var buf bytes.Buffer
	app := expresso.New(expresso.Config{Env: "production", Logger: slog.New(slog.DiscardHandler)})
	app.Use(middleware.Compress(middleware.CompressOptions{MinSize: -1}))
	app.Use(middleware.Logger(middleware.LoggerOptions{Format: ":status :bytes :res[content-encoding]", Output: &buf}))
	app.Get("/teapot", func(c *expresso.Context) error { return expresso.NewHTTPError(418, "short") })
	app.Get("/text", func(c *expresso.Context) error { return c.Send(strings.Repeat("z", 500)) })
	for _, target := range []string{"/teapot", "/text"} {
		r := httptest.NewRequest("GET", target, nil)
		r.Header.Set("Accept", "text/plain")
		r.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, r)
		if target == "/text" {
			assert.Equal(t, "418 5 -\n200 "+strconv.Itoa(rec.Body.Len())+" gzip\n", buf.String())
			assert.Less(t, rec.Body.Len(), 100, "the compressed size is logged, not the 500 bytes sent by the handler")
		}
	}
}
