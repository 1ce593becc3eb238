package expresso_test

import (
	"bufio"
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

func TestResponseUnwrap(t *testing.T) {
	t.Parallel()
	app := expresso.New()
	got := make(chan http.ResponseWriter, 1)
	app.Get("/", func(c *expresso.Context) error {
		got <- c.Response().Unwrap()
		return c.Send("ok")
	})
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, gwGet("/"))
	assert.Same(t, rec, <-got)
	assert.Equal(t, 200, rec.Code)
	assert.Equal(t, "ok", rec.Body.String())
}

func TestResponseController(t *testing.T) {
	t.Parallel()
	t.Run("should flush through the recorder and send the headers", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		type result struct {
			err   error
			state expresso.State
		}
		got := make(chan result, 1)
		app.Get("/", func(c *expresso.Context) error {
			err := http.NewResponseController(c.Response()).Flush()
			got <- result{err, c.Response().State()}
			return c.End("x")
		})
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, gwGet("/"))
		assert.Equal(t, result{nil, expresso.Body}, <-got)
		assert.True(t, rec.Flushed)
		assert.Equal(t, 200, rec.Code)
		assert.Equal(t, "x", rec.Body.String())
	})
	t.Run("should reach the server's deadlines and full duplex through Unwrap", func(t *testing.T) {
		t.Parallel()
		app, logs := gwApp(expresso.Config{})
		got := make(chan []error, 1)
		app.Get("/", func(c *expresso.Context) error {
			rc := http.NewResponseController(c.Response())
			got <- []error{
				rc.SetWriteDeadline(time.Now().Add(time.Minute)),
				rc.SetReadDeadline(time.Now().Add(time.Minute)),
				rc.EnableFullDuplex(),
				rc.Flush(),
			}
			return c.End("streamed")
		})
		wire := gwWire(t, app, gwGet("/"))
		assert.Equal(t, "HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n8\r\nstreamed\r\n0\r\n\r\n", wire)
		assert.Equal(t, []error{nil, nil, nil, nil}, <-got)
		assert.Empty(t, logs.records(t))
	})
	t.Run("should report ErrNotSupported for deadlines the writer lacks", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		got := make(chan error, 1)
		app.Get("/", func(c *expresso.Context) error {
			got <- http.NewResponseController(c.Response()).SetWriteDeadline(time.Now())
			return c.Send("ok")
		})
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, gwGet("/"))
		assert.ErrorIs(t, <-got, http.ErrNotSupported)
		assert.Equal(t, 200, rec.Code)
		assert.Equal(t, "ok", rec.Body.String())
	})
}

func TestResponseServeContent(t *testing.T) {
	t.Parallel()
	const lastMod = "Tue, 02 Jan 2024 03:04:05 GMT"
	cases := []struct {
		name   string
		header http.Header
		wire   string
	}{
		{"should serve the whole content", nil,
			"HTTP/1.1 200 OK\r\nAccept-Ranges: bytes\r\nContent-Length: 11\r\nContent-Type: text/plain; charset=utf-8\r\n" +
				"Last-Modified: " + lastMod + "\r\nConnection: close\r\n\r\nhello world"},
		{"should serve a byte range", http.Header{"Range": {"bytes=0-4"}},
			"HTTP/1.1 206 Partial Content\r\nAccept-Ranges: bytes\r\nContent-Length: 5\r\nContent-Range: bytes 0-4/11\r\n" +
				"Content-Type: text/plain; charset=utf-8\r\nLast-Modified: " + lastMod + "\r\nConnection: close\r\n\r\nhello"},
		{"should answer 304 without a Content-Type", http.Header{"If-Modified-Since": {lastMod}},
			"HTTP/1.1 304 Not Modified\r\nLast-Modified: " + lastMod + "\r\nConnection: close\r\n\r\n"},
	}
	modtime := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app, logs := gwApp(expresso.Config{})
			type result struct {
				at    string
				state expresso.State
				err   error
			}
			got := make(chan result, 1)
			app.Get("/", func(c *expresso.Context) error {
				var r result
				content := strings.NewReader("hello world")
				r.at = gwAt(func() { http.ServeContent(c.Response(), c.Request(), "a.txt", modtime, content) })
				r.state = c.Response().State()
				r.err = c.Send("late")
				got <- r
				return nil
			})
			req := gwGet("/")
			for k, vs := range tc.header {
				req.Header[k] = vs
			}
			assert.Equal(t, tc.wire, gwWire(t, app, req))
			r := <-got
			assert.Equal(t, expresso.Body, r.state)
			require.ErrorIs(t, r.err, expresso.ErrHeadersSent)
			assert.Equal(t, "expresso: Send refused: cannot set headers after they are sent to the client "+
				"(response committed by WriteHeader at "+r.at+")", r.err.Error())
			assert.Empty(t, logs.records(t))
		})
	}
}

func TestResponseHijack(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		controller bool // hijack through http.ResponseController
	}{
		{"Response.Hijack", false},
		{"http.ResponseController.Hijack", true},
	}
	const raw = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nhijack"
	for _, tc := range cases {
		t.Run("should count the response as finished after "+tc.name, func(t *testing.T) {
			t.Parallel()
			app, logs := gwApp(expresso.Config{})
			type result struct {
				at        string
				err       error
				states    gwStates
				late, end error
			}
			got := make(chan result, 1)
			app.Get("/", func(c *expresso.Context) error {
				var r result
				var conn net.Conn
				var rw *bufio.ReadWriter
				if tc.controller {
					r.at = gwAt(func() { conn, rw, r.err = http.NewResponseController(c.Response()).Hijack() })
				} else {
					r.at = gwAt(func() { conn, rw, r.err = c.Response().Hijack() })
				}
				if r.err == nil {
					_, _ = rw.WriteString(raw)
					_ = rw.Flush()
					_ = conn.Close()
				}
				r.states = gwSnap(c)
				r.late = c.Send("late")
				//expressovet:ignore this test sends again on purpose: it pins the run-time refusal
				r.end = c.End()
				got <- r
				return nil
			})
			assert.Equal(t, raw, gwWire(t, app, gwGet("/")))
			r := <-got
			require.NoError(t, r.err)
			assert.Equal(t, gwStates{expresso.Finished, true, true}, r.states)
			require.ErrorIs(t, r.late, expresso.ErrHeadersSent)
			assert.Equal(t, "expresso: Send refused: cannot set headers after they are sent to the client "+
				"(response committed by Hijack at "+r.at+")", r.late.Error())
			require.ErrorIs(t, r.end, expresso.ErrWriteAfterEnd)
			assert.Equal(t, "expresso: End refused: write after end (response finished by Hijack at "+r.at+")", r.end.Error())
			assert.Empty(t, logs.records(t))
		})
	}
	t.Run("should stay in Head when the writer cannot hijack", func(t *testing.T) {
		t.Parallel()
		app := expresso.New()
		type result struct {
			err   error
			state expresso.State
		}
		got := make(chan result, 1)
		app.Get("/", func(c *expresso.Context) error {
			_, _, err := c.Response().Hijack()
			got <- result{err, c.Response().State()}
			return c.Send("ok")
		})
		res := app.Test(gwGet("/"))
		r := <-got
		assert.ErrorIs(t, r.err, http.ErrNotSupported)
		assert.Equal(t, expresso.Head, r.state)
		assert.Equal(t, 200, res.StatusCode)
		assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
		assert.Equal(t, "ok", gwBody(t, res))
	})
}
