package expresso

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lockedBuffer is a log sink safe for the summary's timer goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestPanicLogShouldSummarizeTheRestWhenTheWindowEnds(t *testing.T) {
	t.Parallel()
	logs := &lockedBuffer{}
	app := New(Config{Env: "production", Logger: slog.New(slog.NewTextHandler(logs, nil))})
	app.panics.window = 100 * time.Millisecond
	app.Get("/p", func(c *Context) error { panic("boom") })
	for range 12 {
		assert.Equal(t, 500, app.Test(httptest.NewRequest("GET", "/p", nil)).StatusCode)
	}
	assert.Equal(t, 5, strings.Count(logs.String(), "stack="))
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), "more panics") }, 2*time.Second, 10*time.Millisecond)
	out := logs.String()
	assert.Regexp(t, `msg="expresso: 7 more panics at [^ ]*/panics_internal_test.go:\d+ in the last 100ms" site=[^ ]*panics_internal_test.go:\d+ count=7`, out)
	assert.Equal(t, 1, strings.Count(out, "more panics"), out)

	// A new window logs full stacks again.
	assert.Equal(t, 500, app.Test(httptest.NewRequest("GET", "/p", nil)).StatusCode)
	assert.Equal(t, 6, strings.Count(logs.String(), "stack="))
}

func TestPanicCallSiteShouldNameTheFrameThatPanicked(t *testing.T) {
	t.Parallel()
	capture := func(f func()) (stack []byte) {
		defer func() {
			_ = recover()
			stack = debug.Stack()
		}()
		f()
		return nil
	}
	var m map[string]int
	var s []int
	cases := []struct {
		name  string
		given func()
		line  string // the source text of the panicking line
	}{
		{"should name an explicit panic", func() { panic("x") }, `panic("x")`},
		{"should skip the runtime frames of an index out of range", func() { _ = s[3] }, `_ = s[3]`},
		{"should skip the runtime frames of a nil map write", func() { m["a"] = 1 }, `m["a"] = 1`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			site := panicCallSite(capture(tc.given))
			require.Contains(t, site, "panics_internal_test.go:")
			var line int
			_, err := fmt.Sscanf(site[strings.LastIndexByte(site, ':')+1:], "%d", &line)
			require.NoError(t, err)
			assert.Contains(t, sourceLine(t, line), tc.line)
		})
	}
	assert.Equal(t, "(unknown call site)", panicCallSite([]byte("goroutine 1 [running]:\nmain.main()\n")))
}

// sourceLine returns line n of this file.
func sourceLine(t *testing.T, n int) string {
	t.Helper()
	b, err := os.ReadFile("panics_internal_test.go")
	require.NoError(t, err)
	lines := strings.Split(string(b), "\n")
	require.Less(t, n-1, len(lines))
	return lines[n-1]
}

func TestPanicLogFlushShouldLogThePendingSummaries(t *testing.T) {
	t.Parallel()
	logs := &lockedBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	var pl panicLog
	stack := []byte("goroutine 1 [running]:\npanic({0x1, 0x2})\n\t/go/src/runtime/panic.go:1 +0x1\nmain.h()\n\t/app/main.go:12 +0x2\n")
	for range 8 {
		pl.admit(log, stack)
	}
	pl.flush(log)
	assert.Regexp(t, `msg="expresso: 3 more panics at /app/main.go:12 in the last [0-9.]+[µnm]?s" site=/app/main.go:12 count=3\n$`, logs.String())
	pl.flush(log)
	assert.Equal(t, 1, strings.Count(logs.String(), "more panics"), "a summary is logged once")
}
