package expresso_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// brServer serves an app whose POST / echoes its body's length after
// sleeping for pause, on a real listener.
func brServer(t *testing.T, cfg expresso.Config, pause time.Duration) *httptest.Server {
	t.Helper()
	app, _ := rsApp(cfg)
	app.Post("/", func(c *expresso.Context) error {
		b, err := c.Body()
		if err != nil {
			return err
		}
		time.Sleep(pause)
		if err := c.Request().Context().Err(); err != nil {
			return err
		}
		return c.Send("got " + string(b))
	})
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	return srv
}

func TestBodyShouldCutATrickleAfterTheGracePeriod(t *testing.T) {
	t.Parallel()
	srv := brServer(t, expresso.Config{BodyMinRate: 1000, BodyMinRateGrace: 300 * time.Millisecond}, 0)
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, "POST / HTTP/1.1\r\nHost: x\r\nAccept: text/plain\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n")
	require.NoError(t, err)
	start := time.Now()
	go func() { // a byte every 200 ms, as slowloris does
		for range 100 {
			if _, err := conn.Write([]byte("x")); err != nil {
				return
			}
			time.Sleep(200 * time.Millisecond)
		}
	}()
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(10*time.Second)))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, 408, res.StatusCode)
	assert.Equal(t, http.Header{
		"Content-Type":            {"text/plain; charset=utf-8"},
		"Content-Security-Policy": {"default-src 'none'"},
		"X-Content-Type-Options":  {"nosniff"},
		"Content-Length":          {"31"},
		"Date":                    res.Header["Date"],
	}, res.Header)
	assert.Equal(t, "request body arrived too slowly", string(body))
	assert.True(t, res.Close, "the connection must close")
}

func TestBodyShouldLiftTheRateDeadlineOnceRead(t *testing.T) {
	t.Parallel()
	// The handler outlives the grace period after reading its body: the
	// request must not be cancelled, and the connection stays usable.
	srv := brServer(t, expresso.Config{BodyMinRate: 1000, BodyMinRateGrace: 100 * time.Millisecond}, 400*time.Millisecond)
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	br := bufio.NewReader(conn)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(10*time.Second)))
	for _, want := range []string{"got hello", "got again"} {
		body := strings.TrimPrefix(want, "got ")
		_, err = io.WriteString(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: "+
			strconv.Itoa(len(body))+"\r\n\r\n"+body)
		require.NoError(t, err)
		res, err := http.ReadResponse(br, nil)
		require.NoError(t, err)
		b, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		assert.Equal(t, 200, res.StatusCode)
		assert.Equal(t, want, string(b))
		assert.False(t, res.Close)
	}
}

// brSlow yields one byte per tick.
type brSlow struct {
	n    int
	tick time.Duration
}

func (s *brSlow) Read(p []byte) (int, error) {
	if s.n == 0 {
		return 0, io.EOF
	}
	time.Sleep(s.tick)
	s.n--
	p[0] = 'x'
	return 1, nil
}

func TestBodyShouldCheckTheRateWithoutADeadline(t *testing.T) {
	t.Parallel()
	// app.Test's recorder cannot set a read deadline: the rate is checked
	// as each read returns.
	r := httptest.NewRequest(http.MethodPost, "/", &brSlow{n: 50, tick: 20 * time.Millisecond})
	r.ContentLength = 50
	r.Header.Set("Content-Type", "text/plain")
	bdFailsWith(t, expresso.Config{BodyMinRate: 1000, BodyMinRateGrace: 100 * time.Millisecond}, r, bdBody,
		408, "request body arrived too slowly", http.Header{"Connection": {"close"}})
}

func TestBodyShouldNotLimitTheRateWhenNegative(t *testing.T) {
	t.Parallel()
	r := httptest.NewRequest(http.MethodPost, "/", &brSlow{n: 10, tick: 20 * time.Millisecond})
	r.ContentLength = 10
	got := rqValue(t, expresso.Config{BodyMinRate: -1, BodyMinRateGrace: time.Millisecond}, r, func(c *expresso.Context) int {
		b, err := c.Body()
		require.NoError(t, err)
		return len(b)
	})
	assert.Equal(t, 10, got)
}
