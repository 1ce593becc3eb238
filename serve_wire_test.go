package expresso_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// serveOn starts app.Serve on a fresh loopback listener and returns its
// address; the server is shut down when the test ends.
func serveOn(t *testing.T, app *expresso.App) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	served := make(chan error, 1)
	go func() { served <- app.Serve(l) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), lcWait)
		defer cancel()
		_ = app.Shutdown(ctx)
		<-served
	})
	return l.Addr().String()
}

// wireResponse is one response read off a raw connection.
type wireResponse struct {
	status int
	header http.Header
	close  bool // "Connection: close", which ReadResponse removes from header
	body   string
}

// readResponses reads responses from conn until it is closed, and reports
// whether the server closed it (rather than the read deadline ending).
func readResponses(t *testing.T, conn net.Conn, deadline time.Duration) ([]wireResponse, bool) {
	t.Helper()
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(deadline)))
	br := bufio.NewReader(conn)
	var out []wireResponse
	for {
		res, err := http.ReadResponse(br, nil)
		if err != nil {
			return out, !errors.Is(err, os.ErrDeadlineExceeded)
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		out = append(out, wireResponse{res.StatusCode, res.Header, res.Close, string(b)})
		if err != nil {
			return out, !errors.Is(err, os.ErrDeadlineExceeded)
		}
	}
}

func TestServeShouldRefuseAmbiguousRequestFraming(t *testing.T) {
	t.Parallel()
	const smuggled = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"
	chunkedBody := "0\r\n\r\n" + smuggled
	cases := []struct {
		name   string
		given  string
		expect []int // statuses, in order
		closed bool  // the server closes the connection after them
	}{
		{
			name: "should answer 400 and close when Content-Length and Transfer-Encoding are both sent",
			given: "POST /first HTTP/1.1\r\nHost: x\r\nContent-Length: " + strconv.Itoa(len(chunkedBody)) + "\r\nTransfer-Encoding: chunked\r\n\r\n" +
				chunkedBody,
			expect: []int{http.StatusBadRequest},
			closed: true,
		},
		{
			name: "should match the header names in any case",
			given: "POST /first HTTP/1.1\r\nHost: x\r\ntransfer-encoding: chunked\r\ncontent-length: " + strconv.Itoa(len(chunkedBody)) + "\r\n\r\n" +
				chunkedBody,
			expect: []int{http.StatusBadRequest},
			closed: true,
		},
		{
			name: "should refuse the ambiguous request even after a clean one on the same connection",
			given: "GET /first HTTP/1.1\r\nHost: x\r\n\r\n" +
				"POST /first HTTP/1.1\r\nHost: x\r\nContent-Length: " + strconv.Itoa(len(chunkedBody)) + "\r\nTransfer-Encoding: chunked\r\n\r\n" +
				chunkedBody,
			expect: []int{http.StatusOK, http.StatusBadRequest},
			closed: true,
		},
		{
			name: "should answer 400 and close an HTTP/1.0 request with Transfer-Encoding",
			given: "POST /first HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\nContent-Length: " + strconv.Itoa(len(chunkedBody)) + "\r\n\r\n" +
				chunkedBody,
			expect: []int{http.StatusBadRequest},
			closed: true,
		},
		{
			name:   "should keep serving a chunked request without Content-Length",
			given:  "POST /first HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n" + smuggled,
			expect: []int{http.StatusOK, http.StatusOK},
			closed: false,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app, _ := rsApp(expresso.Config{})
			var smuggledHits atomic.Int32
			app.All("/first", func(c *expresso.Context) error { return c.Send("first") })
			app.Get("/smuggled", func(c *expresso.Context) error {
				smuggledHits.Add(1)
				return c.Send("smuggled")
			})
			addr := serveOn(t, app)
			conn, err := net.Dial("tcp", addr)
			require.NoError(t, err)
			defer conn.Close()
			_, err = conn.Write([]byte(tc.given))
			require.NoError(t, err)

			got, closed := readResponses(t, conn, 2*time.Second)
			statuses := make([]int, len(got))
			for i, r := range got {
				statuses[i] = r.status
			}
			assert.Equal(t, tc.expect, statuses)
			assert.Equal(t, tc.closed, closed, "whether the server closed the connection")
			if tc.closed {
				require.NotEmpty(t, got)
				last := got[len(got)-1]
				assert.True(t, last.close, "Connection: close")
				assert.Equal(t, "text/plain; charset=utf-8", last.header.Get("Content-Type"))
				assert.Equal(t, "400 Bad Request", last.body)
				assert.Equal(t, int32(0), smuggledHits.Load(), "the smuggled request must never run")
			}
		})
	}
}

func TestServeShouldCapRequestHeadersAt64KiBByDefault(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{})
	app.Get("/", func(c *expresso.Context) error { return c.Send("ok") })
	addr := serveOn(t, app)
	cases := []struct {
		name   string
		given  int // bytes of one header value
		expect int
	}{
		{"should serve 60 KiB of headers", 60 << 10, http.StatusOK},
		{"should answer 431 to 100 KiB of headers", 100 << 10, http.StatusRequestHeaderFieldsTooLarge},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			require.NoError(t, err)
			defer conn.Close()
			_, err = conn.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("x", tc.given) + "\r\n\r\n"))
			require.NoError(t, err)
			require.NoError(t, conn.SetReadDeadline(time.Now().Add(lcWait)))
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			require.NoError(t, err)
			res.Body.Close()
			assert.Equal(t, tc.expect, res.StatusCode)
		})
	}
}

func TestServeShouldHoldNewConnectionsBackAtMaxConns(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{MaxConns: 1})
	app.Get("/", func(c *expresso.Context) error { return c.Send("ok") })
	addr := serveOn(t, app)
	get := []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")

	first, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer first.Close()
	_, err = first.Write(get)
	require.NoError(t, err)
	require.NoError(t, first.SetReadDeadline(time.Now().Add(lcWait)))
	res, err := http.ReadResponse(bufio.NewReader(first), nil)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)

	// The second connection waits in the backlog while the first is open.
	second, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer second.Close()
	_, err = second.Write(get)
	require.NoError(t, err)
	secondR := bufio.NewReader(second)
	require.NoError(t, second.SetReadDeadline(time.Now().Add(200*time.Millisecond)))
	_, err = http.ReadResponse(secondR, nil)
	require.ErrorIs(t, err, os.ErrDeadlineExceeded, "the second connection was served while the first was open")

	require.NoError(t, first.Close())
	require.NoError(t, second.SetReadDeadline(time.Now().Add(lcWait)))
	res, err = http.ReadResponse(secondR, nil)
	require.NoError(t, err)
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "ok", string(b))
}

func TestServeShouldPanicOnANegativeLimit(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		given  expresso.Config
		expect string
	}{
		{"should name MaxConns", expresso.Config{MaxConns: -1}, "expresso: Config.MaxConns is negative; zero means no cap"},
		{"should name MaxHeaderBytes", expresso.Config{MaxHeaderBytes: -1}, "expresso: Config.MaxHeaderBytes is negative; zero means 64 KiB"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app, _ := rsApp(tc.given)
			l, err := net.Listen("tcp", "127.0.0.1:0")
			require.NoError(t, err)
			defer l.Close()
			assert.PanicsWithValue(t, tc.expect, func() { _ = app.Serve(l) })
		})
	}
}
