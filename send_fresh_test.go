package expresso_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// The weak ETag of "hey".
const sndHeyTag = `W/"3-f1UKn0xEFzo3Zk2TjxNV8PkqR6c"`

func TestSendFreshness(t *testing.T) {
	t.Parallel()
	const (
		lm     = "Sat, 01 Jan 2000 00:00:00 GMT"
		before = "Fri, 31 Dec 1999 23:59:59 GMT"
		after  = "Sun, 02 Jan 2000 00:00:00 GMT"
	)
	full := map[string]string{"Content-Type": sndHTML, "Content-Length": "3", "Etag": sndHeyTag}
	notModified := map[string]string{"Etag": sndHeyTag}
	inm := func(v string) http.Header { return http.Header{"If-None-Match": {v}} }
	withLM := func(c *expresso.Context) error { return c.Set("Last-Modified", lm).Send("hey") }
	off := expresso.Config{ETag: expresso.ETagOff}
	sndRun(t, []sndCase{
		{
			name: "should answer 304 when If-None-Match matches the ETag", header: inm(sndHeyTag), handler: send("hey"),
			status: 304, body: "", headers: notModified,
		},
		{
			name:   "should answer 304 when If-None-Match has the strong form of the weak ETag",
			header: inm(`"3-f1UKn0xEFzo3Zk2TjxNV8PkqR6c"`), handler: send("hey"),
			status: 304, body: "", headers: notModified,
		},
		{
			name:   "should answer 304 when one ETag of an If-None-Match list matches",
			header: inm(`"foo", ` + sndHeyTag + `, "bar"`), handler: send("hey"),
			status: 304, body: "", headers: notModified,
		},
		{
			name: "should answer 200 when If-None-Match does not match", header: inm(`"foo", W/"bar"`), handler: send("hey"),
			status: 200, body: "hey", headers: full,
		},
		{
			name: "should answer 304 for If-None-Match * even without an ETag", cfg: off, header: inm("*"), handler: send("hey"),
			status: 304, body: "", headers: map[string]string{},
		},
		{
			name: "should answer 304 for If-None-Match * with an ETag", header: inm("*"), handler: send("hey"),
			status: 304, body: "", headers: notModified,
		},
		{
			name: "should answer 200 for If-None-Match when ETags are off", cfg: off, header: inm(sndHeyTag), handler: send("hey"),
			status: 200, body: "hey", headers: map[string]string{"Content-Type": sndHTML, "Content-Length": "3"},
		},
		{
			name: "should answer 304 when If-None-Match matches an ETag set by the handler", header: inm(`"v1"`),
			handler: func(c *expresso.Context) error { return c.Set("ETag", `"v1"`).Send("hey") },
			status:  304, body: "", headers: map[string]string{"Etag": `"v1"`},
		},
		{
			name:   "should answer 304 for a JSON body whose ETag matches",
			header: inm(`W/"f-qIK0X/nQnRj+NhHq0jdAWOGlL/c"`), handler: func(c *expresso.Context) error {
				return c.JSON(sndUser{Name: "tobi"})
			},
			status: 304, body: "", headers: map[string]string{"Etag": `W/"f-qIK0X/nQnRj+NhHq0jdAWOGlL/c"`},
		},
		{
			name: "should answer 304 when If-Modified-Since equals Last-Modified", cfg: off,
			header: http.Header{"If-Modified-Since": {lm}}, handler: withLM,
			status: 304, body: "", headers: map[string]string{"Last-Modified": lm},
		},
		{
			name: "should answer 304 when If-Modified-Since is after Last-Modified", cfg: off,
			header: http.Header{"If-Modified-Since": {after}}, handler: withLM,
			status: 304, body: "", headers: map[string]string{"Last-Modified": lm},
		},
		{
			name: "should answer 200 when If-Modified-Since is before Last-Modified", cfg: off,
			header: http.Header{"If-Modified-Since": {before}}, handler: withLM,
			status: 200, body: "hey", headers: map[string]string{"Content-Type": sndHTML, "Content-Length": "3", "Last-Modified": lm},
		},
		{
			name: "should answer 200 for If-Modified-Since without Last-Modified", header: http.Header{"If-Modified-Since": {after}},
			handler: send("hey"), status: 200, body: "hey", headers: full,
		},
		{
			name:   "should let If-None-Match take precedence over If-Modified-Since",
			header: http.Header{"If-None-Match": {`"nope"`}, "If-Modified-Since": {after}}, handler: withLM,
			status: 200, body: "hey",
			headers: map[string]string{"Content-Type": sndHTML, "Content-Length": "3", "Etag": sndHeyTag, "Last-Modified": lm},
		},
		{
			name:   "should answer 200 when the request has Cache-Control: no-cache",
			header: http.Header{"If-None-Match": {sndHeyTag}, "Cache-Control": {"no-cache"}}, handler: send("hey"),
			status: 200, body: "hey", headers: full,
		},
		{
			name:   "should answer 200 when Cache-Control lists no-cache",
			header: http.Header{"If-None-Match": {"*"}, "Cache-Control": {"max-age=0, no-cache"}}, handler: send("hey"),
			status: 200, body: "hey", headers: full,
		},
		{
			name: "should answer 304 to HEAD", method: http.MethodHead, header: inm(sndHeyTag), handler: send("hey"),
			status: 304, body: "", headers: notModified,
		},
		{
			name: "should answer 304 to QUERY", method: "QUERY", header: inm(sndHeyTag), handler: send("hey"),
			status: 304, body: "", headers: notModified,
		},
		{
			name: "should answer 200 to POST even when fresh", method: http.MethodPost, header: inm(sndHeyTag), handler: send("hey"),
			status: 200, body: "hey", headers: full,
		},
		{
			name: "should answer 200 to PUT for If-None-Match *", method: http.MethodPut, header: inm("*"), handler: send("hey"),
			status: 200, body: "hey", headers: full,
		},
		{
			name: "should keep a 404 when fresh", header: inm(sndHeyTag),
			handler: func(c *expresso.Context) error { return c.Status(404).Send("hey") },
			status:  404, body: "hey", headers: full,
		},
		{
			name: "should keep a 301 when fresh", header: inm("*"),
			handler: func(c *expresso.Context) error { return c.Status(301).Send("hey") },
			status:  301, body: "hey", headers: full,
		},
		{
			name: "should answer 304 to a 201 when fresh", header: inm(sndHeyTag),
			handler: func(c *expresso.Context) error { return c.Status(201).Send("hey") },
			status:  304, body: "", headers: notModified,
		},
		{
			name: "should answer 304 for a streamed io.Reader with If-None-Match *", header: inm("*"),
			handler: send(strings.NewReader("streamed")),
			status:  304, body: "", headers: map[string]string{},
		},
	})
}

func TestSendEmptyBodyStatuses(t *testing.T) {
	t.Parallel()
	sndRun(t, []sndCase{
		{
			name: "should strip Content-Type and Content-Length for 204 but keep ETag and other headers",
			handler: func(c *expresso.Context) error {
				return c.Status(204).Set("X-Foo", "bar").Set("Last-Modified", "Sat, 01 Jan 2000 00:00:00 GMT").Type("txt").Send("hey")
			},
			status: 204, body: "",
			headers: map[string]string{"Etag": sndHeyTag, "X-Foo": "bar", "Last-Modified": "Sat, 01 Jan 2000 00:00:00 GMT"},
		},
		{
			name: "should strip Transfer-Encoding for 204",
			handler: func(c *expresso.Context) error {
				return c.Status(204).Set("Transfer-Encoding", "chunked").Send("foo")
			},
			status: 204, body: "", headers: map[string]string{},
		},
		{
			name:    "should strip the body of a JSON 204",
			handler: func(c *expresso.Context) error { return c.Status(204).JSON(sndUser{Name: "tobi"}) },
			status:  204, body: "", headers: map[string]string{"Etag": `W/"f-qIK0X/nQnRj+NhHq0jdAWOGlL/c"`},
		},
		{
			name:    "should strip a streamed body for 204",
			handler: func(c *expresso.Context) error { return c.Status(204).Send(strings.NewReader("streamed")) },
			status:  204, body: "", headers: map[string]string{},
		},
		{
			name:    "should send Content-Length 0 and no ETag for a streamed 205",
			handler: func(c *expresso.Context) error { return c.Status(205).Send(strings.NewReader("streamed")) },
			status:  205, body: "", headers: map[string]string{"Content-Type": sndOctet, "Content-Length": "0"},
		},
		{
			name: "should strip Content-Type and Content-Length for 304 but keep ETag",
			handler: func(c *expresso.Context) error {
				return c.Status(304).Set("X-Foo", "bar").Send([]byte("hey"))
			},
			status: 304, body: "", headers: map[string]string{"Etag": sndHeyTag, "X-Foo": "bar"},
		},
		{
			name: "should strip Transfer-Encoding for 304",
			handler: func(c *expresso.Context) error {
				return c.Status(304).Set("Transfer-Encoding", "chunked").Send("foo")
			},
			status: 304, body: "", headers: map[string]string{},
		},
		{
			name:    "should send Content-Length 0 and no body for 205, keeping Content-Type and ETag",
			handler: func(c *expresso.Context) error { return c.Status(205).Send("hey") },
			status:  205, body: "",
			headers: map[string]string{"Content-Type": sndHTML, "Content-Length": "0", "Etag": sndHeyTag},
		},
		{
			name: "should strip Transfer-Encoding and set Content-Length 0 for 205",
			handler: func(c *expresso.Context) error {
				return c.Status(205).Set("Transfer-Encoding", "chunked").Send("foo")
			},
			status: 205, body: "", headers: map[string]string{"Content-Type": sndHTML, "Content-Length": "0"},
		},
		{
			name:    "should send Content-Length 0 for 205 from SendStatus",
			handler: func(c *expresso.Context) error { return c.SendStatus(205) },
			status:  205, body: "",
			headers: map[string]string{"Content-Type": sndText, "Content-Length": "0", "Etag": `W/"d-yL62EER5Ke7tFugRpssh46aJ7As"`},
		},
	})
}

func TestSendHead(t *testing.T) {
	t.Parallel()
	head := http.MethodHead
	sndRun(t, []sndCase{
		{
			name: "should send the GET headers with Content-Length and ETag but no body to HEAD", method: head,
			handler: send("hey"), status: 200, body: "",
			headers: map[string]string{"Content-Type": sndHTML, "Content-Length": "3", "Etag": sndHeyTag},
		},
		{
			name: "should send the JSON headers but no body to HEAD", method: head,
			handler: func(c *expresso.Context) error { return c.JSON(sndUser{Name: "tobi"}) }, status: 200, body: "",
			headers: map[string]string{"Content-Type": sndJSON, "Content-Length": "15", "Etag": `W/"f-qIK0X/nQnRj+NhHq0jdAWOGlL/c"`},
		},
		{
			name: "should send the SendStatus headers but no body to HEAD", method: head,
			handler: func(c *expresso.Context) error { return c.SendStatus(404) }, status: 404, body: "",
			headers: map[string]string{"Content-Type": sndText, "Content-Length": "9", "Etag": `W/"9-0gXL1ngzMqISxa6S1zx3F4wtLyg"`},
		},
		{
			name: "should send no body for a streamed io.Reader to HEAD", method: head,
			handler: send(strings.NewReader("streamed")), status: 200, body: "",
			headers: map[string]string{"Content-Type": sndOctet},
		},
	})
}

// TestSendHeadWire checks on a real connection that HEAD gets exactly the
// headers GET gets (Date aside), Content-Length included.
func TestSendHeadWire(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		h    expresso.Handler
	}{
		{"should send identical headers to GET and HEAD for a string", send("hey")},
		{"should send identical headers to GET and HEAD for nil", send(nil)},
		{"should send identical headers to GET and HEAD for JSON", func(c *expresso.Context) error {
			return c.JSON(map[string]string{"a": "b"})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(sndApp(expresso.Config{}, tc.h, nil))
			defer srv.Close()
			get, err := http.Get(srv.URL)
			require.NoError(t, err)
			getBody := sndBody(t, get)
			head, err := http.Head(srv.URL)
			require.NoError(t, err)
			assert.Equal(t, "", sndBody(t, head))
			get.Header.Del("Date")
			head.Header.Del("Date")
			assert.Equal(t, get.Header, head.Header)
			assert.Equal(t, strconv.Itoa(len(getBody)), head.Header.Get("Content-Length"))
			assert.Equal(t, get.ContentLength, head.ContentLength)
		})
	}
}
