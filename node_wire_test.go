package expresso_test

import (
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

func TestHeadersSentAndFinished(t *testing.T) {
	t.Parallel()
	type state struct{ sent, finished bool }
	for _, tc := range []struct {
		name   string
		steps  []func(c *expresso.Context) error
		expect []state
	}{
		{
			name: "should move through Write and End",
			steps: []func(c *expresso.Context) error{
				func(c *expresso.Context) error { c.Set("X-A", "1"); return nil },
				func(c *expresso.Context) error { _, err := c.Write([]byte("a")); return err },
				func(c *expresso.Context) error { return c.End() },
			},
			expect: []state{{false, false}, {true, false}, {true, true}},
		},
		{
			name: "should move through WriteHead and End",
			steps: []func(c *expresso.Context) error{
				func(c *expresso.Context) error { return c.WriteHead(200) },
				func(c *expresso.Context) error { return c.End("x") },
			},
			expect: []state{{true, false}, {true, true}},
		},
		{
			name: "should move through FlushHeaders and End",
			steps: []func(c *expresso.Context) error{
				func(c *expresso.Context) error { return c.FlushHeaders() },
				func(c *expresso.Context) error { return c.FlushHeaders() },
				func(c *expresso.Context) error { return c.End() },
				func(c *expresso.Context) error { return c.FlushHeaders() },
			},
			expect: []state{{true, false}, {true, false}, {true, true}, {true, true}},
		},
		{
			name:   "should finish with Send",
			steps:  []func(c *expresso.Context) error{func(c *expresso.Context) error { return c.Send("x") }},
			expect: []state{{true, true}},
		},
		{
			name:   "should not move on a refused WriteHead",
			steps:  []func(c *expresso.Context) error{func(c *expresso.Context) error { _ = c.WriteHead(1000); return nil }},
			expect: []state{{false, false}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var initial state
			var got []state
			_, err := sndServe(t, sndCase{handler: func(c *expresso.Context) error {
				initial = state{c.HeadersSent(), c.Finished()}
				for _, step := range tc.steps {
					if err := step(c); err != nil {
						return err
					}
					got = append(got, state{c.HeadersSent(), c.Finished()})
				}
				return nil
			}})
			require.NoError(t, err)
			assert.Equal(t, state{}, initial)
			assert.Equal(t, tc.expect, got)
		})
	}
}

// sndStream serves a handler that runs start, waits until the client got
// the headers and the bytes before, then ends with last; it returns what
// the client saw. A handler whose start does not reach the client in time
// ends with "timeout".
func sndStream(t *testing.T, start func(c *expresso.Context) error, before, last string) (*http.Response, string) {
	t.Helper()
	proceed := make(chan struct{})
	srv := sndServer(t, func(c *expresso.Context) error {
		if err := start(c); err != nil {
			return err
		}
		select {
		case <-proceed:
		case <-time.After(5 * time.Second):
			return c.End("timeout")
		}
		return c.End(last)
	})
	res, err := http.Get(srv.URL)
	require.NoError(t, err)
	defer res.Body.Close()
	first := make([]byte, len(before))
	_, err = io.ReadFull(res.Body, first)
	require.NoError(t, err)
	close(proceed)
	rest, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(first) + string(rest)
}

func TestStreaming(t *testing.T) {
	t.Parallel()
	t.Run("should stream chunked what Write wrote once flushed", func(t *testing.T) {
		t.Parallel()
		res, body := sndStream(t, func(c *expresso.Context) error {
			if _, err := c.Set("X-A", "1").WriteString("<html>"); err != nil {
				return err
			}
			return c.Flush()
		}, "<html>", "</html>")
		assert.Equal(t, 200, res.StatusCode)
		assert.Equal(t, "<html></html>", body)
		assert.Equal(t, []string{"chunked"}, res.TransferEncoding)
		assert.Equal(t, int64(-1), res.ContentLength)
		assert.Equal(t, "1", res.Header.Get("X-A"))
		assert.Empty(t, res.Header.Values("Content-Type"), "a written body must not be sniffed")
	})
	t.Run("should send the headers of FlushHeaders at once", func(t *testing.T) {
		t.Parallel()
		res, body := sndStream(t, func(c *expresso.Context) error {
			return c.Status(201).Set("X-A", "1").FlushHeaders()
		}, "", "ab")
		assert.Equal(t, 201, res.StatusCode)
		assert.Equal(t, "ab", body)
		assert.Equal(t, []string{"chunked"}, res.TransferEncoding)
		assert.Equal(t, "1", res.Header.Get("X-A"))
	})
	t.Run("should send the headers of a flushed WriteHead at once", func(t *testing.T) {
		t.Parallel()
		res, body := sndStream(t, func(c *expresso.Context) error {
			if err := c.WriteHead(202, http.Header{"X-A": {"1"}}); err != nil {
				return err
			}
			return c.Flush()
		}, "", "done")
		assert.Equal(t, 202, res.StatusCode)
		assert.Equal(t, "done", body)
		assert.Equal(t, []string{"chunked"}, res.TransferEncoding)
		assert.Equal(t, "1", res.Header.Get("X-A"))
	})
}

func TestWireFraming(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		method  string
		handler expresso.Handler
		status  int
		header  http.Header
		te      []string
		length  int64
		body    string
	}{
		{
			name: "should chunk a body written, flushed and ended", method: http.MethodGet,
			handler: func(c *expresso.Context) error {
				if _, err := c.Write([]byte("a")); err != nil {
					return err
				}
				if err := c.Flush(); err != nil {
					return err
				}
				return c.End("b")
			},
			status: 200, header: http.Header{}, te: []string{"chunked"}, length: -1, body: "ab",
		},
		{
			name: "should use a Content-Length set before writing", method: http.MethodGet,
			handler: func(c *expresso.Context) error {
				if _, err := c.Set("Content-Length", "2").Write([]byte("a")); err != nil {
					return err
				}
				return c.End("b")
			},
			status: 200, header: http.Header{"Content-Length": {"2"}}, length: 2, body: "ab",
		},
		{
			name: "should send Content-Length and no Content-Type for End with a body", method: http.MethodGet,
			handler: func(c *expresso.Context) error { return c.End("<html>x</html>") },
			status:  200, header: http.Header{"Content-Length": {"14"}}, length: 14, body: "<html>x</html>",
		},
		{
			name: "should send Content-Length 0 for End without a body", method: http.MethodGet,
			handler: func(c *expresso.Context) error { return c.End() },
			status:  200, header: http.Header{"Content-Length": {"0"}}, length: 0, body: "",
		},
		{
			name: "should send the Content-Length of GET for End with a body to HEAD", method: http.MethodHead,
			handler: func(c *expresso.Context) error { return c.End("hello") },
			status:  200, header: http.Header{"Content-Length": {"5"}}, length: 5, body: "",
		},
		{
			name: "should send no Content-Length for a 204 End", method: http.MethodGet,
			handler: func(c *expresso.Context) error { return c.Status(204).End() },
			status:  204, header: http.Header{}, length: 0, body: "",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rs := sndWire(t, sndServer(t, tc.handler), tc.method, "/", nil)
			require.Len(t, rs, 1)
			assert.Equal(t, tc.status, rs[0].status)
			assert.Equal(t, tc.header, rs[0].header)
			assert.Equal(t, tc.te, rs[0].te)
			assert.Equal(t, tc.length, rs[0].length)
			assert.Equal(t, tc.body, rs[0].body)
		})
	}
}

func TestAddTrailers(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		handler expresso.Handler
		te      []string
		trailer http.Header
	}{
		{
			name: "should send trailers after a written body",
			handler: func(c *expresso.Context) error {
				if _, err := c.Write([]byte("a")); err != nil {
					return err
				}
				if err := c.AddTrailers(http.Header{"x-checksum": {"abc"}}); err != nil {
					return err
				}
				return c.End("b")
			},
			te: []string{"chunked"}, trailer: http.Header{"X-Checksum": {"abc"}},
		},
		{
			name: "should chunk End's body to send trailers added before",
			handler: func(c *expresso.Context) error {
				if err := c.AddTrailers(http.Header{"X-Checksum": {"abc"}}); err != nil {
					return err
				}
				return c.End("ab")
			},
			te: []string{"chunked"}, trailer: http.Header{"X-Checksum": {"abc"}},
		},
		{
			name: "should drop trailers when Content-Length is set",
			handler: func(c *expresso.Context) error {
				if err := c.Set("Content-Length", "2").AddTrailers(http.Header{"X-Checksum": {"abc"}}); err != nil {
					return err
				}
				return c.End("ab")
			},
			te: nil, trailer: nil,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rs := sndWire(t, sndServer(t, tc.handler), http.MethodGet, "/", nil)
			require.Len(t, rs, 1)
			assert.Equal(t, 200, rs[0].status)
			assert.Equal(t, "ab", rs[0].body)
			assert.Equal(t, tc.te, rs[0].te)
			assert.Equal(t, tc.trailer, rs[0].trailer)
			assert.Empty(t, rs[0].header.Values("X-Checksum"), "a trailer is not a header")
		})
	}
	t.Run("should refuse trailers after End", func(t *testing.T) {
		t.Parallel()
		var err error
		_, _ = sndServe(t, sndCase{handler: func(c *expresso.Context) error {
			if err := c.End(); err != nil {
				return err
			}
			err = c.AddTrailers(http.Header{"X-A": {"1"}})
			return nil
		}})
		assert.ErrorIs(t, err, expresso.ErrWriteAfterEnd)
	})
	t.Run("should refuse CR LF in a trailer", func(t *testing.T) {
		t.Parallel()
		var err error
		_, _ = sndServe(t, sndCase{handler: func(c *expresso.Context) error {
			err = c.AddTrailers(http.Header{"X-A": {"a\r\nb"}})
			return c.End()
		}})
		assert.Error(t, err)
	})
}

func TestWriteEarlyHints(t *testing.T) {
	t.Parallel()
	srv := sndServer(t, func(c *expresso.Context) error {
		c.Set("X-Final", "1").Append("Set-Cookie", "a=1")
		if err := c.WriteEarlyHints(http.Header{"Link": {"</a.css>; rel=preload", "</b.js>; rel=preload"}}); err != nil {
			return err
		}
		return c.End("x")
	})
	rs := sndWire(t, srv, http.MethodGet, "/", nil)
	require.Len(t, rs, 2)
	assert.Equal(t, 103, rs[0].status)
	assert.Equal(t, http.Header{"Link": {"</a.css>; rel=preload", "</b.js>; rel=preload"}}, rs[0].header,
		"the 103 carries the hints and nothing set for the final response")
	assert.Equal(t, 200, rs[1].status)
	assert.Equal(t, http.Header{
		"X-Final": {"1"}, "Set-Cookie": {"a=1"}, "Content-Length": {"1"},
	}, rs[1].header, "the hints do not leak into the final response")
	assert.Equal(t, "x", rs[1].body)
}

func TestWriteContinue(t *testing.T) {
	t.Parallel()
	srv := sndServer(t, func(c *expresso.Context) error {
		c.Set("X-Final", "1")
		if err := c.WriteContinue(); err != nil {
			return err
		}
		return c.Send([]byte("ok"))
	})
	rs := sndWire(t, srv, http.MethodPost, "/", http.Header{"Expect": {"100-continue"}, "Content-Length": {"4"}})
	require.Len(t, rs, 2)
	assert.Equal(t, 100, rs[0].status)
	assert.Equal(t, http.Header{}, rs[0].header, "the 100 carries no header set for the final response")
	assert.Equal(t, 200, rs[1].status)
	assert.Equal(t, http.Header{
		"X-Final": {"1"}, "Content-Type": {sndOctet}, "Content-Length": {"2"}, "Etag": {`W/"2-eoX0dku9ba8cNUXvu/DyeabcC+s"`},
	}, rs[1].header)
	assert.Equal(t, "ok", rs[1].body)

	t.Run("should refuse WriteContinue after the headers went out", func(t *testing.T) {
		t.Parallel()
		var err error
		_, _ = sndServe(t, sndCase{handler: func(c *expresso.Context) error {
			if err := c.FlushHeaders(); err != nil {
				return err
			}
			err = c.WriteContinue()
			return c.End()
		}})
		assert.ErrorIs(t, err, expresso.ErrHeadersSent)
	})
}
