package middleware_test

import (
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

func basic(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}

func TestBasicAuth(t *testing.T) {
	app := expresso.New()
	app.Use(middleware.BasicAuth(middleware.BasicAuthOptions{
		Users: map[string]string{"admin": "s3cret", "ops": "p:ss"},
		Validator: func(user, pass string, r *http.Request) bool {
			return user == "guest" && subtle.ConstantTimeCompare([]byte(pass), []byte("guest")) == 1
		},
		Realm: "Admin area",
	}))
	app.Get("/", func(c *expresso.Context) error {
		return c.Send("hello " + middleware.BasicAuthUser(c.Request()))
	})
	ok := func(body string) rtResp {
		return rtResp{200, http.Header{"Content-Type": {"text/html; charset=utf-8"},
			"Content-Length": {fmt.Sprint(len(body))}, "Etag": {etagFor(body)}}, body}
	}
	denied := rtResp{401, http.Header{
		"Www-Authenticate":       {`Basic realm="Admin area", charset="UTF-8"`},
		"Content-Type":           {"text/plain; charset=utf-8"},
		"X-Content-Type-Options": {"nosniff"},
	}, "Unauthorized\n"}
	tests := []struct {
		name   string
		auth   []string
		expect rtResp
	}{
		{"right user and password pass", []string{basic("admin", "s3cret")}, ok("hello admin")},
		{"a password may contain a colon", []string{basic("ops", "p:ss")}, ok("hello ops")},
		{"the scheme is case-insensitive", []string{"bAsIc " + base64.StdEncoding.EncodeToString([]byte("admin:s3cret"))}, ok("hello admin")},
		{"the validator is asked about other users", []string{basic("guest", "guest")}, ok("hello guest")},
		{"no header is challenged", nil, denied},
		{"a wrong password is refused", []string{basic("admin", "s3cre")}, denied},
		{"a password of another user is refused", []string{basic("admin", "p:ss")}, denied},
		{"an unknown user is refused", []string{basic("root", "s3cret")}, denied},
		{"a password with a trailing byte is refused", []string{basic("admin", "s3cret\x00")}, denied},
		{"an empty password is refused", []string{basic("admin", "")}, denied},
		{"garbage base64 is refused", []string{"Basic !!!not-base64!!!"}, denied},
		{"no colon is refused", []string{"Basic " + base64.StdEncoding.EncodeToString([]byte("admins3cret"))}, denied},
		{"another scheme is refused", []string{"Bearer " + base64.StdEncoding.EncodeToString([]byte("admin:s3cret"))}, denied},
		{"two Authorization headers are refused", []string{basic("admin", "s3cret"), basic("admin", "s3cret")}, denied},
		{"an oversized header is refused without decoding",
			[]string{basic("admin", "s3cret") + strings.Repeat("A", 5000)}, denied},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rtReq("GET", "/")
			r.Header["Authorization"] = tt.auth
			assert.Equal(t, tt.expect, rtDo(t, app, r))
		})
	}
}

// etagFor returns the weak ETag expresso sends for a short string body.
func etagFor(body string) string {
	app := expresso.New()
	app.Get("/", func(c *expresso.Context) error { return c.Send(body) })
	return app.Test(rtReq("GET", "/")).Header.Get("Etag")
}

func TestBasicAuthRejectsBadOptions(t *testing.T) {
	assert.PanicsWithValue(t, "middleware: BasicAuthOptions needs Users or a Validator", func() {
		middleware.BasicAuth(middleware.BasicAuthOptions{})
	})
	assert.PanicsWithValue(t, "middleware: BasicAuthOptions.Realm may not contain a quote, a backslash or a control character", func() {
		middleware.BasicAuth(middleware.BasicAuthOptions{Users: map[string]string{"a": "b"}, Realm: "x\"\r\nSet-Cookie: y"})
	})
}

func ExampleBasicAuth() {
	app := expresso.New()
	app.Use("/admin", middleware.BasicAuth(middleware.BasicAuthOptions{
		Users: map[string]string{"admin": "s3cret"},
	}))
	app.Get("/admin", func(c *expresso.Context) error {
		return c.Send("welcome " + middleware.BasicAuthUser(c.Request()))
	})

	res := app.Test(rtReq("GET", "/admin"))
	fmt.Println(res.StatusCode, res.Header.Get("WWW-Authenticate"))
	r := rtReq("GET", "/admin")
	r.SetBasicAuth("admin", "s3cret")
	res = app.Test(r)
	fmt.Println(res.StatusCode)
	// Output:
	// 401 Basic realm="Restricted", charset="UTF-8"
	// 200
}

func BenchmarkBasicAuth(b *testing.B) {
	mw := middleware.BasicAuth(middleware.BasicAuthOptions{Users: map[string]string{"admin": "s3cret"}})
	r := rtReq("GET", "/")
	r.SetBasicAuth("admin", "s3cret")
	b.Run("bare", func(b *testing.B) { rtBench(b, rtBareApp(), r, 200) })
	b.Run("BasicAuth", func(b *testing.B) { rtBench(b, rtBareApp(mw), r, 200) })
}
