package expresso_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

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

const bdFormType = "application/x-www-form-urlencoded"

// bdZeroLength is a POST with Content-Length: 0 and Content-Type ct.
func bdZeroLength(ct string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/", http.NoBody)
	r.Header.Set("Content-Length", "0")
	r.Header.Set("Content-Type", ct)
	return r
}

func TestBind(t *testing.T) {
	t.Parallel()
	form := "name=tobi&age=3&tags=a&tags=b&ok=true&ratio=0.5&small=7&-=x&Skip=y&Plain=p%20q"
	many := strings.Repeat("a=1&", 999) + "a=1"
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
		{name: "should inflate a gzip JSON body", r: bdEncoded(t, "application/json", "gzip", []byte(`{"name":"gz"}`)),
			into: func() any { return &bdUser{} }, want: &bdUser{Name: "gz"}},
		{name: "should inflate a deflate form body", r: bdEncoded(t, bdFormType, "deflate", []byte("name=df")),
			into: func() any { return &bdForm{} }, want: &bdForm{Name: "df"}},
		{name: "should decode a JSON array with leading whitespace", r: bdPost("application/json", " \t\r\n[1,2]", false),
			into: func() any { return new(any) }, want: func() *any { var v any = []any{1.0, 2.0}; return &v }()},
		{name: "should strip a UTF-8 BOM", r: bdPost("application/json", "\uFEFF{\"name\":\"bom\"}", false),
			into: func() any { return &bdUser{} }, want: &bdUser{Name: "bom"}},
		{name: "should treat an empty JSON body as {}", r: bdZeroLength("application/json"),
			into: func() any { return &map[string]any{} }, want: &map[string]any{}},
		{name: "should treat an empty chunked JSON body as {}", r: bdPost("application/json", "", true),
			into: func() any { return new(any) }, want: func() *any { var v any = map[string]any{}; return &v }()},
		{name: "should decode numbers beyond float64 as null", r: bdPost("application/json", `{"a":1e400,"b":-1e400,"c":1e-400}`, false),
			into: func() any { return &map[string]any{} }, want: &map[string]any{"a": nil, "b": nil, "c": 0.0}},
		{name: "should decode UTF-16 JSON", r: bdPost("application/json; charset=utf-16le", "{\x00\"\x00a\x00\"\x00:\x00\"\x00\xe9\x00\"\x00}\x00", false),
			into: func() any { return &map[string]string{} }, want: &map[string]string{"a": "é"}},
		{name: "should keep a __proto__ key", r: bdPost("application/json", `{"__proto__":1}`, false),
			into: func() any { return &map[string]int{} }, want: &map[string]int{"__proto__": 1}},
		{name: "should decode a form into a struct by form tags", r: bdPost(bdFormType, form, false),
			into: func() any { return &bdForm{} },
			want: &bdForm{Name: "tobi", Age: 3, Tags: []string{"a", "b"}, OK: true, Ratio: 0.5, Small: 7, Plain: "p q"}},
		{name: "should decode a form into url.Values", r: bdPost(bdFormType, "a=1&a=2&b=x+y", false),
			into: func() any { return &url.Values{} }, want: &url.Values{"a": {"1", "2"}, "b": {"x y"}}},
		{name: "should decode a form into a map of first values", r: bdPost(bdFormType+"; charset=utf-8", "a=1&a=2&b=x+y", false),
			into: func() any { return &map[string]string{} }, want: &map[string]string{"a": "1", "b": "x y"}},
		{name: "should keep ';', bad escapes and brackets as qs does",
			r:    bdPost(bdFormType, "a;b=1&c=%E9&=x&[]=q&d+e=f+g&u[x]=1&%zz&__proto__=p", false),
			into: func() any { return &url.Values{} },
			want: &url.Values{"a;b": {"1"}, "c": {"%E9"}, "0": {"q"}, "d e": {"f g"}, "u[x]": {"1"}, "%zz": {""}}},
		{name: "should decode a form into req.body's shape", r: bdPost(bdFormType, "a=1&a=2&b=x", false),
			into: func() any { return &map[string]any{} }, want: &map[string]any{"a": []string{"1", "2"}, "b": "x"}},
		{name: "should decode a Latin-1 form", r: bdPost(bdFormType+"; charset=ISO-8859-1", "%A2=%BD&n=\xe9", false),
			into: func() any { return &url.Values{} }, want: &url.Values{"¢": {"½"}, "n": {"é"}}},
		{name: "should decode an empty form", r: bdZeroLength(bdFormType),
			into: func() any { return &url.Values{"x": {"y"}} }, want: &url.Values{}},
		{name: "should accept 1000 parameters", r: bdPost(bdFormType, many, false),
			into: func() any { return &map[string]string{} }, want: &map[string]string{"a": "1"}},
		{name: "should decode text/plain into a string", r: bdPost("text/plain", "héllo", false),
			into: func() any { return new(string) }, want: func() *string { s := "héllo"; return &s }()},
		{name: "should decode Latin-1 text", r: bdPost("text/plain; charset=latin1", "h\xe9", false),
			into: func() any { return new(string) }, want: func() *string { s := "hé"; return &s }()},
		{name: "should decode UTF-16 text by its BOM", r: bdPost("text/plain; charset=utf-16", "\xfe\xff\x00h\x00i", false),
			into: func() any { return new(string) }, want: func() *string { s := "hi"; return &s }()},
		{name: "should replace invalid UTF-8 in text", r: bdPost("text/plain", "a\xe2\x82b\xffc", false),
			into: func() any { return new(string) }, want: func() *string { s := "a\uFFFDb\uFFFDc"; return &s }()},
		{name: "should give the raw bytes of any type", r: bdPost("image/png", "\x89PNG", false),
			into: func() any { return new([]byte) }, want: func() *[]byte { b := []byte("\x89PNG"); return &b }()},
		{name: "should leave the value alone without a body", r: httptest.NewRequest(http.MethodPost, "/", nil),
			into: func() any { return &bdUser{Name: "kept"} }, want: &bdUser{Name: "kept"}},
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
	tooMany := strings.Repeat("a=1&", 1000) + "a=1"
	deep := strings.Repeat("[", 10001) + strings.Repeat("]", 10001)
	deepOK := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	cases := []struct {
		name   string
		cfg    expresso.Config
		r      *http.Request
		into   any
		status int
		msg    string
	}{
		{name: "should answer 413 over BodyLimit", cfg: expresso.Config{BodyLimit: 10},
			r: bdPost("application/json", `{"name":"x"}`, false), into: &bdUser{}, status: 413, msg: "request entity too large"},
		{name: "should answer 400 for a string at the top level", r: bdPost("application/json", `"str"`, false),
			into: new(any), status: 400, msg: `Unexpected token '"', ""str"" is not valid JSON`},
		{name: "should answer 400 for true at the top level", r: bdPost("application/json", "true", false),
			into: new(any), status: 400, msg: `Unexpected token 't', "true" is not valid JSON`},
		{name: "should answer 400 for a number after spaces", r: bdPost("application/json", "   42", false),
			into: new(any), status: 400, msg: `Unexpected token '4', "   42" is not valid JSON`},
		{name: "should restore every # as body-parser does", r: bdPost("application/json", `#ab#"`, false),
			into: new(any), status: 400, msg: `Unexpected token '#', "#ab#"" is not valid JSON`},
		{name: "should answer 400 for a whitespace-only JSON body", r: bdPost("application/json", "  \n", false),
			into: new(any), status: 400, msg: "Unexpected end of JSON input"},
		{name: "should answer 400 for an unfinished object", r: bdPost("application/json", `{"a":1`, false),
			into: new(any), status: 400, msg: "Expected ',' or '}' after property value in JSON at position 6"},
		{name: "should answer 400 for a missing property name", r: bdPost("application/json", "{:", false),
			into: new(any), status: 400, msg: "Expected property name or '}' in JSON at position 1"},
		{name: "should answer 400 with context for a long body", r: bdPost("application/json", "[1,2,3,4,5,6,7,8,9,10,11,12,x]", false),
			into: new(any), status: 400, msg: `Unexpected token 'x', ...",10,11,12,x]" is not valid JSON`},
		{name: "should answer 400 for JSON of the wrong Go type", r: bdPost("application/json", `{"age":"x"}`, false),
			into: &bdUser{}, status: 400,
			msg: "invalid JSON body: json: cannot unmarshal string into Go struct field bdUser.age of type int"},
		{name: "should answer 400 for JSON nested deeper than 10000", r: bdPost("application/json", deep, false),
			into: new(any), status: 400, msg: "The input exceeded the depth"},
		{name: "should accept JSON nested 10000 deep", r: bdPost("application/json", deepOK+"x", false),
			into: new(any), status: 400, msg: "Unexpected non-whitespace character after JSON at position 20000"},
		{name: "should answer 415 for Latin-1 JSON", r: bdPost("application/json; charset=latin1", "{}", false),
			into: new(any), status: 415, msg: `unsupported charset "LATIN1"`},
		{name: "should answer 415 for utf8 without the dash in JSON", r: bdPost(`application/json; charset="UTF8"`, "{}", false),
			into: new(any), status: 415, msg: `unsupported charset "UTF8"`},
		{name: "should answer 415 for an unknown UTF in JSON", r: bdPost("application/json; charset=utf-99", "{}", false),
			into: new(any), status: 415, msg: `unsupported charset "UTF-99"`},
		{name: "should answer 415 for a UTF-16 form", r: bdPost(bdFormType+"; charset=utf-16", "a=1", false),
			into: &url.Values{}, status: 415, msg: `unsupported charset "UTF-16"`},
		{name: "should answer 415 for an unknown text charset", r: bdPost("text/plain; charset=x-bogus", "hi", false),
			into: new(string), status: 415, msg: `unsupported charset "X-BOGUS"`},
		{name: "should answer 413 for more than 1000 parameters", r: bdPost(bdFormType, tooMany, false),
			into: &url.Values{}, status: 413, msg: "too many parameters"},
		{name: "should answer 415 for text into a struct", r: bdPost("text/plain", "hi", false),
			into: &bdUser{}, status: 415, msg: "unsupported Content-Type: text/plain"},
		{name: "should answer 415 without a Content-Type", r: bdPost("", "hi", false),
			into: &bdUser{}, status: 415, msg: "unsupported Content-Type: none"},
		{name: "should answer 400 for a form field that does not parse", r: bdPost(bdFormType, "age=x", false),
			into: &bdForm{}, status: 400, msg: `invalid form field "age": strconv.ParseInt: parsing "x": invalid syntax`},
		{name: "should answer 400 for a form value out of range", r: bdPost(bdFormType, "small=300", false),
			into: &bdForm{}, status: 400, msg: `invalid form field "small": strconv.ParseUint: parsing "300": value out of range`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			bdFails(t, tc.cfg, tc.r, func(c *expresso.Context) error { return c.Bind(tc.into) }, tc.status, tc.msg)
		})
	}
}

func TestBindIntoANonStructFormTargetShouldBeAServerError(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{Env: "development"})
	var got error
	app.Post("/", func(c *expresso.Context) error {
		got = c.Bind(new(int))
		return got
	})
	r := bdPost(bdFormType, "a=1", false)
	r.Header.Set("Accept", "text/plain")
	res, body := rsDo(t, app, r)
	msg := "expresso: Bind: a form body binds to *url.Values, *map[string]string, *map[string][]string, *map[string]any or a pointer to a struct, not *int"
	assert.EqualError(t, got, msg)
	assert.Equal(t, 500, res.StatusCode)
	assert.Equal(t, bdText(msg), rsHeader(res.Header))
	assert.Equal(t, msg, body)
}

// bdValidator is a Validator from a function.
type bdValidator func(v any) error

func (f bdValidator) Validate(v any) error { return f(v) }

func TestBindValidator(t *testing.T) {
	t.Parallel()
	required := func(v any) error {
		u := v.(*bdUser)
		var errs []error
		if u.Name == "" {
			errs = append(errs, &expresso.FieldError{Field: "name", Err: errors.New("is required")})
		}
		if u.Age <= 0 {
			errs = append(errs, &expresso.FieldError{Field: "age", Err: errors.New("must be positive")})
		}
		return errors.Join(errs...)
	}
	cases := []struct {
		name     string
		validate bdValidator
		body     string
		status   int
		msg      string
	}{
		{name: "should name every failing field", validate: required, body: `{}`, status: 400,
			msg: `invalid fields "name", "age": name: is required; age: must be positive`},
		{name: "should name one failing field", validate: required, body: `{"age":2}`, status: 400,
			msg: `invalid field "name": name: is required`},
		{name: "should say invalid request body without fields", body: `{}`, status: 400,
			validate: func(any) error { return errors.New("nope") }, msg: "invalid request body: nope"},
		{name: "should keep an HTTPError as it is", body: `{}`, status: 422,
			validate: func(any) error { return expresso.NewHTTPError(422, "unprocessable user") }, msg: "unprocessable user"},
		{name: "should run without a body too", body: "", status: 400, validate: required,
			msg: `invalid fields "name", "age": name: is required; age: must be positive`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := bdPost("application/json", tc.body, false)
			if tc.body == "" {
				r = httptest.NewRequest(http.MethodPost, "/", nil)
			}
			bdFails(t, expresso.Config{Validator: tc.validate}, r,
				func(c *expresso.Context) error { return c.Bind(&bdUser{}) }, tc.status, tc.msg)
		})
	}
}

func TestBindValidatorShouldPassAValidValue(t *testing.T) {
	t.Parallel()
	var seen any
	cfg := expresso.Config{Validator: bdValidator(func(v any) error { seen = v; return nil })}
	got := rqValue(t, cfg, bdPost("application/json", `{"name":"tobi"}`, false), func(c *expresso.Context) *bdUser {
		u := &bdUser{}
		require.NoError(t, c.Bind(u))
		return u
	})
	assert.Equal(t, &bdUser{Name: "tobi"}, got)
	assert.Same(t, got, seen)
}
