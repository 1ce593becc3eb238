package middleware_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/expresso-go/expresso/middleware"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWrappedWritersStillHijack checks that the writers Logger, RecoverHTTP
// and Compress pass on satisfy http.Hijacker, as WebSocket libraries
// assert.
func TestWrappedWritersStillHijack(t *testing.T) {
	logged := make(chan string, 1)
	hijacker := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hj, ok := w.(http.Hijacker)
		require.True(t, ok)
		conn, rw, err := hj.Hijack()
		require.NoError(t, err)
		defer conn.Close()
		_, _ = rw.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi")
		_ = rw.Flush()
	})
	h := middleware.Logger(middleware.LoggerOptions{Format: ":status :bytes", Output: chanWriter(logged)})(
		middleware.RecoverHTTP(middleware.RecoverOptions{Logger: slog.New(slog.DiscardHandler)})(
			middleware.Compress(middleware.CompressOptions{})(hijacker)))
	srv := httptest.NewServer(h)
	defer srv.Close()
	res, err := http.Get(srv.URL)
	require.NoError(t, err)
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 200, res.StatusCode)
	assert.Equal(t, "hi", string(body))
	assert.Equal(t, "101 -\n", <-logged) // written once the handler returned
}

// chanWriter sends each write, as a string, on its channel.
type chanWriter chan string

func (cw chanWriter) Write(p []byte) (int, error) {
	cw <- string(p)
	return len(p), nil
}
