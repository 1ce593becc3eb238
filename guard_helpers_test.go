package expresso_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// gwHere returns "file.go:line" of its caller, the form refusals use to
// point at the call that committed a response.
func gwHere() string {
	_, file, line, _ := runtime.Caller(1)
	return filepath.Base(file) + ":" + strconv.Itoa(line)
}

// gwAt runs f and returns "file.go:line" of the line that calls gwAt: a
// call inside a one-line f is reported by refusals at that line.
func gwAt(f func()) string {
	_, file, line, _ := runtime.Caller(1)
	f()
	return filepath.Base(file) + ":" + strconv.Itoa(line)
}

// gwErr keeps the error of a Write-like call.
func gwErr(_ int, err error) error { return err }

// gwLogs collects an App's log records; handlers log from the server's
// goroutines, so it locks.
type gwLogs struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *gwLogs) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// records returns the JSON log records written so far.
func (l *gwLogs) records(t *testing.T) []map[string]any {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	for _, line := range bytes.Split(bytes.TrimSpace(l.buf.Bytes()), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var rec map[string]any
		require.NoError(t, json.Unmarshal(line, &rec), string(line))
		out = append(out, rec)
	}
	return out
}

// gwApp returns an App whose Logger writes JSON records to the returned
// gwLogs.
func gwApp(cfg expresso.Config) (*expresso.App, *gwLogs) {
	logs := &gwLogs{}
	cfg.Logger = slog.New(slog.NewJSONHandler(logs, nil))
	return expresso.New(cfg), logs
}

// gwWire serves r through a real server and returns the raw response
// bytes, without the Date header (the only line that may differ between
// two servers).
func gwWire(t *testing.T, h http.Handler, r *http.Request) string {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	r.Close = true
	require.NoError(t, r.Write(conn))
	raw, err := io.ReadAll(conn)
	require.NoError(t, err)
	var b strings.Builder
	for _, line := range strings.SplitAfter(string(raw), "\r\n") {
		if !strings.HasPrefix(line, "Date: ") {
			b.WriteString(line)
		}
	}
	return b.String()
}

// gwResponse is a parsed raw response.
type gwResponse struct {
	status int
	header http.Header
	body   string
}

// gwParse parses a raw response as a client would.
func gwParse(t *testing.T, raw string) gwResponse {
	t.Helper()
	res, err := http.ReadResponse(bufio.NewReader(strings.NewReader(raw)), nil)
	require.NoError(t, err, raw)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err, raw)
	return gwResponse{status: res.StatusCode, header: res.Header, body: string(body)}
}

// gwBody reads and closes res.Body.
func gwBody(t *testing.T, res *http.Response) string {
	t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return string(b)
}
