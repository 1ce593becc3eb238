package expresso_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// rqValue serves r with an App built from cfg whose only middleware
// computes read(c) and answers 204, and returns what read computed.
func rqValue[T any](t *testing.T, cfg expresso.Config, r *http.Request, read func(c *expresso.Context) T) T {
	t.Helper()
	var got T
	app, _ := rsApp(cfg)
	app.Use(func(c *expresso.Context) error {
		got = read(c)
		return c.SendStatus(http.StatusNoContent)
	})
	res, body := rsDo(t, app, r)
	require.Equal(t, http.StatusNoContent, res.StatusCode)
	require.Equal(t, "", body)
	return got
}

// rqGet returns a GET / request with the given header lines.
func rqGet(header http.Header) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	for k, vs := range header {
		r.Header[k] = vs
	}
	return r
}

func TestAccepts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		accept []string
		offers []string
		want   string
	}{
		{name: "should return the first offer without an Accept header", offers: []string{"json", "html"}, want: "json"},
		{name: "should return the extension as given", accept: []string{"application/json"},
			offers: []string{"html", "json"}, want: "json"},
		{name: "should return the full type as given", accept: []string{"application/json"},
			offers: []string{"text/html", "application/json"}, want: "application/json"},
		{name: "should return empty when nothing is acceptable", accept: []string{"application/json"},
			offers: []string{"html"}, want: ""},
		{name: "should take q-values into account", accept: []string{"text/html;q=.5, application/json"},
			offers: []string{"html", "json"}, want: "json"},
		{name: "should exclude a type with q=0 even under */*", accept: []string{"application/json;q=0, */*"},
			offers: []string{"json", "html"}, want: "html"},
		{name: "should return empty when the only offer has q=0", accept: []string{"application/json;q=0, */*"},
			offers: []string{"json"}, want: ""},
		{name: "should rank by the most specific matching range", accept: []string{"text/*, text/html;q=0.5"},
			offers: []string{"html", "text"}, want: "text"},
		{name: "should break ties by header order", accept: []string{"application/json, text/html"},
			offers: []string{"html", "json"}, want: "json"},
		{name: "should break full ties by offer order", accept: []string{"*/*"},
			offers: []string{"html", "json"}, want: "html"},
		{name: "should match a subtype wildcard", accept: []string{"image/*"},
			offers: []string{"html", "png"}, want: "png"},
		{name: "should never accept an unknown extension", accept: []string{"*/*"},
			offers: []string{"nosuchext", "json"}, want: "json"},
		{name: "should list the preferred type with no offers", accept: []string{"text/html;q=0.5, application/json"},
			want: "application/json"},
		{name: "should return */* with no offers and no Accept header", want: "*/*"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := rqGet(http.Header{"Accept": tc.accept})
			got := rqValue(t, expresso.Config{}, r, func(c *expresso.Context) string { return c.Accepts(tc.offers...) })
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestAcceptsCharsetsEncodingsLanguages(t *testing.T) {
	t.Parallel()
	charsets := func(c *expresso.Context, o []string) string { return c.AcceptsCharsets(o...) }
	encodings := func(c *expresso.Context, o []string) string { return c.AcceptsEncodings(o...) }
	languages := func(c *expresso.Context, o []string) string { return c.AcceptsLanguages(o...) }
	cases := []struct {
		name   string
		header http.Header
		fn     func(c *expresso.Context, offers []string) string
		offers []string
		want   string
	}{
		{name: "should accept any charset without Accept-Charset", fn: charsets,
			offers: []string{"utf-7", "utf-8"}, want: "utf-7"},
		{name: "should pick the charset with the highest q",
			header: http.Header{"Accept-Charset": {"utf-8, iso-8859-1;q=0.2, utf-7;q=0.5"}}, fn: charsets,
			offers: []string{"iso-8859-1", "utf-7"}, want: "utf-7"},
		{name: "should return empty for an unaccepted charset",
			header: http.Header{"Accept-Charset": {"utf-8"}}, fn: charsets, offers: []string{"utf-16"}, want: ""},
		{name: "should accept only identity without Accept-Encoding", fn: encodings,
			offers: []string{"gzip"}, want: ""},
		{name: "should pick identity without Accept-Encoding", fn: encodings,
			offers: []string{"gzip", "identity"}, want: "identity"},
		{name: "should break encoding ties by header order",
			header: http.Header{"Accept-Encoding": {"gzip, deflate"}}, fn: encodings,
			offers: []string{"deflate", "gzip"}, want: "gzip"},
		{name: "should keep identity acceptable when not excluded",
			header: http.Header{"Accept-Encoding": {"br;q=0.5"}}, fn: encodings,
			offers: []string{"gzip", "identity"}, want: "identity"},
		{name: "should exclude identity;q=0",
			header: http.Header{"Accept-Encoding": {"gzip, identity;q=0"}}, fn: encodings,
			offers: []string{"identity"}, want: ""},
		{name: "should list the preferred encoding with no offers",
			header: http.Header{"Accept-Encoding": {"gzip;q=0.5, br"}}, fn: encodings, want: "br"},
		{name: "should accept any language without Accept-Language", fn: languages,
			offers: []string{"fr", "en"}, want: "fr"},
		{name: "should pick the language with the highest q",
			header: http.Header{"Accept-Language": {"en;q=0.8, es, pt"}}, fn: languages,
			offers: []string{"en", "es"}, want: "es"},
		{name: "should match a language by the header's prefix",
			header: http.Header{"Accept-Language": {"en-US"}}, fn: languages, offers: []string{"en"}, want: "en"},
		{name: "should return empty for an unaccepted language",
			header: http.Header{"Accept-Language": {"en"}}, fn: languages, offers: []string{"fr"}, want: ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := rqValue(t, expresso.Config{}, rqGet(tc.header), func(c *expresso.Context) string {
				return tc.fn(c, tc.offers)
			})
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestIs(t *testing.T) {
	t.Parallel()
	post := func(ct, body string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/", nil)
		if body != "" {
			r = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		}
		if ct != "" {
			r.Header.Set("Content-Type", ct)
		}
		return r
	}
	cases := []struct {
		name  string
		r     *http.Request
		types []string
		want  string
	}{
		{name: "should return the extension as given", r: post("application/json; charset=utf-8", "{}"),
			types: []string{"html", "json"}, want: "json"},
		{name: "should return the full type as given", r: post("application/json", "{}"),
			types: []string{"application/json"}, want: "application/json"},
		{name: "should return the actual type for a wildcard", r: post("application/json", "{}"),
			types: []string{"*/json"}, want: "application/json"},
		{name: "should return the actual type for a +suffix", r: post("application/vnd.api+json", "{}"),
			types: []string{"+json"}, want: "application/vnd.api+json"},
		{name: "should return empty when nothing matches", r: post("text/plain", "x"),
			types: []string{"json"}, want: ""},
		{name: "should return empty without a Content-Type", r: post("", "x"), types: []string{"json"}, want: ""},
		{name: "should return empty for a request without a body", r: post("application/json", ""),
			types: []string{"json"}, want: ""},
		{name: "should return the media type with no arguments", r: post("Text/HTML; charset=utf-8", "x"),
			want: "text/html"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := rqValue(t, expresso.Config{}, tc.r, func(c *expresso.Context) string { return c.Is(tc.types...) })
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestXHR(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		header http.Header
		want   bool
	}{
		{name: "should be true for XMLHttpRequest", header: http.Header{"X-Requested-With": {"XMLHttpRequest"}}, want: true},
		{name: "should ignore case", header: http.Header{"X-Requested-With": {"xmlhttprequest"}}, want: true},
		{name: "should be false for another value", header: http.Header{"X-Requested-With": {"blahblah"}}},
		{name: "should be false without the header"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := rqValue(t, expresso.Config{}, rqGet(tc.header), func(c *expresso.Context) bool { return c.XHR() })
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestGet(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		header http.Header
		host   string
		field  string
		want   string
	}{
		{name: "should read a header case-insensitively", header: http.Header{"Content-Type": {"text/plain"}},
			field: "content-type", want: "text/plain"},
		{name: "should return empty for a missing header", field: "X-Missing", want: ""},
		{name: "should read Referer as Referrer", header: http.Header{"Referer": {"http://a/"}},
			field: "Referrer", want: "http://a/"},
		{name: "should read Referrer as Referer", header: http.Header{"Referrer": {"http://b/"}},
			field: "referer", want: "http://b/"},
		{name: "should prefer Referrer when both are present",
			header: http.Header{"Referer": {"http://a/"}, "Referrer": {"http://b/"}}, field: "Referer", want: "http://b/"},
		{name: "should read Host from the request", host: "example.com:8080", field: "host", want: "example.com:8080"},
		{name: "should join repeated fields with a comma", header: http.Header{"X-A": {"1", "2"}},
			field: "x-a", want: "1, 2"},
		{name: "should join Cookie lines with a semicolon", header: http.Header{"Cookie": {"a=1", "b=2"}},
			field: "Cookie", want: "a=1; b=2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := rqGet(tc.header)
			if tc.host != "" {
				r.Host = tc.host
			}
			got := rqValue(t, expresso.Config{}, r, func(c *expresso.Context) string { return c.Get(tc.field) })
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestQuery(t *testing.T) {
	t.Parallel()
	const target = "/?a=1&b=hello%20world&c=x+y&a=2&na%6De=v&bad=%zz&empty="
	cases := []struct {
		name, key, want string
	}{
		{name: "should return the first value", key: "a", want: "1"},
		{name: "should percent-decode the value", key: "b", want: "hello world"},
		{name: "should decode + as a space", key: "c", want: "x y"},
		{name: "should match a percent-encoded key", key: "name", want: "v"},
		{name: "should keep a value that does not decode", key: "bad", want: "%zz"},
		{name: "should return empty for an empty value", key: "empty", want: ""},
		{name: "should return empty for a missing key", key: "missing", want: ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest(http.MethodGet, target, nil)
			got := rqValue(t, expresso.Config{}, r, func(c *expresso.Context) string { return c.Query(tc.key) })
			assert.Equal(t, tc.want, got)
		})
	}
	t.Run("should return every decoded value, keeping a malformed escape as sent", func(t *testing.T) {
		t.Parallel()
		r := httptest.NewRequest(http.MethodGet, target, nil)
		got := rqValue(t, expresso.Config{}, r, func(c *expresso.Context) url.Values { return c.QueryValues() })
		assert.Equal(t, url.Values{"a": {"1", "2"}, "b": {"hello world"}, "c": {"x y"}, "name": {"v"},
			"bad": {"%zz"}, "empty": {""}}, got)
	})
}

func TestFreshAndStale(t *testing.T) {
	t.Parallel()
	type result struct{ Fresh, Stale bool }
	const lastModified = "Mon, 02 Jan 2006 15:04:05 GMT"
	cases := []struct {
		name   string
		method string
		header http.Header
		status int
		fresh  bool
	}{
		{name: "should be fresh when If-None-Match matches the ETag", header: http.Header{"If-None-Match": {`"abc"`}}, fresh: true},
		{name: "should compare ETags weakly", header: http.Header{"If-None-Match": {`W/"abc"`}}, fresh: true},
		{name: "should be fresh for If-None-Match: *", header: http.Header{"If-None-Match": {"*"}}, fresh: true},
		{name: "should be stale when no ETag in the list matches", header: http.Header{"If-None-Match": {`"x", "y"`}}},
		{name: "should be stale without conditional headers"},
		{name: "should be stale with Cache-Control: no-cache",
			header: http.Header{"If-None-Match": {`"abc"`}, "Cache-Control": {"no-cache"}}},
		{name: "should be fresh when not modified since",
			header: http.Header{"If-Modified-Since": {lastModified}}, fresh: true},
		{name: "should be stale when modified since",
			header: http.Header{"If-Modified-Since": {"Sun, 01 Jan 2006 15:04:05 GMT"}}},
		{name: "should be stale for POST", method: http.MethodPost, header: http.Header{"If-None-Match": {`"abc"`}}},
		{name: "should be fresh for HEAD", method: http.MethodHead, header: http.Header{"If-None-Match": {`"abc"`}}, fresh: true},
		{name: "should be stale for a 404", status: http.StatusNotFound, header: http.Header{"If-None-Match": {`"abc"`}}},
		{name: "should be fresh for a 304", status: http.StatusNotModified, header: http.Header{"If-None-Match": {`"abc"`}}, fresh: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			method := tc.method
			if method == "" {
				method = http.MethodGet
			}
			r := httptest.NewRequest(method, "/", nil)
			for k, vs := range tc.header {
				r.Header[k] = vs
			}
			status := tc.status
			if status == 0 {
				status = http.StatusOK
			}
			var got result
			app, _ := rsApp(expresso.Config{})
			app.All("/", func(c *expresso.Context) error {
				c.Set("ETag", `"abc"`).Set("Last-Modified", lastModified).Status(status)
				got = result{c.Fresh(), c.Stale()}
				// Answer a plain 200: End does no conditional GET of its own.
				return c.Status(http.StatusOK).End()
			})
			res, body := rsDo(t, app, r)
			assert.Equal(t, result{tc.fresh, !tc.fresh}, got)
			assert.Equal(t, http.StatusOK, res.StatusCode)
			assert.Equal(t, http.Header{"Etag": {`"abc"`}, "Last-Modified": {lastModified}, "Content-Length": {"0"}},
				rsHeader(res.Header))
			assert.Equal(t, "", body)
		})
	}
}
