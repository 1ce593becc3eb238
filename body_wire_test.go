package expresso_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// TestBodyShouldAnswer413WithoutWaitingForTheRest sends the head of a
// body over the limit and then nothing: the 413 must come at once, and
// the connection must close, rather than wait for bytes the server will
// never use.
func TestBodyShouldAnswer413WithoutWaitingForTheRest(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, head string }{
		{name: "chunked", head: "Transfer-Encoding: chunked\r\n\r\n14\r\n01234567890123456789\r\n"},
		{name: "declared length", head: "Content-Length: 1000\r\n\r\n0123"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := brServer(t, expresso.Config{BodyLimit: 10}, 0)
			conn, err := net.Dial("tcp", srv.Listener.Addr().String())
			require.NoError(t, err)
			defer conn.Close()
			_, err = io.WriteString(conn, "POST / HTTP/1.1\r\nHost: x\r\nAccept: text/plain\r\nContent-Type: text/plain\r\n"+tc.head)
			require.NoError(t, err)
			start := time.Now()
			require.NoError(t, conn.SetReadDeadline(time.Now().Add(10*time.Second)))
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			require.NoError(t, err)
			body, err := io.ReadAll(res.Body)
			require.NoError(t, err)
			assert.Less(t, time.Since(start), 2*time.Second)
			assert.Equal(t, 413, res.StatusCode)
			assert.Equal(t, http.Header{
				"Content-Type":            {"text/plain; charset=utf-8"},
				"Content-Security-Policy": {"default-src 'none'"},
				"X-Content-Type-Options":  {"nosniff"},
				"Content-Length":          {"24"},
				"Date":                    res.Header["Date"],
			}, res.Header)
			assert.Equal(t, "request entity too large", string(body))
			assert.True(t, res.Close, "the connection must close")
		})
	}
}
