package expresso_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// sfBigFile writes a file of n bytes of a repeating pattern.
func sfBigFile(t *testing.T, n int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "big.bin")
	pattern := []byte("0123456789abcdef")
	f, err := os.Create(p)
	require.NoError(t, err)
	buf := make([]byte, 64<<10)
	for i := range buf {
		buf[i] = pattern[i%len(pattern)]
	}
	for written := 0; written < n; written += len(buf) {
		_, err = f.Write(buf[:min(len(buf), n-written)])
		require.NoError(t, err)
	}
	require.NoError(t, f.Close())
	return p
}

func TestSendFileWire(t *testing.T) {
	t.Parallel()
	p := sfBigFile(t, 1<<20+7)
	app := expresso.New()
	app.Get("/", func(c *expresso.Context) error { return c.SendFile(p) })
	srv := httptest.NewServer(app)
	defer srv.Close()
	req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
	require.NoError(t, err)
	req.Header.Set("Range", "bytes=100-")
	res, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	want, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, http.StatusPartialContent, res.StatusCode)
	assert.Equal(t, "bytes 100-1048582/1048583", res.Header.Get("Content-Range"))
	assert.Equal(t, "1048483", res.Header.Get("Content-Length"))
	assert.Equal(t, len(want)-100, len(body))
	assert.True(t, string(want[100:]) == string(body), "the range's bytes")
}

func TestSendFileClientGone(t *testing.T) {
	t.Parallel()
	p := sfBigFile(t, 64<<20)
	app, logs := gwApp(expresso.Config{})
	result := make(chan error, 1)
	app.Get("/", func(c *expresso.Context) error {
		err := c.SendFile(p)
		result <- err
		return err
	})
	srv := httptest.NewServer(app)
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	_, err = io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	require.NoError(t, err)
	status, err := bufio.NewReader(conn).ReadString('\n')
	require.NoError(t, err)
	assert.Equal(t, "HTTP/1.1 200 OK\r\n", status)
	require.NoError(t, conn.(*net.TCPConn).SetLinger(0)) // a reset, not a graceful close
	require.NoError(t, conn.Close())
	select {
	case err := <-result:
		assert.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("SendFile did not return after the client went away")
	}
	srv.Close()
	assert.Empty(t, logs.records(t))
}
