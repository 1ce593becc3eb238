package expresso_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// sndWireResponse is one response read off a raw connection.
type sndWireResponse struct {
	status  int
	header  http.Header // Date removed
	te      []string    // transfer codings
	length  int64
	body    string
	trailer http.Header
}

// sndWire sends one raw HTTP/1.1 request (with Connection: close) to srv
// and returns every response read back, interim 1xx ones first. Date and
// Connection are left out of the headers.
func sndWire(t *testing.T, srv *httptest.Server, method, path string, header http.Header) []sndWireResponse {
	t.Helper()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(10*time.Second)))
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n", method, path)
	require.NoError(t, header.Write(&b))
	b.WriteString("\r\n")
	_, err = io.WriteString(conn, b.String())
	require.NoError(t, err)

	req, err := http.NewRequest(method, "http://example.com"+path, nil)
	require.NoError(t, err)
	br := bufio.NewReader(conn)
	var out []sndWireResponse
	for {
		res, err := http.ReadResponse(br, req)
		require.NoError(t, err)
		body, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		res.Header.Del("Date")
		res.Header.Del("Connection")
		out = append(out, sndWireResponse{
			status: res.StatusCode, header: res.Header, te: res.TransferEncoding,
			length: res.ContentLength, body: string(body), trailer: res.Trailer,
		})
		if res.StatusCode >= 200 {
			return out
		}
	}
}

// sndServer starts a real server for an App running h.
func sndServer(t *testing.T, h expresso.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(sndApp(expresso.Config{}, h, nil))
	t.Cleanup(srv.Close)
	return srv
}

func TestWriteHead(t *testing.T) {
	t.Parallel()
	sndRun(t, []sndCase{
		{
			name: "should merge its headers over those set, its own winning",
			handler: func(c *expresso.Context) error {
				c.Set("X-A", "1").Set("X-B", "set")
				if err := c.WriteHead(201, http.Header{"X-B": {"head"}, "x-c": {"c"}}); err != nil {
					return err
				}
				return c.End("done")
			},
			status: 201, body: "done", headers: map[string]string{"X-A": "1", "X-B": "head", "X-C": "c"},
		},
		{
			name: "should let a later header map win",
			handler: func(c *expresso.Context) error {
				if err := c.WriteHead(200, http.Header{"X-A": {"1"}}, http.Header{"X-A": {"2", "3"}}); err != nil {
					return err
				}
				return c.End()
			},
			status: 200, body: "", headers: map[string]string{"X-A": "2\n3"},
		},
		{
			name: "should keep the Content-Length it was given",
			handler: func(c *expresso.Context) error {
				if err := c.WriteHead(200, http.Header{"Content-Length": {"5"}}); err != nil {
					return err
				}
				return c.End("hello")
			},
			status: 200, body: "hello", headers: map[string]string{"Content-Length": "5"},
		},
	})
}

func TestWriteHeadRefused(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		call func(c *expresso.Context) error
	}{
		{"should refuse status 1000", func(c *expresso.Context) error { return c.WriteHead(1000) }},
		{"should refuse status 99", func(c *expresso.Context) error { return c.WriteHead(99) }},
		{"should refuse CR LF in a header value", func(c *expresso.Context) error {
			return c.WriteHead(200, http.Header{"X-A": {"a\r\nb"}})
		}},
		{"should refuse an invalid header name", func(c *expresso.Context) error {
			return c.WriteHead(200, http.Header{"X A": {"a"}})
		}},
	} {
		t.Run(tc.name+" and send nothing", func(t *testing.T) {
			t.Parallel()
			var err error
			var sent bool
			res, _ := sndServe(t, sndCase{handler: func(c *expresso.Context) error {
				err = tc.call(c)
				sent = c.HeadersSent()
				return c.Status(202).End()
			}})
			assert.Error(t, err)
			assert.False(t, sent)
			assert.Equal(t, 202, res.StatusCode)
			assert.Equal(t, map[string]string{"Content-Length": "0"}, sndHeaders(res.Header))
		})
	}
	t.Run("should refuse a second WriteHead", func(t *testing.T) {
		t.Parallel()
		var err error
		res, _ := sndServe(t, sndCase{handler: func(c *expresso.Context) error {
			if err := c.WriteHead(201); err != nil {
				return err
			}
			err = c.WriteHead(202, http.Header{"X-A": {"1"}})
			return c.End()
		}})
		assert.ErrorIs(t, err, expresso.ErrHeadersSent)
		assert.Equal(t, 201, res.StatusCode)
		assert.Equal(t, map[string]string{}, sndHeaders(res.Header))
	})
}

func TestEnd(t *testing.T) {
	t.Parallel()
	end := func(body ...any) expresso.Handler { return func(c *expresso.Context) error { return c.End(body...) } }
	sndRun(t, []sndCase{
		{name: "should send Content-Length 0 without a body", handler: end(), status: 200, headers: map[string]string{"Content-Length": "0"}},
		{name: "should treat nil as no body", handler: end(nil), status: 200, headers: map[string]string{"Content-Length": "0"}},
		{
			name: "should set Content-Length and no Content-Type for a string", handler: end("<html>hi</html>"),
			status: 200, body: "<html>hi</html>", headers: map[string]string{"Content-Length": "15"},
		},
		{
			name: "should set Content-Length for []byte", handler: end([]byte("hello")),
			status: 200, body: "hello", headers: map[string]string{"Content-Length": "5"},
		},
		{
			name:    "should keep the Content-Type and status set before",
			handler: func(c *expresso.Context) error { return c.Status(202).Type("txt").End("hi") },
			status:  202, body: "hi", headers: map[string]string{"Content-Type": sndText, "Content-Length": "2"},
		},
		{
			name:    "should keep a Content-Length set before",
			handler: func(c *expresso.Context) error { return c.Set("Content-Length", "2").End("hi") },
			status:  200, body: "hi", headers: map[string]string{"Content-Length": "2"},
		},
		{
			name:    "should set no Content-Length when Transfer-Encoding is set",
			handler: func(c *expresso.Context) error { return c.Set("Transfer-Encoding", "chunked").End("hi") },
			status:  200, body: "hi", headers: map[string]string{"Transfer-Encoding": "chunked"},
		},
		{
			name: "should set the Content-Length of GET but send no body to HEAD", method: http.MethodHead,
			handler: end("hello"), status: 200, headers: map[string]string{"Content-Length": "5"},
		},
		{
			name: "should set Content-Length 0 for an empty HEAD", method: http.MethodHead,
			handler: end(), status: 200, headers: map[string]string{"Content-Length": "0"},
		},
		{
			name: "should set no Content-Length for 204", handler: func(c *expresso.Context) error { return c.Status(204).End() },
			status: 204, headers: map[string]string{},
		},
		{
			name: "should drop the body of a 204 without an error", handler: func(c *expresso.Context) error { return c.Status(204).End("x") },
			status: 204, headers: map[string]string{},
		},
		{
			name: "should drop the body of a 304 without an error", handler: func(c *expresso.Context) error { return c.Status(304).End([]byte("x")) },
			status: 304, headers: map[string]string{},
		},
	})
}

func TestEndRefused(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		body []any
	}{
		{"should refuse a body that is not a string or []byte", []any{123}},
		{"should refuse two bodies", []any{"a", "b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var err error
			var sent bool
			res, _ := sndServe(t, sndCase{handler: func(c *expresso.Context) error {
				err = c.End(tc.body...)
				sent = c.HeadersSent()
				//expressovet:ignore this test sends again on purpose: it pins the run-time refusal
				return c.Status(202).End()
			}})
			assert.Error(t, err)
			assert.False(t, sent)
			assert.Equal(t, 202, res.StatusCode)
		})
	}
	t.Run("should refuse a second End", func(t *testing.T) {
		t.Parallel()
		var err error
		res, _ := sndServe(t, sndCase{handler: func(c *expresso.Context) error {
			if err := c.End("first"); err != nil {
				return err
			}
			//expressovet:ignore this test sends again on purpose: it pins the run-time refusal
			err = c.End("second")
			return nil
		}})
		assert.ErrorIs(t, err, expresso.ErrWriteAfterEnd)
		assert.Equal(t, "first", sndBody(t, res))
	})
}

func TestWrite(t *testing.T) {
	t.Parallel()
	sndRun(t, []sndCase{
		{
			name: "should send the headers and the bytes of several writes",
			handler: func(c *expresso.Context) error {
				c.Status(201).Set("X-A", "1")
				if _, err := c.Write([]byte("a")); err != nil {
					return err
				}
				if _, err := c.WriteString("b"); err != nil {
					return err
				}
				if _, err := fmt.Fprintf(c, "%d", 3); err != nil {
					return err
				}
				return c.End("d")
			},
			status: 201, body: "ab3d", headers: map[string]string{"X-A": "1"},
		},
		{
			name: "should drop writes to a 204 without an error",
			handler: func(c *expresso.Context) error {
				if _, err := c.Status(204).Write([]byte("x")); err != nil {
					return err
				}
				return c.End()
			},
			status: 204, headers: map[string]string{},
		},
		{
			name: "should drop writes for HEAD", method: http.MethodHead,
			handler: func(c *expresso.Context) error {
				if _, err := c.WriteString("x"); err != nil {
					return err
				}
				return c.End()
			},
			status: 200, headers: map[string]string{},
		},
	})
	t.Run("should refuse a write after End", func(t *testing.T) {
		t.Parallel()
		var err1, err2 error
		res, _ := sndServe(t, sndCase{handler: func(c *expresso.Context) error {
			if err := c.End("a"); err != nil {
				return err
			}
			//expressovet:ignore this test sends again on purpose: it pins the run-time refusal
			_, err1 = c.Write([]byte("b"))
			//expressovet:ignore this test sends again on purpose: it pins the run-time refusal
			_, err2 = c.WriteString("c")
			return nil
		}})
		assert.ErrorIs(t, err1, expresso.ErrWriteAfterEnd)
		assert.ErrorIs(t, err2, expresso.ErrWriteAfterEnd)
		assert.Equal(t, "a", sndBody(t, res))
	})
}
