package middleware_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/expresso-go/expresso/middleware"
)

// FuzzLoggerEscapes checks that no request value can put a control byte,
// a C1 control, a quote or invalid UTF-8 into a log line.
func FuzzLoggerEscapes(f *testing.F) {
	for _, s := range []string{"curl/8", "a\r\nb", `"quoted"`, "\x1b[31m", "\u009b", "\xff\xfe", "caf\u00e9 \\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, ua string) {
		var buf bytes.Buffer
		h := middleware.Logger(middleware.LoggerOptions{Format: `":user-agent" :req[x-v]`, Output: &buf})(http.NotFoundHandler())
		r := httptest.NewRequest("GET", "/", nil)
		r.Header["User-Agent"] = []string{ua}
		r.Header["X-V"] = []string{ua}
		h.ServeHTTP(httptest.NewRecorder(), r)
		line := strings.TrimSuffix(buf.String(), "\n")
		if !utf8.ValidString(line) {
			t.Fatalf("invalid UTF-8 in %q", line)
		}
		inner := line[1:strings.LastIndex(line, `"`)]
		for _, r := range inner {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == '"' {
				t.Fatalf("unescaped %U in %q", r, line)
			}
		}
		if strings.ContainsAny(line, "\r\n") {
			t.Fatalf("line break in %q", line)
		}
	})
}

// corsPatternHost is what https://*.trusted.org may match: labels, then
// the suffix.
var corsPatternHost = regexp.MustCompile(`^https://([a-z0-9_]([a-z0-9_-]*[a-z0-9_])?\.)+trusted\.org$`)

// FuzzCORSOrigins checks that an allowed origin is the listed one or a
// true subdomain of the pattern's domain, nothing else.
func FuzzCORSOrigins(f *testing.F) {
	for _, s := range hostileOrigins {
		f.Add(s)
	}
	f.Add("https://a.trusted.org")
	f.Add("https://app.example.com")
	h := middleware.CORS(middleware.CORSOptions{AllowOrigins: []string{"https://app.example.com", "https://*.trusted.org"}})(http.NotFoundHandler())
	f.Fuzz(func(t *testing.T, origin string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header["Origin"] = []string{origin}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		got := rec.Header().Get("Access-Control-Allow-Origin")
		if got == "" {
			return
		}
		if got != origin || origin != "https://app.example.com" && !corsPatternHost.MatchString(origin) {
			t.Fatalf("origin %q allowed as %q", origin, got)
		}
	})
}
