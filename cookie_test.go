package expresso_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// ckServe answers GET / with h, which ends the response itself.
func ckServe(t *testing.T, cfg expresso.Config, h expresso.Handler) (*http.Response, string) {
	t.Helper()
	app, _ := rsApp(cfg)
	app.Get("/", h)
	return rsDo(t, app, httptest.NewRequest(http.MethodGet, "/", nil))
}

// ckEnded is the header of a response ended with c.End() that set cookies.
func ckEnded(cookies ...string) http.Header {
	h := http.Header{"Content-Length": {"0"}}
	if len(cookies) > 0 {
		h["Set-Cookie"] = cookies
	}
	return h
}

type ckUser struct {
	Name string `json:"name"`
}

type ckID int

func TestCookieSerialisation(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, time.January, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		name    string
		secrets []string
		cookie  string
		value   any
		opts    []expresso.CookieOptions
		want    string
	}{
		{name: "should set a cookie with Path=/ by default", cookie: "name", value: "tobi",
			want: "name=tobi; Path=/"},
		{name: "should encode the value with encodeURIComponent", cookie: "name", value: "a b;c,d=é\"!~*'()",
			want: "name=a%20b%3Bc%2Cd%3D%C3%A9%22!~*'(); Path=/"},
		{name: "should encode the value with the Encode option", cookie: "name", value: "http://foobar.com",
			opts: []expresso.CookieOptions{{Encode: func(s string) string { return s }}},
			want: "name=http://foobar.com; Path=/"},
		{name: "should send a []byte value as a string", cookie: "b", value: []byte("x y"), want: "b=x%20y; Path=/"},
		{name: "should format an int as a number", cookie: "n", value: 42, want: "n=42; Path=/"},
		{name: "should format an int8 as a number", cookie: "n", value: int8(-8), want: "n=-8; Path=/"},
		{name: "should format a uint16 as a number", cookie: "n", value: uint16(7), want: "n=7; Path=/"},
		{name: "should format a named int type as a number", cookie: "n", value: ckID(9), want: "n=9; Path=/"},
		{name: "should format a float as String(n)", cookie: "n", value: 1.5, want: "n=1.5; Path=/"},
		{name: "should format a large float as String(n)", cookie: "n", value: 1e21, want: "n=1e%2B21; Path=/"},
		{name: "should format a tiny float as String(n)", cookie: "n", value: 1.5e-7, want: "n=1.5e-7; Path=/"},
		{name: "should format a bool", cookie: "ok", value: true, want: "ok=true; Path=/"},
		{name: "should send a map as j: + JSON", cookie: "user", value: map[string]string{"name": "tobi"},
			want: "user=j%3A%7B%22name%22%3A%22tobi%22%7D; Path=/"},
		{name: "should send a slice as j: + JSON", cookie: "l", value: []int{1, 2}, want: "l=j%3A%5B1%2C2%5D; Path=/"},
		{name: "should send nil as j:null", cookie: "z", value: nil, want: "z=j%3Anull; Path=/"},
		{name: "should not HTML-escape JSON values", cookie: "s", value: struct{ A string }{"<&>"},
			want: "s=j%3A%7B%22A%22%3A%22%3C%26%3E%22%7D; Path=/"},
		{name: "should write every attribute in Express's order", cookie: "name", value: "v",
			opts: []expresso.CookieOptions{{Domain: "example.com", Path: "/admin", Expires: at, HttpOnly: true,
				Secure: true, Partitioned: true, Priority: "High", SameSite: "Strict"}},
			want: "name=v; Domain=example.com; Path=/admin; Expires=Fri, 02 Jan 2026 03:04:05 GMT; HttpOnly; Secure; Partitioned; Priority=High; SameSite=Strict"},
		{name: "should accept SameSite and Priority in any case", cookie: "name", value: "v",
			opts: []expresso.CookieOptions{{SameSite: "lax", Priority: "low"}},
			want: "name=v; Path=/; Priority=Low; SameSite=Lax"},
		{name: "should write SameSite=None and Priority=Medium", cookie: "name", value: "v",
			opts: []expresso.CookieOptions{{SameSite: "NONE", Priority: "MEDIUM"}},
			want: "name=v; Path=/; Priority=Medium; SameSite=None"},
		{name: "should add Partitioned alone", cookie: "name", value: "tobi",
			opts: []expresso.CookieOptions{{Partitioned: true}}, want: "name=tobi; Path=/; Partitioned"},
		{name: "should sign with the secret", secrets: []string{"foo bar baz"}, cookie: "name", value: "tobi",
			opts: []expresso.CookieOptions{{Signed: true}},
			want: "name=s%3Atobi.xJjV2iZ6EI7C8E5kzwbfA9PVLl1ZR07UTnuTgQQ4EnQ; Path=/"},
		{name: "should sign a JSON value", secrets: []string{"foo bar baz"}, cookie: "user", value: ckUser{"tobi"},
			opts: []expresso.CookieOptions{{Signed: true}},
			want: "user=s%3Aj%3A%7B%22name%22%3A%22tobi%22%7D.K20xcwmDS%2BPb1rsD95o5Jm5SqWs1KteqdnynnB7jkTE; Path=/"},
		{name: "should sign with the first of several secrets", secrets: []string{"foo bar baz", "old"},
			cookie: "name", value: "tobi", opts: []expresso.CookieOptions{{Signed: true}},
			want: "name=s%3Atobi.xJjV2iZ6EI7C8E5kzwbfA9PVLl1ZR07UTnuTgQQ4EnQ; Path=/"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got error
			res, body := ckServe(t, expresso.Config{CookieSecrets: tc.secrets}, func(c *expresso.Context) error {
				got = c.Cookie(tc.cookie, tc.value, tc.opts...)
				return c.End()
			})
			require.NoError(t, got)
			assert.Equal(t, http.StatusOK, res.StatusCode)
			assert.Equal(t, ckEnded(tc.want), rsHeader(res.Header))
			assert.Equal(t, "", body)
		})
	}
}

func TestCookieShouldAppendOneHeaderLinePerCall(t *testing.T) {
	t.Parallel()
	res, body := ckServe(t, expresso.Config{}, func(c *expresso.Context) error {
		for _, err := range []error{c.Cookie("name", "tobi"), c.Cookie("age", 1), c.Cookie("gender", "?")} {
			if err != nil {
				return err
			}
		}
		return c.End()
	})
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, ckEnded("name=tobi; Path=/", "age=1; Path=/", "gender=%3F; Path=/"), rsHeader(res.Header))
	assert.Equal(t, "", body)
}

func TestCookieMaxAge(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		opts    expresso.CookieOptions
		maxAge  int
		offset  time.Duration
		trailer string
	}{
		{name: "should write Max-Age in seconds and Expires that far ahead",
			opts: expresso.CookieOptions{MaxAge: time.Second}, maxAge: 1, offset: time.Second},
		{name: "should floor Max-Age to whole seconds",
			opts: expresso.CookieOptions{MaxAge: 1500 * time.Millisecond}, maxAge: 1, offset: 1500 * time.Millisecond},
		{name: "should floor a negative Max-Age",
			opts: expresso.CookieOptions{MaxAge: -1500 * time.Millisecond}, maxAge: -2, offset: -1500 * time.Millisecond},
		{name: "should let MaxAge override Expires",
			opts:   expresso.CookieOptions{MaxAge: time.Hour, Expires: time.Unix(0, 0)},
			maxAge: 3600, offset: time.Hour},
		{name: "should put Max-Age before Domain and Path and Expires after them",
			opts:   expresso.CookieOptions{MaxAge: time.Minute, Domain: "example.com", HttpOnly: true},
			maxAge: 60, offset: time.Minute, trailer: "; HttpOnly"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var before, after time.Time
			res, _ := ckServe(t, expresso.Config{}, func(c *expresso.Context) error {
				before = time.Now()
				err := c.Cookie("name", "tobi", tc.opts)
				after = time.Now()
				if err != nil {
					return err
				}
				return c.End()
			})
			require.Equal(t, http.StatusOK, res.StatusCode)
			lines := res.Header.Values("Set-Cookie")
			require.Len(t, lines, 1)
			prefix := "name=tobi; Max-Age=" + strconv.Itoa(tc.maxAge)
			if tc.opts.Domain != "" {
				prefix += "; Domain=" + tc.opts.Domain
			}
			prefix += "; Path=/; Expires="
			line := lines[0]
			require.Greater(t, len(line), len(prefix)+len(http.TimeFormat)-1)
			expires, err := time.Parse(http.TimeFormat, line[len(prefix):len(prefix)+len(http.TimeFormat)])
			require.NoError(t, err)
			assert.Equal(t, prefix+expires.Format(http.TimeFormat)+tc.trailer, line)
			low := before.Add(tc.offset).Truncate(time.Second)
			high := after.Add(tc.offset)
			assert.False(t, expires.Before(low), "Expires %v before now+MaxAge %v", expires, low)
			assert.False(t, expires.After(high), "Expires %v after now+MaxAge %v", expires, high)
		})
	}
}

func TestCookieShouldReturnErrNoSecretForASignedCookieWithoutSecrets(t *testing.T) {
	t.Parallel()
	var got error
	res, body := ckServe(t, expresso.Config{}, func(c *expresso.Context) error {
		got = c.Cookie("name", "tobi", expresso.CookieOptions{Signed: true})
		return c.End()
	})
	assert.ErrorIs(t, got, expresso.ErrNoSecret)
	assert.EqualError(t, got, "expresso: signed cookies need Config.CookieSecrets")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, ckEnded(), rsHeader(res.Header))
	assert.Equal(t, "", body)
}

func TestCookieInvalid(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		call  func(c *expresso.Context) error
		error string
	}{
		{name: "should refuse a name that is not a token",
			call:  func(c *expresso.Context) error { return c.Cookie("bad name", "v") },
			error: `expresso: Cookie "bad name": argument name is invalid`},
		{name: "should refuse an encoded value with a control character",
			call: func(c *expresso.Context) error {
				return c.Cookie("name", "v", expresso.CookieOptions{Encode: func(string) string { return "foo\n" }})
			},
			error: `expresso: Cookie "name": argument val is invalid`},
		{name: "should refuse a path with a semicolon",
			call:  func(c *expresso.Context) error { return c.Cookie("name", "v", expresso.CookieOptions{Path: "/a;b"}) },
			error: `expresso: Cookie "name": option path is invalid`},
		{name: "should refuse an invalid domain",
			call: func(c *expresso.Context) error {
				return c.Cookie("name", "v", expresso.CookieOptions{Domain: "example.com;evil"})
			},
			error: `expresso: Cookie "name": option domain is invalid`},
		{name: "should refuse an unknown priority",
			call: func(c *expresso.Context) error {
				return c.Cookie("name", "v", expresso.CookieOptions{Priority: "urgent"})
			},
			error: `expresso: Cookie "name": option priority is invalid`},
		{name: "should refuse an unknown SameSite",
			call: func(c *expresso.Context) error {
				return c.Cookie("name", "v", expresso.CookieOptions{SameSite: "sometimes"})
			},
			error: `expresso: Cookie "name": option sameSite is invalid`},
		{name: "should refuse a value that cannot be encoded as JSON",
			call:  func(c *expresso.Context) error { return c.Cookie("fn", func() {}) },
			error: `expresso: Cookie "fn": value cannot be encoded as JSON: json: unsupported type: func()`},
		{name: "should refuse an invalid name in ClearCookie",
			call:  func(c *expresso.Context) error { return c.ClearCookie("a=b") },
			error: `expresso: ClearCookie "a=b": argument name is invalid`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got error
			res, body := ckServe(t, expresso.Config{}, func(c *expresso.Context) error {
				if err := c.Cookie("ok", "1"); err != nil {
					return err
				}
				got = tc.call(c)
				return c.End()
			})
			assert.ErrorIs(t, got, expresso.ErrInvalidCookie)
			assert.EqualError(t, got, tc.error)
			assert.Equal(t, http.StatusOK, res.StatusCode)
			assert.Equal(t, ckEnded("ok=1; Path=/"), rsHeader(res.Header))
			assert.Equal(t, "", body)
		})
	}
}

func TestClearCookie(t *testing.T) {
	t.Parallel()
	const epoch = "Expires=Thu, 01 Jan 1970 00:00:00 GMT"
	cases := []struct {
		name    string
		secrets []string
		opts    []expresso.CookieOptions
		want    string
	}{
		{name: "should set an empty value that expired at the epoch", want: "sid=; Path=/; " + epoch},
		{name: "should ignore MaxAge and Expires",
			opts: []expresso.CookieOptions{{MaxAge: time.Hour, Expires: time.Now().Add(time.Hour)}},
			want: "sid=; Path=/; " + epoch},
		{name: "should keep Domain, Path and the flags",
			opts: []expresso.CookieOptions{{Domain: "example.com", Path: "/admin", HttpOnly: true, Secure: true,
				SameSite: "lax"}},
			want: "sid=; Domain=example.com; Path=/admin; " + epoch + "; HttpOnly; Secure; SameSite=Lax"},
		{name: "should sign the empty value when Signed", secrets: []string{"foo bar baz"},
			opts: []expresso.CookieOptions{{Signed: true}},
			want: "sid=s%3A.u1jDfgki6XGG6OJFjr7K91lP4%2BZxK7N%2B5rfI0mgTFyM; Path=/; " + epoch},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got error
			res, body := ckServe(t, expresso.Config{CookieSecrets: tc.secrets}, func(c *expresso.Context) error {
				got = c.ClearCookie("sid", tc.opts...)
				return c.End()
			})
			require.NoError(t, got)
			assert.Equal(t, http.StatusOK, res.StatusCode)
			assert.Equal(t, ckEnded(tc.want), rsHeader(res.Header))
			assert.Equal(t, "", body)
		})
	}
}

func TestCookieAfterTheHeadersWentOut(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		call func(c *expresso.Context) error
		msg  string
	}{
		{name: "should refuse Cookie and send nothing", call: func(c *expresso.Context) error { return c.Cookie("a", "1") },
			msg: "expresso: Cookie refused: cannot set headers after they are sent to the client (response committed by Send"},
		{name: "should refuse ClearCookie and send nothing", call: func(c *expresso.Context) error { return c.ClearCookie("a") },
			msg: "expresso: ClearCookie refused: cannot set headers after they are sent to the client (response committed by Send"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got error
			res, body := ckServe(t, expresso.Config{Env: "production"}, func(c *expresso.Context) error {
				if err := c.Send("ok"); err != nil {
					return err
				}
				got = tc.call(c)
				return nil
			})
			assert.ErrorIs(t, got, expresso.ErrHeadersSent)
			assert.False(t, errors.Is(got, expresso.ErrInvalidCookie))
			assert.EqualError(t, got, tc.msg+")")
			assert.Equal(t, http.StatusOK, res.StatusCode)
			assert.Equal(t, http.Header{
				"Content-Type":   {"text/html; charset=utf-8"},
				"Content-Length": {"2"},
				"Etag":           {`W/"2-eoX0dku9ba8cNUXvu/DyeabcC+s"`},
			}, rsHeader(res.Header))
			assert.Equal(t, "ok", body)
		})
	}
}
