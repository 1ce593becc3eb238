package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServeOverTCPAndShutDown serves the app on a loopback socket, as
// main does with Listen: a real client gets the stylesheet compressed
// (and transparently decompressed), the access log has the line, and
// after Shutdown, Serve returns nil, so main's
// `if err := app.Listen(addr); err != nil { log.Fatal(err) }` exits 0.
func TestServeOverTCPAndShutDown(t *testing.T) {
	app, _, logged := testApp(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	served := make(chan error, 1)
	go func() { served <- app.Serve(l) }()

	client := &http.Client{Transport: &http.Transport{}, Timeout: 5 * time.Second}
	res, err := client.Get("http://" + l.Addr().String() + "/static/style.css")
	require.NoError(t, err)
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.NoError(t, res.Body.Close())
	css, err := os.ReadFile("public/style.css")
	require.NoError(t, err)
	assert.Equal(t, 200, res.StatusCode)
	assert.True(t, res.Uncompressed, "sent gzip, decompressed by the client")
	assert.Equal(t, "text/css; charset=utf-8", res.Header.Get("Content-Type"))
	assert.Equal(t, string(css), string(body))

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	require.NoError(t, app.Shutdown(ctx))
	select {
	case err := <-served:
		assert.NoError(t, err, "Serve returns nil after a graceful shutdown")
	case <-ctx.Done():
		t.Fatal("Serve did not return after Shutdown")
	}
	assert.Regexp(t, `^[0-9a-f-]{36} GET /static/style.css 200 [0-9]+\n$`, logged.String())
}
