package expresso_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// sndCase is one request against one handler, with the exact response
// expected: status, every header (headers not listed must be absent) and
// body bytes.
type sndCase struct {
	name    string
	cfg     expresso.Config
	method  string           // GET when empty
	target  string           // "/" when empty
	header  http.Header      // request headers
	handler expresso.Handler // must return nil
	status  int
	headers map[string]string
	body    string
}

// sndApp returns an App with logging discarded that runs h for every
// request, recording what h returned in *got.
func sndApp(cfg expresso.Config, h expresso.Handler, got *error) *expresso.App {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	app := expresso.New(cfg)
	app.Use(func(c *expresso.Context) error {
		err := h(c)
		if got != nil {
			*got = err
		}
		return err
	})
	return app
}

// sndServe serves one in-process request through an App running h.
func sndServe(t *testing.T, tc sndCase) (*http.Response, error) {
	t.Helper()
	method, target := tc.method, tc.target
	if method == "" {
		method = http.MethodGet
	}
	if target == "" {
		target = "/"
	}
	var got error
	app := sndApp(tc.cfg, tc.handler, &got)
	req := httptest.NewRequest(method, target, nil)
	for k, vs := range tc.header {
		req.Header[k] = vs
	}
	return app.Test(req), got
}

// sndHeaders flattens a response header for an exact comparison: each
// field's lines joined with "\n"; fields without values (the nil
// Content-Type that stops net/http sniffing) are left out, as no client sees
// them.
func sndHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for k, vs := range h {
		if len(vs) > 0 {
			out[k] = strings.Join(vs, "\n")
		}
	}
	return out
}

func sndBody(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.NoError(t, res.Body.Close())
	return string(b)
}

// sndRun runs the cases in parallel subtests.
func sndRun(t *testing.T, cases []sndCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res, err := sndServe(t, tc)
			assert.NoError(t, err)
			assert.Equal(t, tc.status, res.StatusCode)
			assert.Equal(t, tc.headers, sndHeaders(res.Header))
			assert.Equal(t, tc.body, sndBody(t, res))
		})
	}
}

// send returns a handler that sends body.
func send(body any) expresso.Handler {
	return func(c *expresso.Context) error { return c.Send(body) }
}

// Content-Type values used across the sender tests.
const (
	sndHTML  = "text/html; charset=utf-8"
	sndText  = "text/plain; charset=utf-8"
	sndJSON  = "application/json; charset=utf-8"
	sndOctet = "application/octet-stream"
)

// sndUser is a struct sent as JSON.
type sndUser struct {
	Name string `json:"name"`
}

// sndClosingReader records whether Send closed it.
type sndClosingReader struct {
	io.Reader
	closed bool
}

func (r *sndClosingReader) Close() error { r.closed = true; return nil }

func TestSendByType(t *testing.T) {
	t.Parallel()
	sndRun(t, []sndCase{
		{
			name: "should set Content-Type to text/html for a string", handler: send("hey"),
			status: 200, body: "hey",
			headers: map[string]string{"Content-Type": sndHTML, "Content-Length": "3", "Etag": `W/"3-f1UKn0xEFzo3Zk2TjxNV8PkqR6c"`},
		},
		{
			name: "should send an empty string with Content-Length 0 and the empty-body ETag", handler: send(""),
			status: 200, body: "",
			headers: map[string]string{"Content-Type": sndHTML, "Content-Length": "0", "Etag": `W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"`},
		},
		{
			name: "should set Content-Type to application/octet-stream for []byte", handler: send([]byte("hey")),
			status: 200, body: "hey",
			headers: map[string]string{"Content-Type": sndOctet, "Content-Length": "3", "Etag": `W/"3-f1UKn0xEFzo3Zk2TjxNV8PkqR6c"`},
		},
		{
			name: "should send a nil []byte as an empty octet-stream body", handler: send([]byte(nil)),
			status: 200, body: "",
			headers: map[string]string{"Content-Type": sndOctet, "Content-Length": "0", "Etag": `W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"`},
		},
		{
			name: "should send nil as an empty body without Content-Type", handler: send(nil),
			status: 200, body: "",
			headers: map[string]string{"Content-Length": "0", "Etag": `W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"`},
		},
		{
			name: "should keep the status set before nil", handler: func(c *expresso.Context) error {
				return c.Status(201).Send(nil)
			},
			status: 201, body: "",
			headers: map[string]string{"Content-Length": "0", "Etag": `W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"`},
		},
		{
			name:    "should stream an io.Reader as octet-stream without Content-Length or ETag",
			handler: send(strings.NewReader("streamed")),
			status:  200, body: "streamed",
			headers: map[string]string{"Content-Type": sndOctet},
		},
		{
			name: "should keep the Content-Type set before streaming an io.Reader", handler: func(c *expresso.Context) error {
				return c.Type("txt").Send(strings.NewReader("streamed"))
			},
			status: 200, body: "streamed",
			headers: map[string]string{"Content-Type": sndText},
		},
		{
			name: "should send a struct as JSON", handler: send(sndUser{Name: "tobi"}),
			status: 200, body: `{"name":"tobi"}`,
			headers: map[string]string{"Content-Type": sndJSON, "Content-Length": "15", "Etag": `W/"f-qIK0X/nQnRj+NhHq0jdAWOGlL/c"`},
		},
		{
			name: "should send a number as JSON", handler: send(1000),
			status: 200, body: "1000",
			headers: map[string]string{"Content-Type": sndJSON, "Content-Length": "4", "Etag": `W/"4-48u6iIP+dGxuNXg8lAS0vAx+6es"`},
		},
		{
			name: "should send a bool as JSON", handler: send(true),
			status: 200, body: "true",
			headers: map[string]string{"Content-Type": sndJSON, "Content-Length": "4", "Etag": `W/"4-X/5TO4MPCKAyY0ipFgr6/IraRNs"`},
		},
		{
			name: "should send a map as JSON", handler: send(map[string]any{"a": 1}),
			status: 200, body: `{"a":1}`,
			headers: map[string]string{"Content-Type": sndJSON, "Content-Length": "7", "Etag": `W/"7-n4nHQM60bXQYySSnisV5QdXpZSA"`},
		},
		{
			name: "should send a slice as JSON", handler: send([]int{1, 2}),
			status: 200, body: `[1,2]`,
			headers: map[string]string{"Content-Type": sndJSON, "Content-Length": "5", "Etag": `W/"5-uHSpyyNvyIpjb61lakAeI7ZDANo"`},
		},
		{
			name: "should never do JSONP even with a callback query", target: "/?callback=cb", handler: send(map[string]any{"a": 1}),
			status: 200, body: `{"a":1}`,
			headers: map[string]string{"Content-Type": sndJSON, "Content-Length": "7", "Etag": `W/"7-n4nHQM60bXQYySSnisV5QdXpZSA"`},
		},
	})
}

func TestSendClosesReader(t *testing.T) {
	t.Parallel()
	r := &sndClosingReader{Reader: strings.NewReader("x")}
	res, err := sndServe(t, sndCase{handler: send(r)})
	require.NoError(t, err)
	assert.Equal(t, 200, res.StatusCode)
	assert.Equal(t, "x", sndBody(t, res))
	assert.True(t, r.closed)
}

func TestSendUnencodableValue(t *testing.T) {
	t.Parallel()
	var headersSent bool
	res, err := sndServe(t, sndCase{handler: func(c *expresso.Context) error {
		err := c.Send(make(chan int))
		headersSent = c.HeadersSent()
		return err
	}})
	require.Error(t, err)
	assert.False(t, headersSent, "nothing may be sent for a value JSON cannot encode")
	assert.Equal(t, 500, res.StatusCode)
	assert.Empty(t, res.Header.Get("Etag"))
}

func TestSendCharset(t *testing.T) {
	t.Parallel()
	// setCT sets the Content-Type as Node's setHeader does, without
	// res.set's charset rules, then sends body.
	setCT := func(ct string, body any) expresso.Handler {
		return func(c *expresso.Context) error {
			c.Response().Header().Set("Content-Type", ct)
			return c.Send(body)
		}
	}
	tag := `W/"3-f1UKn0xEFzo3Zk2TjxNV8PkqR6c"`
	hdr := func(ct string) map[string]string {
		return map[string]string{"Content-Type": ct, "Content-Length": "3", "Etag": tag}
	}
	sndRun(t, []sndCase{
		{
			name: "should add charset=utf-8 to a Content-Type set by Type for a string", status: 200, body: "hey",
			handler: func(c *expresso.Context) error { return c.Type("text/plain").Send("hey") },
			headers: hdr(sndText),
		},
		{
			name: "should override a charset set by Set for a string", status: 200, body: "hey",
			handler: func(c *expresso.Context) error {
				return c.Set("Content-Type", "text/plain; charset=iso-8859-1").Send("hey")
			},
			headers: hdr(sndText),
		},
		{
			name: "should keep a charset set by Set for []byte", status: 200, body: "hey",
			handler: func(c *expresso.Context) error {
				return c.Set("Content-Type", "text/plain; charset=iso-8859-1").Send([]byte("hey"))
			},
			headers: hdr("text/plain; charset=iso-8859-1"),
		},
		{
			name: "should keep a Content-Type without charset for []byte", status: 200, body: "hey",
			handler: setCT("text/plain", []byte("hey")), headers: hdr("text/plain"),
		},
		{
			name: "should keep image/png for []byte", status: 200, body: "hey",
			handler: setCT("image/png", []byte("hey")), headers: hdr("image/png"),
		},
		{
			name: "should add charset=utf-8 after other parameters for a string", status: 200, body: "hey",
			handler: setCT("text/plain; foo=bar", "hey"), headers: hdr("text/plain; foo=bar; charset=utf-8"),
		},
		{
			name: "should replace the charset in place among other parameters", status: 200, body: "hey",
			handler: setCT("text/plain; charset=iso-8859-1; foo=bar", "hey"), headers: hdr("text/plain; charset=utf-8; foo=bar"),
		},
		{
			name: "should drop a malformed parameter for a string", status: 200, body: "hey",
			handler: setCT("text/plain; foo", "hey"), headers: hdr(sndText),
		},
		{
			name: "should lower-case the type and parameter names for a string", status: 200, body: "hey",
			handler: setCT(`Text/Plain; Foo="a b"`, "hey"), headers: hdr(`text/plain; foo="a b"; charset=utf-8`),
		},
		{
			name: "should add charset=utf-8 to a non-text type for a string", status: 200, body: "hey",
			handler: setCT("application/octet-stream", "hey"), headers: hdr("application/octet-stream; charset=utf-8"),
		},
	})
}

func TestSendContentLength(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 100000)
	dashes := strings.Repeat("-", 999)
	sndRun(t, []sndCase{
		{
			name: "should count UTF-8 bytes, not runes", handler: send("café ☃"), status: 200, body: "café ☃",
			headers: map[string]string{"Content-Type": sndHTML, "Content-Length": "9", "Etag": `W/"9-99tVl4A6Vtds816MF3hLZxzDU3s"`},
		},
		{
			name: "should set Content-Length for a 999-byte body", handler: send(dashes), status: 200, body: dashes,
			headers: map[string]string{"Content-Type": sndHTML, "Content-Length": "999", "Etag": `W/"3e7-qPnkJ3CVdVhFJQvUBfF10TmVA7g"`},
		},
		{
			name: "should set Content-Length for a 100000-byte body", handler: send([]byte(big)), status: 200, body: big,
			headers: map[string]string{"Content-Type": sndOctet, "Content-Length": "100000", "Etag": `W/"186a0-9u6Z7d5hmaPpgsRu9yvdXLXkHd8"`},
		},
		{
			name: "should set neither Content-Length nor ETag when Transfer-Encoding is set", status: 200, body: "hey",
			handler: func(c *expresso.Context) error { return c.Set("Transfer-Encoding", "chunked").Send("hey") },
			headers: map[string]string{"Content-Type": sndHTML, "Transfer-Encoding": "chunked"},
		},
	})
}

func TestSendStatus(t *testing.T) {
	t.Parallel()
	ok := func(code int, text, tag string) sndCase {
		return sndCase{
			name:    "should send " + text + " for " + http.StatusText(code),
			handler: func(c *expresso.Context) error { return c.SendStatus(code) },
			status:  code, body: text,
			headers: map[string]string{"Content-Type": sndText, "Content-Length": strconv.Itoa(len(text)), "Etag": tag},
		}
	}
	cases := []sndCase{
		ok(200, "OK", `W/"2-nOO9QiTIwXgNtWtBJezz8kv3SLc"`),
		ok(201, "Created", `W/"7-rM9AyJuqT6iOan/xHh+AW+7K/T8"`),
		ok(404, "Not Found", `W/"9-0gXL1ngzMqISxa6S1zx3F4wtLyg"`),
		ok(413, "Payload Too Large", `W/"11-tmVuFIBFGqHEdrkpbdAvMZFrreg"`),
		ok(414, "URI Too Long", `W/"c-ij70pImM6K3M33wQIA+g4V+JRA4"`),
		ok(416, "Range Not Satisfiable", `W/"15-EmKRXcmgJ6/roNJBAidFWUB15sc"`),
		ok(418, "I'm a Teapot", `W/"c-2UDTmC4hdG5PUA+z8oDkrgejuV8"`),
		ok(500, "Internal Server Error", `W/"15-/6VXivhc2MKdLfIkLcUE47K6aH0"`),
		ok(509, "Bandwidth Limit Exceeded", `W/"18-wC/K7mrfDzETSX1G9GDBzC7W7pM"`),
		ok(599, "599", `W/"3-E7ckkFUw1N5b+utxS8LH8fLuKZI"`),
		ok(700, "700", `W/"3-2OS76jry5IYa1aRFquxXPgL5rKI"`),
		{
			name:    "should strip the body of 204 but keep the ETag of its text",
			handler: func(c *expresso.Context) error { return c.SendStatus(204) },
			status:  204, body: "",
			headers: map[string]string{"Etag": `W/"a-bAsFyilMr4Ra1hIU5PyoyFRunpI"`},
		},
		{
			name:    "should override a Content-Type set before",
			handler: func(c *expresso.Context) error { return c.Type("json").SendStatus(200) },
			status:  200, body: "OK",
			headers: map[string]string{"Content-Type": sndText, "Content-Length": "2", "Etag": `W/"2-nOO9QiTIwXgNtWtBJezz8kv3SLc"`},
		},
	}
	for i := range cases {
		cases[i].name = strings.ReplaceAll(cases[i].name, " for ", " for status "+strconv.Itoa(cases[i].status)+" ")
	}
	sndRun(t, cases)
}

func TestSendStatusInvalid(t *testing.T) {
	t.Parallel()
	for _, code := range []int{0, 99, 1000, -1} {
		t.Run("should refuse status "+strconv.Itoa(code)+" and send nothing", func(t *testing.T) {
			t.Parallel()
			var sent bool
			res, err := sndServe(t, sndCase{handler: func(c *expresso.Context) error {
				err := c.SendStatus(code)
				sent = c.HeadersSent()
				return err
			}})
			assert.ErrorIs(t, err, expresso.ErrInvalidStatus)
			assert.False(t, sent)
			// The error reaches the default error handler: a 500 page.
			assert.Equal(t, 500, res.StatusCode)
			assert.Empty(t, res.Header.Get("Etag"))
		})
	}
}
