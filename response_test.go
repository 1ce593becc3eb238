package expresso_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/textproto"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// The guarded writer must keep net/http's optional capabilities.
var (
	_ http.ResponseWriter = (*expresso.Response)(nil)
	_ http.Flusher        = (*expresso.Response)(nil)
	_ http.Hijacker       = (*expresso.Response)(nil)
	_ io.ReaderFrom       = (*expresso.Response)(nil)
	_ interface {
		Unwrap() http.ResponseWriter
	} = (*expresso.Response)(nil)
)

// gwGet is a GET request for target.
func gwGet(target string) *http.Request { return httptest.NewRequest(http.MethodGet, target, nil) }

func TestStateString(t *testing.T) {
	t.Parallel()
	cases := []struct {
		state expresso.State
		want  string
	}{
		{expresso.Head, "Head"},
		{expresso.Body, "Body"},
		{expresso.Finished, "Finished"},
	}
	for _, tc := range cases {
		t.Run("should name "+tc.want, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, tc.state.String())
		})
	}
}

// gwStates is the Response's state and the Context's view of it.
type gwStates struct {
	state          expresso.State
	sent, finished bool
}

func gwSnap(c *expresso.Context) gwStates {
	return gwStates{c.Response().State(), c.HeadersSent(), c.Finished()}
}

func TestResponseStates(t *testing.T) {
	t.Parallel()
	head := gwStates{expresso.Head, false, false}
	body := gwStates{expresso.Body, true, false}
	done := gwStates{expresso.Finished, true, true}
	type step = func(c *expresso.Context) error
	cases := []struct {
		name  string
		steps []step
		want  []gwStates // after each step
		wire  string
	}{
		{name: "should move Head to Body on WriteHead and to Finished on End",
			steps: []step{
				func(c *expresso.Context) error { return c.WriteHead(202) },
				func(c *expresso.Context) error { return gwErr(c.Write([]byte("ab"))) },
				func(c *expresso.Context) error { return c.End("c") },
			},
			want: []gwStates{body, body, done},
			// Context.Write streams as Node's res.write: chunked.
			wire: "HTTP/1.1 202 Accepted\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n1\r\nc\r\n0\r\n\r\n"},
		{name: "should move Head to Body on the first Write",
			steps: []step{
				func(c *expresso.Context) error { return gwErr(c.Write([]byte("ab"))) },
				func(c *expresso.Context) error { return c.End() },
			},
			want: []gwStates{body, done},
			wire: "HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n"},
		{name: "should move Head straight to Finished on Send",
			steps: []step{func(c *expresso.Context) error { return c.Send("ok") }},
			want:  []gwStates{done},
			wire: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/html; charset=utf-8\r\n" +
				"Etag: W/\"2-eoX0dku9ba8cNUXvu/DyeabcC+s\"\r\nConnection: close\r\n\r\nok"},
		{name: "should stay in Head while only status and headers change",
			steps: []step{
				func(c *expresso.Context) error { c.Status(201).Set("X-A", "1"); return nil },
				func(c *expresso.Context) error { return c.End() },
			},
			want: []gwStates{head, done},
			wire: "HTTP/1.1 201 Created\r\nContent-Length: 0\r\nX-A: 1\r\nConnection: close\r\n\r\n"},
		{name: "should move Head to Body on Flush",
			steps: []step{
				func(c *expresso.Context) error { return c.Flush() },
				func(c *expresso.Context) error { return c.End("x") },
			},
			want: []gwStates{body, done},
			wire: "HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app, logs := gwApp(expresso.Config{})
			got := make(chan []gwStates, 1)
			app.Get("/", func(c *expresso.Context) error {
				states := []gwStates{gwSnap(c)}
				for _, s := range tc.steps {
					if err := s(c); err != nil {
						return err
					}
					states = append(states, gwSnap(c))
				}
				got <- states
				return nil
			})
			assert.Equal(t, tc.wire, gwWire(t, app, gwGet("/")))
			assert.Equal(t, append([]gwStates{head}, tc.want...), <-got)
			assert.Empty(t, logs.records(t))
		})
	}
}

func TestResponseWriteHeaderTwice(t *testing.T) {
	t.Parallel()
	for _, env := range []string{"development", "production"} {
		t.Run("should keep the first status and log the second call in "+env, func(t *testing.T) {
			t.Parallel()
			app, logs := gwApp(expresso.Config{Env: env})
			type result struct {
				at     string
				status int
			}
			got := make(chan result, 1)
			app.Get("/", func(c *expresso.Context) error {
				at := gwAt(func() { c.Response().WriteHeader(201) })
				c.Response().WriteHeader(202)
				got <- result{at, c.Response().Status()}
				return nil
			})
			wire := gwWire(t, app, gwGet("/"))
			assert.Equal(t, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", wire)
			r := <-got
			assert.Equal(t, 201, r.status)
			want := "expresso: WriteHeader refused: cannot set headers after they are sent to the client (response committed by WriteHeader"
			if env == "development" {
				want += " at " + r.at
			}
			records := logs.records(t)
			require.Len(t, records, 1)
			assert.Equal(t, "expresso: a refused call was not returned by any sender", records[0]["msg"])
			assert.Equal(t, want+")", records[0]["err"])
		})
	}
}

func TestResponseWriteAfterEnd(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, call string
		write      func(c *expresso.Context) (int64, error)
	}{
		{"Context.Write", "Write", func(c *expresso.Context) (int64, error) {
			n, err := c.Write([]byte("late"))
			return int64(n), err
		}},
		{"Context.WriteString", "Write", func(c *expresso.Context) (int64, error) {
			n, err := c.WriteString("late")
			return int64(n), err
		}},
		{"Response.Write", "Write", func(c *expresso.Context) (int64, error) {
			n, err := c.Response().Write([]byte("late"))
			return int64(n), err
		}},
		{"Response.WriteString", "Write", func(c *expresso.Context) (int64, error) {
			n, err := c.Response().WriteString("late")
			return int64(n), err
		}},
		{"Response.ReadFrom", "ReadFrom", func(c *expresso.Context) (int64, error) {
			return c.Response().ReadFrom(strings.NewReader("late"))
		}},
		{"io.Copy into the Response", "ReadFrom", func(c *expresso.Context) (int64, error) {
			// Hide strings.Reader's WriteTo so that io.Copy uses ReadFrom.
			return io.Copy(c.Response(), struct{ io.Reader }{strings.NewReader("late")})
		}},
		{"Context.Flush", "Flush", func(c *expresso.Context) (int64, error) { return 0, c.Flush() }},
		{"Context.AddTrailers", "AddTrailers", func(c *expresso.Context) (int64, error) {
			return 0, c.AddTrailers(http.Header{"X-T": {"1"}})
		}},
		{"Response.Hijack", "Hijack", func(c *expresso.Context) (int64, error) {
			_, _, err := c.Response().Hijack()
			return 0, err
		}},
	}
	for _, tc := range cases {
		t.Run("should refuse "+tc.name+" with ErrWriteAfterEnd", func(t *testing.T) {
			t.Parallel()
			app, logs := gwApp(expresso.Config{})
			type result struct {
				at         string
				n, written int64
				end, err   error
			}
			got := make(chan result, 1)
			app.Get("/", func(c *expresso.Context) error {
				var r result
				r.at, r.end = gwHere(), c.End("done")
				r.n, r.err = tc.write(c)
				r.written = c.Response().Written()
				got <- r
				return nil
			})
			wire := gwWire(t, app, gwGet("/"))
			assert.Equal(t, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\ndone", wire)
			r := <-got
			require.NoError(t, r.end)
			assert.Equal(t, int64(0), r.n)
			assert.Equal(t, int64(4), r.written)
			require.ErrorIs(t, r.err, expresso.ErrWriteAfterEnd)
			assert.NotErrorIs(t, r.err, expresso.ErrHeadersSent)
			assert.Equal(t, "expresso: "+tc.call+" refused: write after end (response finished by End at "+r.at+")", r.err.Error())
			assert.Empty(t, logs.records(t))
		})
	}
}

func TestResponseInformational(t *testing.T) {
	t.Parallel()
	for _, code := range []int{http.StatusProcessing, http.StatusEarlyHints} {
		t.Run("should pass "+http.StatusText(code)+" through and stay in Head", func(t *testing.T) {
			t.Parallel()
			app, logs := gwApp(expresso.Config{})
			states := make(chan expresso.State, 1)
			app.Get("/", func(c *expresso.Context) error {
				h := c.Response().Header()
				h.Set("Link", "</style.css>; rel=preload; as=style")
				c.Response().WriteHeader(code)
				states <- c.Response().State()
				h.Del("Link")
				return c.Send("ok")
			})
			srv := httptest.NewServer(app)
			defer srv.Close()
			var codes []int
			var links [][]string
			trace := &httptrace.ClientTrace{Got1xxResponse: func(code int, h textproto.MIMEHeader) error {
				codes = append(codes, code)
				links = append(links, h["Link"])
				return nil
			}}
			req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
			require.NoError(t, err)
			res, err := srv.Client().Do(req.WithContext(httptrace.WithClientTrace(req.Context(), trace)))
			require.NoError(t, err)
			defer res.Body.Close()
			body, err := io.ReadAll(res.Body)
			require.NoError(t, err)

			assert.Equal(t, expresso.Head, <-states)
			assert.Equal(t, []int{code}, codes)
			assert.Equal(t, [][]string{{"</style.css>; rel=preload; as=style"}}, links)
			assert.Equal(t, 200, res.StatusCode)
			assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
			assert.Equal(t, "2", res.Header.Get("Content-Length"))
			assert.Equal(t, `W/"2-eoX0dku9ba8cNUXvu/DyeabcC+s"`, res.Header.Get("Etag"))
			assert.Empty(t, res.Header.Values("Link"))
			assert.Equal(t, "ok", string(body))
			assert.Empty(t, logs.records(t))
		})
	}
}

func TestResponseReadFrom(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, method, wire string
	}{
		{"should stream the reader to the client", http.MethodGet,
			"HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nstream"},
		{"should count but drop the body for HEAD", http.MethodHead,
			"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app, logs := gwApp(expresso.Config{})
			type result struct {
				n, written int64
				err        error
				state      expresso.State
			}
			got := make(chan result, 1)
			app.Get("/", func(c *expresso.Context) error {
				n, err := c.Response().ReadFrom(strings.NewReader("stream"))
				got <- result{n, c.Response().Written(), err, c.Response().State()}
				return nil
			})
			assert.Equal(t, tc.wire, gwWire(t, app, httptest.NewRequest(tc.method, "/", nil)))
			assert.Equal(t, result{6, 6, nil, expresso.Body}, <-got)
			assert.Empty(t, logs.records(t))
		})
	}
}

func TestResponseDropsBody(t *testing.T) {
	t.Parallel()
	write := func(c *expresso.Context) (int64, error) {
		n, err := c.Response().Write([]byte("dropped"))
		return int64(n), err
	}
	readFrom := func(c *expresso.Context) (int64, error) {
		return c.Response().ReadFrom(strings.NewReader("dropped"))
	}
	cases := []struct {
		name, method string
		status       int
		write        func(c *expresso.Context) (int64, error)
		wire         string
	}{
		{"should drop a Write for HEAD", http.MethodHead, 200, write,
			"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"},
		{"should drop a Write to a 204 without an error", http.MethodGet, 204, write,
			"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"},
		{"should drop a Write to a 304 without an error", http.MethodGet, 304, write,
			"HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n"},
		{"should drop a ReadFrom to a 204 without an error", http.MethodGet, 204, readFrom,
			"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app, logs := gwApp(expresso.Config{})
			type result struct {
				n, written int64
				err        error
			}
			got := make(chan result, 1)
			app.Get("/", func(c *expresso.Context) error {
				c.Response().WriteHeader(tc.status)
				n, err := tc.write(c)
				got <- result{n, c.Response().Written(), err}
				return nil
			})
			assert.Equal(t, tc.wire, gwWire(t, app, httptest.NewRequest(tc.method, "/", nil)))
			assert.Equal(t, result{7, 7, nil}, <-got)
			assert.Empty(t, logs.records(t))
		})
	}
}
