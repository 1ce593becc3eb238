package expresso

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
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

// The cost the framing check adds to every read on a plaintext
// connection, for a wrk-sized request and a browser-sized one.
func BenchmarkHeaderScan(b *testing.B) {
	browser := "GET /users/42?tab=posts HTTP/1.1\r\nHost: example.com\r\n" +
		"User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n" +
		"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n" +
		"Accept-Language: en-US,en;q=0.5\r\nAccept-Encoding: gzip, deflate, br, zstd\r\n" +
		"Referer: https://example.com/users\r\nConnection: keep-alive\r\n" +
		"Cookie: sid=s%3Aabcdefghijklmnopqrstuvwxyz0123456789.abcdefghijklmnopqrstuvwxyz0123456789\r\n" +
		"Upgrade-Insecure-Requests: 1\r\nSec-Fetch-Dest: document\r\nSec-Fetch-Mode: navigate\r\n\r\n"
	for _, bc := range []struct{ name, req string }{
		{"wrk", "GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n"},
		{"browser", browser},
	} {
		b.Run(bc.name, func(b *testing.B) {
			p := []byte(bc.req)
			var h headerScan
			b.ReportAllocs()
			b.SetBytes(int64(len(p)))
			for b.Loop() {
				h.scan(p)
			}
			if h.flags.Load() != 0 {
				b.Fatal("flagged a clean request")
			}
		})
	}
}

// referenceFlags is headerScan's rule written the slow, obvious way: split
// the stream into lines, and a header block into a run of non-empty ones.
func referenceFlags(stream []byte) uint32 {
	var flags uint32
	cl, te := false, false
	lines := bytes.Split(stream, []byte("\n"))
	for _, line := range lines[:len(lines)-1] { // the last one is unfinished
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) == 0 {
			if te {
				flags |= sawTE
				if cl {
					flags |= sawBoth
				}
			}
			cl, te = false, false
			continue
		}
		name, _, ok := bytes.Cut(line, []byte(":"))
		name = bytes.TrimRight(name, " \t")
		if !ok && !bytes.ContainsAny(line, " \t") {
			continue
		}
		if !ok {
			name = line[:bytes.IndexAny(line, " \t")]
		}
		if i := bytes.IndexAny(name, " \t"); i >= 0 {
			name = name[:i]
		}
		switch strings.ToLower(string(name)) {
		case "content-length":
			cl = true
		case "transfer-encoding":
			te = true
		}
	}
	return flags
}

func FuzzHeaderScan(f *testing.F) {
	f.Add([]byte("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), uint8(7))
	f.Add([]byte("POST / HTTP/1.1\nTRANSFER-ENCODING : chunked\ncontent-length\t: 1\n\nGET / HTTP/1.1\r\n\r\n"), uint8(3))
	f.Add([]byte("GET / HTTP/1.1\r\nX: Content-Length: 1\r\n Transfer-Encoding: chunked\r\n\r\n"), uint8(1))
	f.Fuzz(func(t *testing.T, stream []byte, split uint8) {
		var whole, parts headerScan
		whole.scan(stream)
		for p, n := stream, int(split)+1; len(p) > 0; p = p[min(n, len(p)):] {
			parts.scan(p[:min(n, len(p))])
		}
		if whole.flags.Load() != parts.flags.Load() {
			t.Fatalf("split reads gave %b, one read %b", parts.flags.Load(), whole.flags.Load())
		}
		if got, want := whole.flags.Load(), referenceFlags(stream); got != want {
			t.Fatalf("flags %b, the reference rule gives %b", got, want)
		}
	})
}

// A tracked connection keeps what net/http looks for on a *net.TCPConn:
// ReadFrom (sendfile) and CloseWrite (a half-close before closing).
func TestTrackedConnShouldKeepTheTCPFastPaths(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	app := New(Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	cl := newConnListener(l, app.newServer(l, false), 0)
	defer cl.Close()
	client, err := net.Dial("tcp", l.Addr().String())
	require.NoError(t, err)
	defer client.Close()
	c, err := cl.Accept()
	require.NoError(t, err)
	defer c.Close()
	require.IsType(t, &trackedConn{}, c)

	rf, ok := c.(io.ReaderFrom)
	require.True(t, ok, "io.ReaderFrom")
	n, err := rf.ReadFrom(strings.NewReader("hello"))
	require.NoError(t, err)
	assert.Equal(t, int64(5), n)
	cw, ok := c.(interface{ CloseWrite() error })
	require.True(t, ok, "CloseWrite")
	require.NoError(t, cw.CloseWrite())
	require.NoError(t, client.SetReadDeadline(time.Now().Add(5*time.Second)))
	b, err := io.ReadAll(client)
	require.NoError(t, err, "the half-close ends the client's stream")
	assert.Equal(t, "hello", string(b))
}
