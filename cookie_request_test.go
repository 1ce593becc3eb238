package expresso_test

import (
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// Signed with "foo bar baz" (cookie-signature), as Express's own tests.
const (
	ckSignedTobi = "s%3Atobi.xJjV2iZ6EI7C8E5kzwbfA9PVLl1ZR07UTnuTgQQ4EnQ"
	ckSignedUser = "s%3Aj%3A%7B%22name%22%3A%22tobi%22%7D.K20xcwmDS%2BPb1rsD95o5Jm5SqWs1KteqdnynnB7jkTE"
)

// ckRead serves one request whose Cookie header lines are lines and returns
// what read computed from the Context.
func ckRead[T any](t *testing.T, secrets []string, lines []string, read func(c *expresso.Context) T) T {
	t.Helper()
	var got T
	app, _ := rsApp(expresso.Config{CookieSecrets: secrets})
	app.Get("/", func(c *expresso.Context) error {
		got = read(c)
		return c.SendStatus(http.StatusNoContent)
	})
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header["Cookie"] = lines
	res, body := rsDo(t, app, r)
	require.Equal(t, http.StatusNoContent, res.StatusCode)
	require.Equal(t, "", body)
	return got
}

func TestCookiesShouldReadRequestCookies(t *testing.T) {
	t.Parallel()
	lines := []string{
		`a=1; b=hello%20world; q="quoted"; bad=%zz; user=j%3A%7B%22name%22%3A%22tobi%22%7D; s=` + ckSignedTobi,
		"c=3; a=ignored",
	}
	cases := []struct {
		name, cookie, want string
	}{
		{name: "should return a plain value", cookie: "a", want: "1"},
		{name: "should URI-decode the value", cookie: "b", want: "hello world"},
		{name: "should strip one pair of double quotes", cookie: "q", want: "quoted"},
		{name: "should keep a value that does not decode", cookie: "bad", want: "%zz"},
		{name: "should read a later Cookie header line", cookie: "c", want: "3"},
		{name: "should return a JSON cookie as sent", cookie: "user", want: `j:{"name":"tobi"}`},
		{name: "should return a signed cookie as sent", cookie: "s",
			want: "s:tobi.xJjV2iZ6EI7C8E5kzwbfA9PVLl1ZR07UTnuTgQQ4EnQ"},
		{name: "should return empty for a missing cookie", cookie: "missing", want: ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := ckRead(t, nil, lines, func(c *expresso.Context) string { return c.Cookies(tc.cookie) })
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestSignedCookie(t *testing.T) {
	t.Parallel()
	type result struct {
		Value string
		OK    bool
	}
	cases := []struct {
		name    string
		secrets []string
		line    string
		want    result
	}{
		{name: "should verify with the only secret", secrets: []string{"foo bar baz"},
			line: "s=" + ckSignedTobi, want: result{"tobi", true}},
		{name: "should verify with an older secret after rotation", secrets: []string{"new", "foo bar baz"},
			line: "s=" + ckSignedTobi, want: result{"tobi", true}},
		{name: "should reject a tampered value", secrets: []string{"foo bar baz"},
			line: "s=s%3Atobi2.xJjV2iZ6EI7C8E5kzwbfA9PVLl1ZR07UTnuTgQQ4EnQ", want: result{"", false}},
		{name: "should reject a tampered signature", secrets: []string{"foo bar baz"},
			line: "s=s%3Atobi.xJjV2iZ6EI7C8E5kzwbfA9PVLl1ZR07UTnuTgQQ4EnR", want: result{"", false}},
		{name: "should reject a value signed with an unknown secret", secrets: []string{"other"},
			line: "s=" + ckSignedTobi, want: result{"", false}},
		{name: "should reject any signed value without secrets", line: "s=" + ckSignedTobi, want: result{"", false}},
		{name: "should not return an unsigned cookie", secrets: []string{"foo bar baz"},
			line: "s=tobi", want: result{"", false}},
		{name: "should report a missing cookie", secrets: []string{"foo bar baz"},
			line: "other=1", want: result{"", false}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := ckRead(t, tc.secrets, []string{tc.line}, func(c *expresso.Context) result {
				v, ok := c.SignedCookie("s")
				return result{v, ok}
			})
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestCookieJSON(t *testing.T) {
	t.Parallel()
	type result struct {
		User ckUser
		Err  string
	}
	cases := []struct {
		name    string
		secrets []string
		line    string
		want    result
	}{
		{name: "should decode a j: cookie", line: "user=j%3A%7B%22name%22%3A%22tobi%22%7D",
			want: result{User: ckUser{"tobi"}}},
		{name: "should verify and decode a signed j: cookie", secrets: []string{"new", "foo bar baz"},
			line: "user=" + ckSignedUser, want: result{User: ckUser{"tobi"}}},
		{name: "should reject a signed j: cookie with a bad signature", secrets: []string{"other"},
			line: "user=" + ckSignedUser, want: result{Err: `expresso: CookieJSON "user": invalid signature`}},
		{name: "should reject a cookie without the j: prefix", line: "user=tobi",
			want: result{Err: `expresso: CookieJSON "user": not a j: JSON cookie`}},
		{name: "should reject malformed JSON", line: "user=j%3A%7B",
			want: result{Err: `expresso: CookieJSON "user": unexpected end of JSON input`}},
		{name: "should report a missing cookie as http.ErrNoCookie", line: "other=1",
			want: result{Err: http.ErrNoCookie.Error()}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := ckRead(t, tc.secrets, []string{tc.line}, func(c *expresso.Context) result {
				var r result
				if err := c.CookieJSON("user", &r.User); err != nil {
					r.Err = err.Error()
				}
				return r
			})
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestCookieJSONShouldWrapTheDecodingError(t *testing.T) {
	t.Parallel()
	got := ckRead(t, nil, []string{"user=j%3A%7B"}, func(c *expresso.Context) error {
		return c.CookieJSON("user", &ckUser{})
	})
	var syntax *json.SyntaxError
	assert.ErrorAs(t, got, &syntax)
	assert.ErrorIs(t, ckRead(t, nil, nil, func(c *expresso.Context) error {
		return c.CookieJSON("user", &ckUser{})
	}), http.ErrNoCookie)
}

// TestCookieRoundTrip sets, reads and clears cookies through a real client
// with a cookie jar.
func TestCookieRoundTrip(t *testing.T) {
	t.Parallel()
	type prefs struct {
		Theme string `json:"theme"`
	}
	type me struct {
		SID   string `json:"sid"`
		OK    bool   `json:"ok"`
		Theme string `json:"theme"`
		Plain string `json:"plain"`
	}
	app, _ := rsApp(expresso.Config{CookieSecrets: []string{"current", "previous"}})
	app.Get("/login", func(c *expresso.Context) error {
		for _, err := range []error{
			c.Cookie("sid", "abc 123", expresso.CookieOptions{Signed: true, HttpOnly: true}),
			c.Cookie("prefs", prefs{"dark"}),
			c.Cookie("plain", "x;y"),
		} {
			if err != nil {
				return err
			}
		}
		return c.Send("ok")
	})
	app.Get("/me", func(c *expresso.Context) error {
		var m me
		m.SID, m.OK = c.SignedCookie("sid")
		var p prefs
		if err := c.CookieJSON("prefs", &p); err != nil {
			return err
		}
		m.Theme, m.Plain = p.Theme, c.Cookies("plain")
		return c.JSON(m)
	})
	app.Get("/logout", func(c *expresso.Context) error {
		if err := c.ClearCookie("sid"); err != nil {
			return err
		}
		return c.Send("bye")
	})
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	client := &http.Client{Jar: jar}
	get := func(path string) (*http.Response, string) {
		t.Helper()
		res, err := client.Get(srv.URL + path)
		require.NoError(t, err)
		return res, rsBody(t, res)
	}

	res, body := get("/login")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, []string{
		"sid=s%3Aabc%20123.EzFueLnOo%2FxrZ2yXRziUd494eLJAzQ9gkZz%2BZtbZPSA; Path=/; HttpOnly",
		"prefs=j%3A%7B%22theme%22%3A%22dark%22%7D; Path=/",
		"plain=x%3By; Path=/",
	}, res.Header.Values("Set-Cookie"))
	assert.Equal(t, "ok", body)

	res, body = get("/me")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "application/json; charset=utf-8", res.Header.Get("Content-Type"))
	assert.Equal(t, `{"sid":"abc 123","ok":true,"theme":"dark","plain":"x;y"}`, body)

	res, body = get("/logout")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, []string{"sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT"}, res.Header.Values("Set-Cookie"))
	assert.Equal(t, "bye", body)

	res, body = get("/me")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, `{"sid":"","ok":false,"theme":"dark","plain":"x;y"}`, body)
}
