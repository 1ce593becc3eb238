package expresso_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// lcWait is how long a lifecycle test waits for something that should
// happen at once; it only bounds a failing test.
const lcWait = 5 * time.Second

func lcRecv[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(lcWait):
		require.FailNow(t, "timed out waiting for "+what)
		panic("unreachable")
	}
}

func TestShutdownShouldDrainAnInFlightRequest(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{})
	started, release := make(chan struct{}), make(chan struct{})
	app.Get("/slow", func(c *expresso.Context) error {
		close(started)
		<-release
		return c.Send("done")
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	served := make(chan error, 1)
	go func() { served <- app.Serve(l) }()

	type result struct {
		status int
		body   string
		err    error
	}
	got := make(chan result, 1)
	client := &http.Client{Transport: &http.Transport{}}
	go func() {
		res, err := client.Get("http://" + addr + "/slow")
		if err != nil {
			got <- result{err: err}
			return
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		got <- result{res.StatusCode, string(b), err}
	}()
	lcRecv(t, started, "the request to reach its handler")

	ctx, cancel := context.WithTimeout(context.Background(), lcWait)
	defer cancel()
	shut := make(chan error, 1)
	go func() { shut <- app.Shutdown(ctx) }()

	// Serve returns as soon as shutdown begins, and the listener is closed.
	require.NoError(t, lcRecv(t, served, "Serve to return"))
	if conn, err := net.Dial("tcp", addr); err == nil {
		conn.Close()
		assert.Fail(t, "the listener still accepts connections after Shutdown")
	}
	select {
	case err := <-shut:
		require.Fail(t, "Shutdown returned before the in-flight request finished", "err: %v", err)
	default:
	}

	close(release)
	r := lcRecv(t, got, "the in-flight response")
	require.NoError(t, r.err)
	assert.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "done", r.body)
	assert.NoError(t, lcRecv(t, shut, "Shutdown to return"))
}

func TestShutdownShouldReturnTheContextErrorWhenRequestsDoNotFinish(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{})
	started, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	app.Get("/stuck", func(c *expresso.Context) error {
		close(started)
		<-release
		return c.Send("late")
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go func() { _ = app.Serve(l) }()
	client := &http.Client{Transport: &http.Transport{}}
	go func() {
		if res, err := client.Get("http://" + l.Addr().String() + "/stuck"); err == nil {
			res.Body.Close()
		}
	}()
	lcRecv(t, started, "the request to reach its handler")
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	assert.ErrorIs(t, app.Shutdown(ctx), context.DeadlineExceeded)
}

func TestShutdownWithoutServersShouldReturnNil(t *testing.T) {
	t.Parallel()
	assert.NoError(t, expresso.New().Shutdown(context.Background()))
}

func TestListenShouldServeUntilShutdown(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{})
	done := make(chan error, 1)
	go func() { done <- app.Listen("127.0.0.1:0") }()
	// Listen registers its server before serving; retry Shutdown until it
	// has, so the test never depends on timing.
	deadline := time.After(lcWait)
	for {
		require.NoError(t, app.Shutdown(context.Background()))
		select {
		case err := <-done:
			assert.NoError(t, err)
			return
		case <-time.After(5 * time.Millisecond):
		case <-deadline:
			require.FailNow(t, "Listen did not return after Shutdown")
		}
	}
}

func TestListenShouldReturnTheListenError(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	err = expresso.New().Listen(l.Addr().String())
	var opErr *net.OpError
	require.ErrorAs(t, err, &opErr)
	assert.Equal(t, "listen", opErr.Op)
}

func TestListenTLSShouldReturnTheCertificateError(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{})
	err := app.ListenTLS("127.0.0.1:0", "testdata/no-such-cert.pem", "testdata/no-such-key.pem")
	assert.ErrorContains(t, err, "no-such-cert.pem")
}

func TestServeShouldApplyTheConfiguredServerLimits(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{ReadHeaderTimeout: 50 * time.Millisecond, MaxHeaderBytes: 1 << 10})
	app.Get("/", func(c *expresso.Context) error { return c.Send("ok") })
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go func() { _ = app.Serve(l) }()
	t.Cleanup(func() { _ = app.Shutdown(context.Background()) })
	addr := l.Addr().String()

	t.Run("should close a connection whose headers never finish", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer conn.Close()
		_, err = conn.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n"))
		require.NoError(t, err)
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(lcWait)))
		start := time.Now()
		b, err := io.ReadAll(conn)
		require.NoError(t, err, "the server must close the connection, not the test's deadline")
		assert.Less(t, time.Since(start), lcWait)
		assert.Empty(t, string(b))
	})
	t.Run("should answer 431 to headers over MaxHeaderBytes", func(t *testing.T) {
		req, err := http.NewRequest(http.MethodGet, "http://"+addr+"/", nil)
		require.NoError(t, err)
		req.Header.Set("X-Big", strings.Repeat("x", 8<<10))
		res, err := (&http.Client{Transport: &http.Transport{}}).Do(req)
		require.NoError(t, err)
		res.Body.Close()
		assert.Equal(t, http.StatusRequestHeaderFieldsTooLarge, res.StatusCode)
	})
}
