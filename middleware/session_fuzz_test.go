package middleware_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

// FuzzSessionCookie sends arbitrary Cookie headers: the request never
// panics, never loads a session (none exists), and a session written
// during it never takes an id from the header.
func FuzzSessionCookie(f *testing.F) {
	for _, seed := range []string{
		"", "sid=", "sid=s%3A", "sid=s:abc.def", "sid=s%3AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.x",
		"sid=%ZZ; sid=s%3A", "sid=\"s%3Aq.w\"", "a=1; sid=j%3A%7B%7D", strings.Repeat("sid=x;", 50),
	} {
		f.Add(seed)
	}
	app := expresso.New(expresso.Config{Env: "production"})
	app.Use(middleware.Session(middleware.SessionOptions{Secret: sessSecret}))
	app.Get("/", func(c *expresso.Context) error {
		s := middleware.SessionFrom(c)
		if !s.IsNew() {
			return c.Status(500).Send("loaded a session that was never stored")
		}
		s.Set("k", 1)
		return c.Send(s.ID())
	})
	f.Fuzz(func(t *testing.T, cookie string) {
		r := rtReq("GET", "/")
		r.Header["Cookie"] = []string{cookie}
		got := rtDo(t, app, r)
		if got.Status != http.StatusOK {
			t.Fatalf("status %d: %s", got.Status, got.Body)
		}
		if len(got.Body) != 43 || strings.Contains(cookie, got.Body) {
			t.Fatalf("session id %q taken from or unlike a made one (cookie %q)", got.Body, cookie)
		}
		if sc := got.Header.Get("Set-Cookie"); !strings.HasPrefix(sc, "sid=s%3A"+got.Body+".") {
			t.Fatalf("Set-Cookie %q does not carry the id %q", sc, got.Body)
		}
	})
}
