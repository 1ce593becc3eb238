package expresso_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// Helpers shared by the cookie, format, request, app and context tests
// (prefix rs).

// rsHeader returns the header as a client receives it: without the nil
// Content-Type entry the guarded writer leaves to stop net/http sniffing.
func rsHeader(h http.Header) http.Header {
	out := http.Header{}
	for k, vs := range h {
		if len(vs) > 0 {
			out[k] = vs
		}
	}
	return out
}

// rsBody reads and closes the response body.
func rsBody(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.NoError(t, res.Body.Close())
	return string(b)
}

// rsDo serves r with app and returns the response and its body.
func rsDo(t *testing.T, app *expresso.App, r *http.Request) (*http.Response, string) {
	t.Helper()
	res := app.Test(r)
	return res, rsBody(t, res)
}

// rsFinalHTML is finalhandler 2.x's error document for msg.
func rsFinalHTML(msg string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")
	m := r.Replace(msg)
	m = strings.ReplaceAll(m, "\n", "<br>")
	m = strings.ReplaceAll(m, "  ", " &nbsp;")
	return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>" +
		m + "</pre>\n</body>\n</html>\n"
}

// rsLogs is a concurrency-safe log sink for Config.Logger.
type rsLogs struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *rsLogs) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *rsLogs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// rsApp returns an App whose logs go to the returned sink instead of the
// test output.
func rsApp(cfg expresso.Config) (*expresso.App, *rsLogs) {
	logs := &rsLogs{}
	cfg.Logger = slog.New(slog.NewTextHandler(logs, nil))
	return expresso.New(cfg), logs
}
