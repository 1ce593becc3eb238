package expresso_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// bdPost returns a POST / with body and Content-Type ct (none when "").
// An unsized body has no Content-Length, as a chunked upload.
func bdPost(ct, body string, unsized bool) *http.Request {
	var r *http.Request
	if unsized {
		r = httptest.NewRequest(http.MethodPost, "/", io.MultiReader(strings.NewReader(body)))
		r.TransferEncoding = []string{"chunked"}
	} else {
		r = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	}
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	return r
}

func TestBodyShouldReadTheBodyOnce(t *testing.T) {
	t.Parallel()
	type result struct{ First, Second string }
	got := rqValue(t, expresso.Config{}, bdPost("text/plain", "hello", false), func(c *expresso.Context) result {
		a, err1 := c.Body()
		b, err2 := c.Body()
		require.NoError(t, err1)
		require.NoError(t, err2)
		return result{string(a), string(b)}
	})
	assert.Equal(t, result{"hello", "hello"}, got)
}

func TestBodyShouldBeEmptyWithoutABody(t *testing.T) {
	t.Parallel()
	got := rqValue(t, expresso.Config{}, httptest.NewRequest(http.MethodGet, "/", nil), func(c *expresso.Context) []byte {
		b, err := c.Body()
		require.NoError(t, err)
		return b
	})
	assert.Empty(t, got)
}

type bdForm struct {
	Name  string   `form:"name"`
	Age   int      `form:"age"`
	Tags  []string `form:"tags"`
	OK    bool     `form:"ok"`
	Ratio float64  `form:"ratio"`
	Small uint8    `form:"small"`
	Skip  string   `form:"-"`
	Plain string
}

type bdUser struct {
	Name string `json:"name"`
	Age  int    `json:"age"`
}

func TestBind(t *testing.T) {
	t.Parallel()
	form := "name=tobi&age=3&tags=a&tags=b&ok=true&ratio=0.5&small=7&-=x&Skip=y&Plain=p%20q"
	cases := []struct {
		name string
		r    *http.Request
		into func() any
		want any
	}{
		{name: "should decode JSON", r: bdPost("application/json", `{"name":"tobi","age":3}`, false),
			into: func() any { return &bdUser{} }, want: &bdUser{"tobi", 3}},
		{name: "should decode JSON with a charset", r: bdPost("application/json; charset=utf-8", `{"name":"loki"}`, false),
			into: func() any { return &bdUser{} }, want: &bdUser{Name: "loki"}},
		{name: "should decode a +json type", r: bdPost("application/vnd.api+json", `{"age":5}`, false),
			into: func() any { return &bdUser{} }, want: &bdUser{Age: 5}},
		{name: "should decode an unsized JSON body", r: bdPost("application/json", `{"age":6}`, true),
			into: func() any { return &bdUser{} }, want: &bdUser{Age: 6}},
		{name: "should decode a form into a struct by form tags", r: bdPost("application/x-www-form-urlencoded", form, false),
			into: func() any { return &bdForm{} },
			want: &bdForm{Name: "tobi", Age: 3, Tags: []string{"a", "b"}, OK: true, Ratio: 0.5, Small: 7, Plain: "p q"}},
		{name: "should decode a form into url.Values", r: bdPost("application/x-www-form-urlencoded", "a=1&a=2&b=x+y", false),
			into: func() any { return &url.Values{} }, want: &url.Values{"a": {"1", "2"}, "b": {"x y"}}},
		{name: "should decode a form into a map of first values",
			r:    bdPost("application/x-www-form-urlencoded; charset=utf-8", "a=1&a=2&b=x+y", false),
			into: func() any { return &map[string]string{} }, want: &map[string]string{"a": "1", "b": "x y"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := rqValue(t, expresso.Config{}, tc.r, func(c *expresso.Context) any {
				v := tc.into()
				require.NoError(t, c.Bind(v))
				return v
			})
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestBindAfterBodyShouldReuseTheBody(t *testing.T) {
	t.Parallel()
	got := rqValue(t, expresso.Config{}, bdPost("application/json", `{"name":"tobi"}`, false), func(c *expresso.Context) bdUser {
		_, err := c.Body()
		require.NoError(t, err)
		var u bdUser
		require.NoError(t, c.Bind(&u))
		return u
	})
	assert.Equal(t, bdUser{Name: "tobi"}, got)
}

func TestBindErrors(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 1<<20+1)
	cases := []struct {
		name   string
		cfg    expresso.Config
		r      *http.Request
		into   any
		status int
		msg    string
	}{
		{name: "should answer 413 over BodyLimit", cfg: expresso.Config{BodyLimit: 10},
			r: bdPost("application/json", `{"name":"x"}`, false), into: &bdUser{},
			status: 413, msg: "request entity too large: the limit is 10 bytes"},
		{name: "should answer 413 for an unsized body over BodyLimit", cfg: expresso.Config{BodyLimit: 10},
			r: bdPost("application/json", `{"name":"x"}`, true), into: &bdUser{},
			status: 413, msg: "request entity too large: the limit is 10 bytes"},
		{name: "should answer 413 over the default 1 MiB limit", r: bdPost("text/plain", big, false),
			into: &bdUser{}, status: 413, msg: "request entity too large: the limit is 1048576 bytes"},
		{name: "should answer 415 for an unsupported Content-Type", r: bdPost("text/plain", "hi", false),
			into: &bdUser{}, status: 415, msg: "unsupported Content-Type: text/plain"},
		{name: "should answer 415 without a Content-Type", r: bdPost("", "hi", false),
			into: &bdUser{}, status: 415, msg: "unsupported Content-Type: none"},
		{name: "should answer 400 for malformed JSON", r: bdPost("application/json", "{", false),
			into: &bdUser{}, status: 400, msg: "invalid JSON body: unexpected end of JSON input"},
		{name: "should answer 400 for JSON of the wrong shape", r: bdPost("application/json", `{"age":"x"}`, false),
			into: &bdUser{}, status: 400,
			msg: "invalid JSON body: json: cannot unmarshal string into Go struct field bdUser.age of type int"},
		{name: "should answer 400 for a form field that does not parse",
			r: bdPost("application/x-www-form-urlencoded", "age=x", false), into: &bdForm{}, status: 400,
			msg: `invalid form field "age": strconv.ParseInt: parsing "x": invalid syntax`},
		{name: "should answer 400 for a form value out of range",
			r: bdPost("application/x-www-form-urlencoded", "small=300", false), into: &bdForm{}, status: 400,
			msg: `invalid form field "small": strconv.ParseUint: parsing "300": value out of range`},
		{name: "should answer 500 for a form bound into a non-struct", cfg: expresso.Config{Env: "development"},
			r: bdPost("application/x-www-form-urlencoded", "a=1", false), into: new(int), status: 500,
			msg: "expresso: Bind: a form body binds to *url.Values, *map[string]string, *map[string][]string or a pointer to a struct, not *int"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app, _ := rsApp(tc.cfg)
			var got error
			app.Post("/", func(c *expresso.Context) error {
				got = c.Bind(tc.into)
				return got
			})
			tc.r.Header.Set("Accept", "text/plain")
			res, body := rsDo(t, app, tc.r)
			var he *expresso.HTTPError
			if tc.status < 500 {
				require.ErrorAs(t, got, &he)
				assert.Equal(t, tc.status, he.StatusCode())
			}
			assert.EqualError(t, got, tc.msg)
			assert.Equal(t, tc.status, res.StatusCode)
			assert.Equal(t, http.Header{
				"Content-Type":            {"text/plain; charset=utf-8"},
				"Content-Security-Policy": {"default-src 'none'"},
				"X-Content-Type-Options":  {"nosniff"},
				"Content-Length":          {strconv.Itoa(len(tc.msg))},
			}, rsHeader(res.Header))
			assert.Equal(t, tc.msg, body)
		})
	}
}

func TestBodyShouldNotLimitANegativeBodyLimit(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 2<<20)
	got := rqValue(t, expresso.Config{BodyLimit: -1}, bdPost("text/plain", big, true), func(c *expresso.Context) int {
		b, err := c.Body()
		require.NoError(t, err)
		return len(b)
	})
	assert.Equal(t, len(big), got)
}

func TestBodyShouldAcceptABodyOfExactlyBodyLimit(t *testing.T) {
	t.Parallel()
	got := rqValue(t, expresso.Config{BodyLimit: 5}, bdPost("text/plain", "12345", true), func(c *expresso.Context) string {
		b, err := c.Body()
		require.NoError(t, err)
		return string(b)
	})
	assert.Equal(t, "12345", got)
}

func TestBodyShouldFailAgainAfterAFailedRead(t *testing.T) {
	t.Parallel()
	type result struct {
		First, Second string
		Rest          int
	}
	// An unsized body twice the limit: the first read stops past the limit.
	r := bdPost("text/plain", strings.Repeat("x", 20), true)
	got := rqValue(t, expresso.Config{BodyLimit: 10}, r, func(c *expresso.Context) result {
		b1, err1 := c.Body()
		b2, err2 := c.Body()
		require.Error(t, err1)
		require.Error(t, err2)
		return result{err1.Error(), err2.Error(), len(b1) + len(b2)}
	})
	assert.Equal(t, result{"request entity too large: the limit is 10 bytes",
		"request entity too large: the limit is 10 bytes", 0}, got)
}
