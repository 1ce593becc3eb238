package expresso_test

import (
	"errors"
	"io"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// gwOKWire is the response of Send("ok").
const gwOKWire = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/html; charset=utf-8\r\n" +
	"Etag: W/\"2-eoX0dku9ba8cNUXvu/DyeabcC+s\"\r\nConnection: close\r\n\r\nok"

func TestResponseErrorAfterFinish(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		handler func(c *expresso.Context, at chan<- string) error
		wantErr func(at string) string
	}{
		{"should log an error returned after Send and keep the response",
			func(c *expresso.Context, _ chan<- string) error {
				if err := c.Send("ok"); err != nil {
					return err
				}
				return errors.New("boom")
			},
			func(string) string { return "boom" }},
		{"should log a refused second Send returned by the handler",
			func(c *expresso.Context, at chan<- string) error {
				line, err := gwHere(), c.Send("ok")
				at <- line
				if err != nil {
					return err
				}
				//expressovet:ignore this test sends again on purpose: it pins the run-time refusal
				return c.Send("again")
			},
			func(at string) string {
				return "expresso: Send refused: cannot set headers after they are sent to the client (response committed by Send at " + at + ")"
			}},
		{"should log a panic after the response finished",
			func(c *expresso.Context, _ chan<- string) error {
				if err := c.Send("ok"); err != nil {
					return err
				}
				panic("boom")
			},
			func(string) string { return "expresso: panic: boom" }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app, logs := gwApp(expresso.Config{})
			at := make(chan string, 1)
			app.Get("/", func(c *expresso.Context) error { return tc.handler(c, at) })
			assert.Equal(t, gwOKWire, gwWire(t, app, gwGet("/")))
			line := ""
			select {
			case line = <-at:
			default:
			}
			records := logs.records(t)
			require.Len(t, records, 1)
			assert.Equal(t, "expresso: error after the response was sent", records[0]["msg"])
			assert.Equal(t, tc.wantErr(line), records[0]["err"])
		})
	}
}

func TestResponseAbortAfterBodyStarted(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		fail    func() error
		wantErr string
	}{
		{"a returned error", func() error { return errors.New("boom") }, "boom"},
		{"a panic", func() error { panic("boom") }, "expresso: panic: boom"},
	}
	for _, tc := range cases {
		handler := func(flush bool) expresso.Handler {
			return func(c *expresso.Context) error {
				// Context.Write sends at once, as Node does; the
				// Response's own Write buffers, as net/http does.
				w := io.Writer(c.Response())
				if flush {
					w = c
				}
				if _, err := w.Write([]byte("partial")); err != nil {
					return err
				}
				if flush {
					if err := c.Flush(); err != nil {
						return err
					}
				}
				return tc.fail()
			}
		}
		checkLog := func(t *testing.T, logs *gwLogs) {
			t.Helper()
			records := logs.records(t)
			require.Len(t, records, 1)
			assert.Equal(t, "expresso: error after the response started; aborting the connection", records[0]["msg"])
			assert.Equal(t, tc.wantErr, records[0]["err"])
		}
		t.Run("should cut a flushed chunked body after "+tc.name, func(t *testing.T) {
			t.Parallel()
			app, logs := gwApp(expresso.Config{})
			app.Get("/", handler(true))
			wire := gwWire(t, app, gwGet("/"))
			assert.Equal(t, "HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n7\r\npartial\r\n", wire)
			checkLog(t, logs)
		})
		t.Run("should make the client see an unexpected EOF after "+tc.name, func(t *testing.T) {
			t.Parallel()
			app, logs := gwApp(expresso.Config{})
			app.Get("/", handler(true))
			srv := httptest.NewServer(app)
			defer srv.Close()
			res, err := srv.Client().Get(srv.URL)
			require.NoError(t, err)
			defer res.Body.Close()
			body, err := io.ReadAll(res.Body)
			assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
			assert.Equal(t, 200, res.StatusCode)
			assert.Equal(t, []string{"chunked"}, res.TransferEncoding)
			assert.Equal(t, "partial", string(body))
			checkLog(t, logs)
		})
		t.Run("should close the connection without a response when nothing was flushed after "+tc.name, func(t *testing.T) {
			t.Parallel()
			app, logs := gwApp(expresso.Config{})
			app.Get("/", handler(false))
			assert.Equal(t, "", gwWire(t, app, gwGet("/")))
			checkLog(t, logs)
		})
		t.Run("should record what was written in app.Test after "+tc.name, func(t *testing.T) {
			t.Parallel()
			app, logs := gwApp(expresso.Config{})
			app.Get("/", handler(false))
			res := app.Test(gwGet("/"))
			assert.Equal(t, 200, res.StatusCode)
			assert.Equal(t, "", res.Header.Get("Content-Type"))
			assert.Equal(t, "", res.Header.Get("Content-Length"))
			assert.Equal(t, "partial", gwBody(t, res))
			checkLog(t, logs)
		})
	}
}

// gwRecoveredWire is the response of Send("recovered").
const gwRecoveredWire = "HTTP/1.1 200 OK\r\nContent-Length: 9\r\nContent-Type: text/html; charset=utf-8\r\n" +
	"Etag: W/\"9-Js+Udr0CKzXJhaEt6ksfyvuoQxQ\"\r\nConnection: close\r\n\r\nrecovered"

func TestPendingRefusalIsReturnedByTheNextSender(t *testing.T) {
	t.Parallel()
	const badSet = `expresso: invalid character in header X-Bad: "a\nb"`
	setBad := func(c *expresso.Context) { c.Set("X-Bad", "a\nb") }
	type sender = func(c *expresso.Context) error
	send := func(c *expresso.Context) error { return c.Send("x") }
	cases := []struct {
		name    string
		set     func(c *expresso.Context)
		send    sender
		wantErr string
		is      error
	}{
		{"should return an invalid Status from Send", func(c *expresso.Context) { c.Status(1000) }, send,
			"expresso: invalid status code: 1000. Status code must be greater than 99 and less than 1000", expresso.ErrInvalidStatus},
		{"should return a bad Set from Send", setBad, send, badSet, nil},
		{"should return an empty Vary field from Send", func(c *expresso.Context) { c.Vary("") }, send,
			"expresso: Vary: field argument is required", nil},
		{"should return a Content-Type Append from Send", func(c *expresso.Context) { c.Append("Content-Type", "a", "b") }, send,
			"expresso: Append refused: Content-Type cannot hold several values", nil},
		{"should return odd Links from Send", func(c *expresso.Context) { c.Links("next") }, send,
			"expresso: Links takes rel, URL pairs; got an odd number of arguments", nil},
		{"should keep the first of two refusals", func(c *expresso.Context) { setBad(c); c.Status(1000) }, send, badSet, nil},
		{"should return a bad Set from JSON", setBad,
			func(c *expresso.Context) error { return c.JSON(map[string]int{"a": 1}) }, badSet, nil},
		{"should return a bad Set from JSONP", setBad,
			func(c *expresso.Context) error { return c.JSONP(map[string]int{"a": 1}) }, badSet, nil},
		{"should return a bad Set from Redirect", setBad,
			func(c *expresso.Context) error { return c.Redirect("/x") }, badSet, nil},
		{"should return a bad Set from SendStatus", setBad,
			func(c *expresso.Context) error { return c.SendStatus(201) }, badSet, nil},
		{"should return a bad Set from End", setBad,
			func(c *expresso.Context) error { return c.End("x") }, badSet, nil},
		{"should return a bad Set from Write", setBad,
			func(c *expresso.Context) error { return gwErr(c.Write([]byte("x"))) }, badSet, nil},
		{"should return a bad Set from WriteHead", setBad,
			func(c *expresso.Context) error { return c.WriteHead(201) }, badSet, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name+" and send nothing", func(t *testing.T) {
			t.Parallel()
			app, logs := gwApp(expresso.Config{})
			type result struct {
				err    error
				states gwStates
				status int
				header []string
			}
			got := make(chan result, 1)
			app.Get("/", func(c *expresso.Context) error {
				tc.set(c)
				var r result
				r.err = tc.send(c)
				r.states, r.status = gwSnap(c), c.Response().Status()
				r.header = c.Response().Header()["X-Bad"]
				got <- r
				return c.Send("recovered")
			})
			wire := gwWire(t, app, gwGet("/"))
			r := <-got
			require.Error(t, r.err)
			assert.Equal(t, tc.wantErr, r.err.Error())
			if tc.is != nil {
				assert.ErrorIs(t, r.err, tc.is)
			}
			assert.NotErrorIs(t, r.err, expresso.ErrHeadersSent)
			assert.Equal(t, gwStates{expresso.Head, false, false}, r.states)
			assert.Nil(t, r.header)
			assert.Empty(t, logs.records(t))
			assert.Equal(t, 200, r.status)
			assert.Equal(t, gwRecoveredWire, wire)
		})
	}
}

func TestResponsePanicIsLoggedWithItsStack(t *testing.T) {
	t.Parallel()
	app, logs := gwApp(expresso.Config{})
	app.Get("/", func(*expresso.Context) error { panic("kaboom") })
	res := app.Test(gwGet("/"))
	require.Equal(t, 500, res.StatusCode)
	records := logs.records(t)
	require.Len(t, records, 1)
	assert.Equal(t, "expresso: request failed", records[0]["msg"])
	assert.Equal(t, "expresso: panic: kaboom", records[0]["err"])
	assert.Equal(t, float64(500), records[0]["status"])
	stack, _ := records[0]["stack"].(string)
	assert.Contains(t, stack, "TestResponsePanicIsLoggedWithItsStack")
}
