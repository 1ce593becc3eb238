package expresso_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// sndRedirect returns a handler that redirects to url.
func sndRedirect(url string, status ...int) expresso.Handler {
	return func(c *expresso.Context) error { return c.Redirect(url, status...) }
}

// sndRedirectText returns the exact headers of a text redirect body to
// location.
func sndRedirectText(location, body string) map[string]string {
	return map[string]string{
		"Location": location, "Vary": "Accept", "Content-Type": sndText,
		"Content-Length": strconv.Itoa(len(body)),
	}
}

func TestRedirectStatus(t *testing.T) {
	t.Parallel()
	text := func(name string, status int, msg string) sndCase {
		body := msg + ". Redirecting to /next"
		var args []int
		if status != 302 {
			args = []int{status}
		}
		return sndCase{
			name: name, handler: sndRedirect("/next", args...),
			status: status, body: body, headers: sndRedirectText("/next", body),
		}
	}
	sndRun(t, []sndCase{
		text("should redirect with 302 Found by default", 302, "Found"),
		text("should redirect with 300", 300, "Multiple Choices"),
		text("should redirect with 301", 301, "Moved Permanently"),
		text("should redirect with 303", 303, "See Other"),
		text("should redirect with 307", 307, "Temporary Redirect"),
		text("should redirect with 308", 308, "Permanent Redirect"),
		text("should say undefined for 306, which has no text", 306, "undefined"),
		text("should say undefined for 399, which has no text", 399, "undefined"),
		{
			name: "should send no ETag even with ETagStrong", cfg: expresso.Config{ETag: expresso.ETagStrong},
			handler: sndRedirect("/next"),
			status:  302, body: "Found. Redirecting to /next", headers: sndRedirectText("/next", "Found. Redirecting to /next"),
		},
		{
			name: "should not answer 304 to a fresh request", header: http.Header{"If-None-Match": {"*"}},
			handler: sndRedirect("/next"),
			status:  302, body: "Found. Redirecting to /next", headers: sndRedirectText("/next", "Found. Redirecting to /next"),
		},
		{
			name: "should ignore a status set before", handler: func(c *expresso.Context) error {
				return c.Status(500).Redirect("/next")
			},
			status: 302, body: "Found. Redirecting to /next", headers: sndRedirectText("/next", "Found. Redirecting to /next"),
		},
	})
}

func TestRedirectInvalidStatus(t *testing.T) {
	t.Parallel()
	for _, code := range []int{100, 200, 299, 400, 500, 1000} {
		t.Run("should refuse status "+strconv.Itoa(code)+" and send nothing", func(t *testing.T) {
			t.Parallel()
			var sent bool
			res, err := sndServe(t, sndCase{handler: func(c *expresso.Context) error {
				err := c.Redirect("/next", code)
				sent = c.HeadersSent()
				return err
			}})
			assert.ErrorIs(t, err, expresso.ErrRedirectStatus)
			assert.False(t, sent)
			// The error reaches the default error handler, without any
			// header of the refused redirect.
			assert.Equal(t, 500, res.StatusCode)
			assert.Empty(t, res.Header.Values("Location"))
			assert.Empty(t, res.Header.Values("Vary"))
		})
	}
	t.Run("should refuse two statuses", func(t *testing.T) {
		t.Parallel()
		var sent bool
		_, err := sndServe(t, sndCase{handler: func(c *expresso.Context) error {
			err := c.Redirect("/next", 301, 302)
			sent = c.HeadersSent()
			return err
		}})
		assert.Error(t, err)
		assert.False(t, sent)
	})
}

func TestRedirectLocationEncoding(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, url, location string }{
		{"should keep a plain URL", "http://google.com", "http://google.com"},
		{"should encode non-ASCII as UTF-8", "http://example.com/ü/☃", "http://example.com/%C3%BC/%E2%98%83"},
		{"should encode space, quote and angle brackets", `/a b"<c>`, "/a%20b%22%3Cc%3E"},
		{"should encode backtick and braces", "/`{x}`", "/%60%7Bx%7D%60"},
		{"should keep valid escapes with their case", "/%e2%98%83/%2F", "/%e2%98%83/%2F"},
		{"should encode a percent sign not followed by two hex digits", "/100%/%zz/%2x/%%41", "/100%25/%25zz/%252x/%25%2541"},
		{"should keep a percent sign and one hex digit at the end, as encodeurl", "/a%2", "/a%2"},
		{"should keep backslashes", `http://google.com\@apple.com`, `http://google.com\@apple.com`},
		{"should keep the reserved characters", "/a?b=c&d=e#f;g,h:i@j!$'()*+[]|^~", "/a?b=c&d=e#f;g,h:i@j!$'()*+[]|^~"},
		{"should encode control characters", "/a\r\nb\x7f", "/a%0D%0Ab%7F"},
		{"should keep back as a literal", "back", "back"},
		{"should not resolve a relative URL", "../up", "../up"},
	}
	var rc []sndCase
	for _, tc := range cases {
		body := "Found. Redirecting to " + tc.location
		rc = append(rc, sndCase{
			name: tc.name, handler: sndRedirect(tc.url),
			status: 302, body: body, headers: sndRedirectText(tc.location, body),
		})
	}
	sndRun(t, rc)
}

func TestRedirectBody(t *testing.T) {
	t.Parallel()
	accept := func(v string) http.Header { return http.Header{"Accept": {v}} }
	html := func(location, esc string) (map[string]string, string) {
		body := "<!DOCTYPE html><head><title>Found</title></head><body><p>Found. Redirecting to " + esc + "</p></body>"
		return map[string]string{
			"Location": location, "Vary": "Accept", "Content-Type": sndHTML,
			"Content-Length": strconv.Itoa(len(body)),
		}, body
	}
	escHeaders, escBody := html("%3Cla'me%3E", "%3Cla&#39;me%3E")
	ampHeaders, ampBody := html("/s?a=1&b='2'", "/s?a=1&amp;b=&#39;2&#39;")
	nextHeaders, nextBody := html("/next", "/next")
	const textBody = "Found. Redirecting to /s?a=1&b='2'"
	empty := map[string]string{"Location": "/next", "Vary": "Accept", "Content-Length": "0"}
	sndRun(t, []sndCase{
		{
			name: "should send text, not HTML-escaped, without an Accept header", handler: sndRedirect("/s?a=1&b='2'"),
			status: 302, body: textBody, headers: sndRedirectText("/s?a=1&b='2'", textBody),
		},
		{
			name: "should send text for Accept: text/plain", header: accept("text/plain"), handler: sndRedirect("/s?a=1&b='2'"),
			status: 302, body: textBody, headers: sndRedirectText("/s?a=1&b='2'", textBody),
		},
		{
			name: "should send text for Accept: */*", header: accept("*/*"), handler: sndRedirect("/s?a=1&b='2'"),
			status: 302, body: textBody, headers: sndRedirectText("/s?a=1&b='2'", textBody),
		},
		{
			name: "should send the HTML document for Accept: text/html", header: accept("text/html"), handler: sndRedirect("/next"),
			status: 302, body: nextBody, headers: nextHeaders,
		},
		{
			name: "should HTML-escape the encoded URL", header: accept("text/html"), handler: sndRedirect("<la'me>"),
			status: 302, body: escBody, headers: escHeaders,
		},
		{
			name: "should HTML-escape & and quotes", header: accept("text/html"), handler: sndRedirect("/s?a=1&b='2'"),
			status: 302, body: ampBody, headers: ampHeaders,
		},
		{
			name: "should prefer HTML by q-value", header: accept("text/plain;q=0.5, text/html"), handler: sndRedirect("/next"),
			status: 302, body: nextBody, headers: nextHeaders,
		},
		{
			name: "should prefer text by q-value", header: accept("text/html;q=0.5, text/plain"), handler: sndRedirect("/next"),
			status: 302, body: "Found. Redirecting to /next", headers: sndRedirectText("/next", "Found. Redirecting to /next"),
		},
		{
			name:   "should send an empty body without Content-Type for Accept: application/json",
			header: accept("application/json"), handler: sndRedirect("/next"),
			status: 302, body: "", headers: empty,
		},
		{
			name:   "should remove a Content-Type set before for Accept: application/json",
			header: accept("application/json"), handler: func(c *expresso.Context) error {
				return c.Type("json").Redirect("/next")
			},
			status: 302, body: "", headers: empty,
		},
	})
}

func TestRedirectVary(t *testing.T) {
	t.Parallel()
	const body = "Found. Redirecting to /next"
	withVary := func(v string) map[string]string {
		h := sndRedirectText("/next", body)
		h["Vary"] = v
		return h
	}
	sndRun(t, []sndCase{
		{
			name: "should append Accept to an existing Vary", handler: func(c *expresso.Context) error {
				return c.Vary("Origin").Redirect("/next")
			},
			status: 302, body: body, headers: withVary("Origin, Accept"),
		},
		{
			name: "should not repeat Accept in Vary", handler: func(c *expresso.Context) error {
				return c.Vary("accept").Redirect("/next")
			},
			status: 302, body: body, headers: withVary("accept"),
		},
		{
			name: "should keep Vary: *", handler: func(c *expresso.Context) error {
				return c.Vary("*").Redirect("/next")
			},
			status: 302, body: body, headers: withVary("*"),
		},
	})
}

func TestRedirectHead(t *testing.T) {
	t.Parallel()
	const html = "<!DOCTYPE html><head><title>Found</title></head><body><p>Found. Redirecting to /next</p></body>"
	sndRun(t, []sndCase{
		{
			name: "should send the text headers with Content-Length but no body to HEAD", method: http.MethodHead,
			handler: sndRedirect("/next"),
			status:  302, body: "", headers: sndRedirectText("/next", "Found. Redirecting to /next"),
		},
		{
			name: "should send the HTML headers with Content-Length but no body to HEAD", method: http.MethodHead,
			header: http.Header{"Accept": {"text/html"}}, handler: sndRedirect("/next"),
			status: 302, body: "",
			headers: map[string]string{
				"Location": "/next", "Vary": "Accept", "Content-Type": sndHTML, "Content-Length": strconv.Itoa(len(html)),
			},
		},
	})
}

// TestRedirectWire checks on a real connection that a redirect with an
// empty body carries no Content-Type and the Location as given.
func TestRedirectWire(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(sndApp(expresso.Config{}, sndRedirect("/a b"), nil))
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
	require.NoError(t, err)
	req.Header.Set("Accept", "application/json")
	res, err := client.Do(req)
	require.NoError(t, err)
	assert.Equal(t, 302, res.StatusCode)
	assert.Equal(t, "", sndBody(t, res))
	res.Header.Del("Date")
	assert.Equal(t, http.Header{"Location": {"/a%20b"}, "Vary": {"Accept"}, "Content-Length": {"0"}}, res.Header)
}
