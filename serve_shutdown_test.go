package expresso_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// waitRefused waits until addr refuses new connections.
func waitRefused(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(lcWait)
	for time.Now().Before(deadline) {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			return
		}
		conn.Close()
		time.Sleep(2 * time.Millisecond)
	}
	require.FailNow(t, "the listener still accepts connections")
}

func TestShutdownShouldCancelRequestContextsAtTheDeadline(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{Env: "production"})
	started := make(chan struct{}, 1)
	cancelled := make(chan error, 1)
	app.Get("/watch", func(c *expresso.Context) error {
		started <- struct{}{}
		select {
		case <-c.Request().Context().Done():
			cancelled <- c.Request().Context().Err()
			return c.Request().Context().Err()
		case <-time.After(lcWait):
			return c.Send("never cancelled")
		}
	})
	addr := serveOn(t, app)
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.Write([]byte("GET /watch HTTP/1.1\r\nHost: x\r\n\r\n"))
	require.NoError(t, err)
	lcRecv(t, started, "the request to reach its handler")

	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	begun := time.Now()
	err = app.Shutdown(ctx)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(begun), time.Second, "Shutdown must return at its deadline")
	select {
	case got := <-cancelled:
		assert.ErrorIs(t, got, context.Canceled)
	default:
		assert.Fail(t, "the handler's context was not cancelled before Shutdown returned")
	}
}

func TestShutdownShouldCloseConnectionsWhoseHandlersIgnoreCancellation(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{Env: "production"})
	started, release := make(chan struct{}, 1), make(chan struct{})
	defer close(release)
	app.Get("/stuck", func(c *expresso.Context) error {
		started <- struct{}{}
		<-release
		return c.Send("late")
	})
	addr := serveOn(t, app)
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.Write([]byte("GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n"))
	require.NoError(t, err)
	lcRecv(t, started, "the request to reach its handler")

	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	assert.ErrorIs(t, app.Shutdown(ctx), context.DeadlineExceeded)
	// The connection is closed by the time Shutdown returns: the client
	// sees the end of the stream at once, not the read deadline.
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(time.Second)))
	b, err := io.ReadAll(conn)
	assert.NoError(t, err, "the server must have closed the connection")
	assert.Empty(t, string(b))
}

func TestShutdownShouldAnswerARequestSentOnAnIdleConnection(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{Env: "production"})
	started, release := make(chan struct{}, 1), make(chan struct{})
	app.Get("/slow", func(c *expresso.Context) error {
		started <- struct{}{}
		<-release
		return c.Send("slow")
	})
	app.Get("/fast", func(c *expresso.Context) error { return c.Send("fast") })
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	served := make(chan error, 1)
	go func() { served <- app.Serve(l) }()

	// busy has a request in flight; idle has been answered once and waits.
	busy, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer busy.Close()
	_, err = busy.Write([]byte("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"))
	require.NoError(t, err)
	lcRecv(t, started, "the slow request to reach its handler")
	idle, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer idle.Close()
	idleR := bufio.NewReader(idle)
	_, err = idle.Write([]byte("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"))
	require.NoError(t, err)
	res, err := http.ReadResponse(idleR, nil)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, res.Body)
	require.False(t, res.Close, "before shutdown the connection is kept alive")

	ctx, cancel := context.WithTimeout(context.Background(), lcWait)
	defer cancel()
	shut := make(chan error, 1)
	go func() { shut <- app.Shutdown(ctx) }()
	waitRefused(t, addr)
	require.NoError(t, lcRecv(t, served, "Serve to return"))

	// A request written on the idle connection after shutdown began is
	// answered, and the answer closes the connection.
	_, err = idle.Write([]byte("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"))
	require.NoError(t, err)
	require.NoError(t, idle.SetReadDeadline(time.Now().Add(lcWait)))
	res, err = http.ReadResponse(idleR, nil)
	require.NoError(t, err, "the request on the idle connection was lost")
	b, _ := io.ReadAll(res.Body)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.True(t, res.Close, "Connection: close")
	assert.Equal(t, "fast", string(b))
	rest, err := io.ReadAll(idleR)
	assert.NoError(t, err)
	assert.Empty(t, string(rest))

	// The busy connection's response was under way before shutdown: it
	// keeps the connection open for one more request, which is answered
	// and closes it. Shutdown returns once that is sent.
	close(release)
	busyR := bufio.NewReader(busy)
	require.NoError(t, busy.SetReadDeadline(time.Now().Add(lcWait)))
	res, err = http.ReadResponse(busyR, nil)
	require.NoError(t, err)
	b, _ = io.ReadAll(res.Body)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.False(t, res.Close, "a response begun before shutdown keeps the connection")
	assert.Equal(t, "slow", string(b))
	_, err = busy.Write([]byte("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"))
	require.NoError(t, err)
	res, err = http.ReadResponse(busyR, nil)
	require.NoError(t, err, "the request on the busy connection was lost")
	b, _ = io.ReadAll(res.Body)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.True(t, res.Close, "Connection: close")
	assert.Equal(t, "fast", string(b))
	assert.NoError(t, lcRecv(t, shut, "Shutdown to return"))
}
