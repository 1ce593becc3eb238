package expresso_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso"
)

// sndHdr returns the headers of a body with Content-Type ct: Content-Length
// n and ETag tag, plus X-Content-Type-Options: nosniff when nosniff is set.
func sndHdr(ct, n, tag string, nosniff bool) map[string]string {
	h := map[string]string{"Content-Type": ct, "Content-Length": n, "Etag": tag}
	if nosniff {
		h["X-Content-Type-Options"] = "nosniff"
	}
	return h
}

func sndJSONOf(v any) expresso.Handler {
	return func(c *expresso.Context) error { return c.JSON(v) }
}

func sndJSONPOf(v any) expresso.Handler {
	return func(c *expresso.Context) error { return c.JSONP(v) }
}

func TestJSON(t *testing.T) {
	t.Parallel()
	const vnd = "application/vnd.example+json"
	sndRun(t, []sndCase{
		{
			name: "should send application/json with charset and no trailing newline", handler: sndJSONOf(sndUser{Name: "tobi"}),
			status: 200, body: `{"name":"tobi"}`, headers: sndHdr(sndJSON, "15", `W/"f-qIK0X/nQnRj+NhHq0jdAWOGlL/c"`, false),
		},
		{
			name:    "should keep a custom Content-Type and add charset=utf-8",
			handler: func(c *expresso.Context) error { return c.Type(vnd).JSON(sndUser{Name: "tobi"}) },
			status:  200, body: `{"name":"tobi"}`, headers: sndHdr(vnd+"; charset=utf-8", "15", `W/"f-qIK0X/nQnRj+NhHq0jdAWOGlL/c"`, false),
		},
		{
			name: "should force charset=utf-8 on a custom Content-Type",
			handler: func(c *expresso.Context) error {
				return c.Set("Content-Type", vnd+"; charset=iso-8859-1").JSON(sndUser{Name: "tobi"})
			},
			status: 200, body: `{"name":"tobi"}`, headers: sndHdr(vnd+"; charset=utf-8", "15", `W/"f-qIK0X/nQnRj+NhHq0jdAWOGlL/c"`, false),
		},
		{
			name: "should not escape HTML characters by default", handler: sndJSONOf(map[string]string{"html": "<b>&</b>"}),
			status: 200, body: `{"html":"<b>&</b>"}`, headers: sndHdr(sndJSON, "19", `W/"13-RaVVEONB5rCD+IqDIfvcmpiyV/I"`, false),
		},
		{
			name: "should escape exactly <, > and & with JSONEscape, keys included", cfg: expresso.Config{JSONEscape: true},
			handler: sndJSONOf(map[string]string{"<k>": "a&b>é'"}),
			status:  200, body: `{"\u003ck\u003e":"a\u0026b\u003eé'"}`, headers: sndHdr(sndJSON, "37", `W/"25-k9CMKKpR9n54GGz3Z/VeNbHfa90"`, false),
		},
		{
			name: "should indent with JSONIndent as JSON.stringify does", cfg: expresso.Config{JSONIndent: "  "},
			handler: sndJSONOf(map[string]any{"a": 1, "b": []int{1, 2}, "e": map[string]int{}}),
			status:  200, body: "{\n  \"a\": 1,\n  \"b\": [\n    1,\n    2\n  ],\n  \"e\": {}\n}",
			headers: sndHdr(sndJSON, "50", `W/"32-eK/UeJmQpXh0ohE4rZ29Q6CaG/U"`, false),
		},
		{
			name: "should leave U+2028 and U+2029 raw", handler: sndJSONOf(map[string]string{"s": "a\u2028b\u2029c"}),
			status: 200, body: "{\"s\":\"a\u2028b\u2029c\"}", headers: sndHdr(sndJSON, "17", `W/"11-c7QRyrbzik7q9xlrNOipAqvGlG8"`, false),
		},
		{
			name: "should keep an escaped backslash before u2028", handler: sndJSONOf(map[string]string{"s": `\u2028`}),
			status: 200, body: `{"s":"\\u2028"}`, headers: sndHdr(sndJSON, "15", `W/"f-9M5ATbmolraVVZhYykKItV7YbGY"`, false),
		},
		{
			name: "should send nil as null", handler: sndJSONOf(nil),
			status: 200, body: "null", headers: sndHdr(sndJSON, "4", `W/"4-K+iMpCQsduglOsYkdIUQZQMtaDM"`, false),
		},
		{
			name: "should send a number", handler: sndJSONOf(300),
			status: 200, body: "300", headers: sndHdr(sndJSON, "3", `W/"3-4mlz5u6Kuc2Ms/IH0bkPANJmnv8"`, false),
		},
		{
			name: "should JSON-encode a string", handler: sndJSONOf("str"),
			status: 200, body: `"str"`, headers: sndHdr(sndJSON, "5", `W/"5-KJsbahNWDD6ylnoMofCYhUdvKNI"`, false),
		},
		{
			name: "should send an empty slice as []", handler: sndJSONOf([]string{}),
			status: 200, body: "[]", headers: sndHdr(sndJSON, "2", `W/"2-l9Fw4VUO7kr8CvBlt4zaMCqXZ0w"`, false),
		},
		{
			name: "should keep the status set before", handler: func(c *expresso.Context) error {
				return c.Status(201).JSON(nil)
			},
			status: 201, body: "null", headers: sndHdr(sndJSON, "4", `W/"4-K+iMpCQsduglOsYkdIUQZQMtaDM"`, false),
		},
	})
}

func TestJSONUnencodable(t *testing.T) {
	t.Parallel()
	var sent bool
	res, err := sndServe(t, sndCase{handler: func(c *expresso.Context) error {
		err := c.JSON(func() {})
		sent = c.HeadersSent()
		return err
	}})
	assert.Error(t, err)
	assert.False(t, sent, "nothing may be sent for a value JSON cannot encode")
	assert.Equal(t, 500, res.StatusCode)
}

func TestJSONP(t *testing.T) {
	t.Parallel()
	const js = "text/javascript; charset=utf-8"
	count := map[string]int{"count": 1}
	jsonCount := sndHdr(sndJSON, "11", `W/"b-qA97yBec1rrOyf2eVsYdWwFPOso"`, true)
	sndRun(t, []sndCase{
		{
			name: "should wrap the JSON in the callback from ?callback", target: "/?callback=something", handler: sndJSONPOf(count),
			status: 200, body: `/**/ typeof something === 'function' && something({"count":1});`,
			headers: sndHdr(js, "63", `W/"3f-HyxmwoevWMtNUHa3U++ZyMsZd5E"`, true),
		},
		{
			name: "should send JSON with nosniff without a callback", handler: sndJSONPOf(count),
			status: 200, body: `{"count":1}`, headers: jsonCount,
		},
		{
			name: "should send JSON with nosniff for an empty callback", target: "/?callback=", handler: sndJSONPOf(count),
			status: 200, body: `{"count":1}`, headers: jsonCount,
		},
		{
			name: "should ignore callback[a] in the query", target: "/?callback%5Ba%5D=x", handler: sndJSONPOf(count),
			status: 200, body: `{"count":1}`, headers: jsonCount,
		},
		{
			name: "should use the first of several callbacks", target: "/?callback=a&callback=b", handler: sndJSONPOf(count),
			status: 200, body: `/**/ typeof a === 'function' && a({"count":1});`,
			headers: sndHdr(js, "47", `W/"2f-HLUkgJ2pu8FzAIMo7gPMXb08AYM"`, true),
		},
		{
			name: "should use Config.JSONPCallback as the query name", cfg: expresso.Config{JSONPCallback: "clb"},
			target: "/?clb=something", handler: sndJSONPOf(count),
			status: 200, body: `/**/ typeof something === 'function' && something({"count":1});`,
			headers: sndHdr(js, "63", `W/"3f-HyxmwoevWMtNUHa3U++ZyMsZd5E"`, true),
		},
		{
			name: "should ignore ?callback when Config.JSONPCallback names another", cfg: expresso.Config{JSONPCallback: "clb"},
			target: "/?callback=something", handler: sndJSONPOf(count),
			status: 200, body: `{"count":1}`, headers: jsonCount,
		},
		{
			name: "should strip characters outside [A-Za-z0-9_$.[]] from the callback", target: "/?callback=foo%3Bbar%28%29",
			handler: sndJSONPOf(count),
			status:  200, body: `/**/ typeof foobar === 'function' && foobar({"count":1});`,
			headers: sndHdr(js, "57", `W/"39-BGbUj5Fzsflbgf7qxsGLx5MM9dY"`, true),
		},
		{
			name: "should keep brackets in the callback", target: "/?callback=callbacks%5B123%5D", handler: sndJSONPOf(count),
			status: 200, body: `/**/ typeof callbacks[123] === 'function' && callbacks[123]({"count":1});`,
			headers: sndHdr(js, "73", `W/"49-KL6C+ocOEo+QVV712DqZfuHHdYY"`, true),
		},
		{
			name: "should take the JSONP path for a callback that sanitises to nothing", target: "/?callback=%28%29%3B",
			handler: sndJSONPOf(count),
			status:  200, body: `/**/ typeof  === 'function' && ({"count":1});`,
			headers: sndHdr(js, "45", `W/"2d-jeLI6QHtjkmCpnDPIjkQgL9uYtM"`, true),
		},
		{
			name: "should escape U+2028 and U+2029 with a callback", target: "/?callback=cb",
			handler: sndJSONPOf(map[string]string{"s": "a\u2028b\u2029c"}),
			status:  200, body: `/**/ typeof cb === 'function' && cb({"s":"a\u2028b\u2029c"});`,
			headers: sndHdr(js, "61", `W/"3d-O1Zz5inWJAYLuvI3dcU9nf6lzbs"`, true),
		},
		{
			name: "should leave U+2028 and U+2029 raw without a callback", handler: sndJSONPOf(map[string]string{"s": "a\u2028b\u2029c"}),
			status: 200, body: "{\"s\":\"a\u2028b\u2029c\"}", headers: sndHdr(sndJSON, "17", `W/"11-c7QRyrbzik7q9xlrNOipAqvGlG8"`, true),
		},
		{
			name: "should apply JSONEscape inside the callback", cfg: expresso.Config{JSONEscape: true}, target: "/?callback=cb",
			handler: sndJSONPOf(map[string]string{"a": "<>&"}),
			status:  200, body: `/**/ typeof cb === 'function' && cb({"a":"\u003c\u003e\u0026"});`,
			headers: sndHdr(js, "64", `W/"40-Dftp5iIoOw2qlm38XXd6iAirgig"`, true),
		},
		{
			name: "should override a Content-Type set before with a callback", target: "/?callback=cb",
			handler: func(c *expresso.Context) error { return c.Type("json").JSONP(sndUser{Name: "tobi"}) },
			status:  200, body: `/**/ typeof cb === 'function' && cb({"name":"tobi"});`,
			headers: sndHdr(js, "53", `W/"35-bb5Qkw8MLmCdX2FklR+vWGipK+k"`, true),
		},
		{
			name: "should keep a Content-Type set before, without nosniff, when there is no callback",
			handler: func(c *expresso.Context) error {
				return c.Type("application/vnd.example+json").JSONP(sndUser{Name: "tobi"})
			},
			status: 200, body: `{"name":"tobi"}`,
			headers: sndHdr("application/vnd.example+json; charset=utf-8", "15", `W/"f-qIK0X/nQnRj+NhHq0jdAWOGlL/c"`, false),
		},
	})
}
