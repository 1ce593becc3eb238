package expresso

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The signal path: run shuts down within Config.ShutdownTimeout when its
// signal context ends, and every handler's context is cancelled before it
// returns.
func TestRunShouldCancelHandlersBeforeReturningAfterASignal(t *testing.T) {
	t.Parallel()
	app := New(Config{Env: "production", ShutdownTimeout: 400 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	started := make(chan struct{}, 2)
	cancelled := make(chan time.Time, 2)
	app.Get("/watch", func(c *Context) error {
		started <- struct{}{}
		select {
		case <-c.Request().Context().Done():
			cancelled <- time.Now()
			return c.Request().Context().Err()
		case <-time.After(5 * time.Second):
			return c.Send("never cancelled")
		}
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s := app.newServer(l, false)
	sig, signal := context.WithCancel(context.Background())
	returned := make(chan error, 1)
	go func() {
		returned <- s.run(sig, func(hs *http.Server, l net.Listener) error { return hs.Serve(l) })
	}()
	for range 2 {
		conn, err := net.Dial("tcp", l.Addr().String())
		require.NoError(t, err)
		defer conn.Close()
		_, err = conn.Write([]byte("GET /watch HTTP/1.1\r\nHost: x\r\n\r\n"))
		require.NoError(t, err)
		<-started
	}

	begun := time.Now()
	signal()
	var err2 error
	select {
	case err2 = <-returned:
	case <-time.After(5 * time.Second):
		require.FailNow(t, "run did not return")
	}
	end := time.Now()
	assert.ErrorIs(t, err2, context.DeadlineExceeded)
	assert.Less(t, end.Sub(begun), 450*time.Millisecond, "run must return within ShutdownTimeout")
	require.Len(t, cancelled, 2, "every handler's context is cancelled before run returns")
	for range 2 {
		at := <-cancelled
		assert.True(t, at.Before(end))
		assert.Greater(t, at.Sub(begun), 300*time.Millisecond, "contexts are cancelled near the deadline, not at once")
	}
}
