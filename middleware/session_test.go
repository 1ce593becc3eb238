package middleware_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

const sessSecret = "0123456789abcdef0123456789abcdef"

type sessUser struct {
	Name  string `json:"name"`
	Admin bool   `json:"admin"`
}

// sessApp is an App with a Session and routes to log in, read, flash,
// log out and fail.
func sessApp(opts middleware.SessionOptions) *expresso.App {
	app := expresso.New(expresso.Config{Env: "production"})
	app.Use(func(c *expresso.Context) error { c.Set("X-Request-Id", "r1"); return c.Next() })
	app.Use(middleware.Session(opts))
	app.Post("/login", func(c *expresso.Context) error {
		s := middleware.SessionFrom(c)
		if err := s.Regenerate(); err != nil {
			return err
		}
		s.Set("user", sessUser{Name: c.Query("name"), Admin: true})
		return c.Redirect("/me", http.StatusSeeOther)
	})
	app.Get("/me", func(c *expresso.Context) error {
		u, ok := middleware.SessionValue[sessUser](middleware.SessionFrom(c), "user")
		if !ok {
			return c.Status(401).Send("anonymous")
		}
		return c.Send("hello " + u.Name)
	})
	app.Post("/flash", func(c *expresso.Context) error {
		middleware.SessionFrom(c).Flash("info", "saved")
		middleware.SessionFrom(c).Flash("info", 2)
		return c.Send("flashed")
	})
	app.Get("/flashes", func(c *expresso.Context) error {
		key := c.Query("key")
		if key == "" {
			key = "info"
		}
		return c.JSON(middleware.SessionFrom(c).Flashes(key))
	})
	app.Post("/logout", func(c *expresso.Context) error {
		if err := middleware.SessionFrom(c).Destroy(); err != nil {
			return err
		}
		return c.Send("bye")
	})
	app.Get("/missing", func(c *expresso.Context) error {
		middleware.SessionFrom(c).Flash("error", "not found")
		return expresso.NewHTTPError(404, "no such page")
	})
	return app
}

// sidPattern matches the Set-Cookie of a session: "s:" + 43-byte id + "." +
// 43-byte signature, URI-encoded.
var sidPattern = regexp.MustCompile(`^sid=s%3A([A-Za-z0-9_-]{43})\.((?:[A-Za-z0-9]|%2B|%2F){43})(; .*)?$`)

// sessID returns the id in a session Set-Cookie line, failing the test
// when it is not one.
func sessID(t *testing.T, setCookie []string) string {
	t.Helper()
	require.Len(t, setCookie, 1)
	m := sidPattern.FindStringSubmatch(setCookie[0])
	require.NotNil(t, m, setCookie[0])
	return m[1]
}

// cookieOf returns the Cookie header value for a Set-Cookie line.
func cookieOf(setCookie string) string {
	v, _, _ := strings.Cut(setCookie, ";")
	return v
}

func sessDo(t *testing.T, app http.Handler, method, target, cookie string) rtResp {
	t.Helper()
	r := rtReq(method, target, "Accept", "text/plain")
	if cookie != "" {
		r.Header.Set("Cookie", cookie)
	}
	return rtDo(t, app, r)
}

func TestSessionLoginRoundTrip(t *testing.T) {
	app := sessApp(middleware.SessionOptions{Secret: sessSecret})
	first := sessDo(t, app, "GET", "/me", "")
	assert.Equal(t, 401, first.Status)
	assert.Nil(t, first.Header["Set-Cookie"], "an untouched session sends no cookie")

	login := sessDo(t, app, "POST", "/login?name=ann", "")
	assert.Equal(t, 303, login.Status)
	id := sessID(t, login.Header["Set-Cookie"])
	assert.Regexp(t, `^sid=s%3A[^;]+; Path=/; HttpOnly$`, login.Header["Set-Cookie"][0])
	jar := cookieOf(login.Header["Set-Cookie"][0])

	me := sessDo(t, app, "GET", "/me", jar)
	assert.Equal(t, rtResp{200, http.Header{"Content-Type": {"text/html; charset=utf-8"}, "X-Request-Id": {"r1"},
		"Content-Length": {"9"}, "Etag": {etagFor("hello ann")}}, "hello ann"}, me,
		"an unchanged session sends no cookie again")

	again := sessDo(t, app, "POST", "/login?name=bob", jar)
	newID := sessID(t, again.Header["Set-Cookie"])
	assert.NotEqual(t, id, newID, "login regenerates the id")
	assert.Equal(t, 401, sessDo(t, app, "GET", "/me", jar).Status, "the old id is destroyed")
	assert.Equal(t, "hello bob", sessDo(t, app, "GET", "/me", cookieOf(again.Header["Set-Cookie"][0])).Body)
}

// recordingStore is a memory store that records the ids asked for and can
// be made to fail.
type recordingStore struct {
	*middleware.MemorySessionStore
	gets                        []string
	failGet, failSet, failTouch error
	failDestroy                 error
}

func newRecordingStore() *recordingStore {
	return &recordingStore{MemorySessionStore: middleware.NewMemorySessionStore()}
}

func (s *recordingStore) Get(ctx context.Context, id string) ([]byte, bool, error) {
	s.gets = append(s.gets, id)
	if s.failGet != nil {
		return nil, false, s.failGet
	}
	return s.MemorySessionStore.Get(ctx, id)
}

func (s *recordingStore) Set(ctx context.Context, id string, data []byte, ttl time.Duration) error {
	if s.failSet != nil {
		return s.failSet
	}
	return s.MemorySessionStore.Set(ctx, id, data, ttl)
}

func (s *recordingStore) Touch(ctx context.Context, id string, ttl time.Duration) error {
	if s.failTouch != nil {
		return s.failTouch
	}
	return s.MemorySessionStore.Touch(ctx, id, ttl)
}

func (s *recordingStore) Destroy(ctx context.Context, id string) error {
	if s.failDestroy != nil {
		return s.failDestroy
	}
	return s.MemorySessionStore.Destroy(ctx, id)
}

// signWith signs id as express-session does, with secret.
func signWith(t *testing.T, id, secret string) string {
	t.Helper()
	app := expresso.New(expresso.Config{CookieSecrets: []string{secret}})
	app.Get("/", func(c *expresso.Context) error {
		return c.Cookie("sid", id, expresso.CookieOptions{Signed: true})
	})
	return cookieOf(app.Test(rtReq("GET", "/")).Header.Get("Set-Cookie"))
}

func TestSessionNeverAdoptsForeignIDs(t *testing.T) {
	store := newRecordingStore()
	app := sessApp(middleware.SessionOptions{Secret: sessSecret, Store: store})
	login := sessDo(t, app, "POST", "/login?name=ann", "")
	real := cookieOf(login.Header["Set-Cookie"][0])
	realID := sessID(t, login.Header["Set-Cookie"])
	invented := "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	tampered := []byte(real)
	tampered[len(tampered)-2] ^= 1
	tests := []struct {
		name      string
		cookie    string
		storeGets bool // whether the id may reach the store
	}{
		{"an unsigned invented id", "sid=s%3A" + invented, false},
		{"an invented id without the s: prefix", "sid=" + invented, false},
		{"an invented id signed with another secret", signWith(t, invented, "another secret, also 32 bytes long"), false},
		{"a tampered signature", string(tampered), false},
		{"a signature moved to another id", "sid=s%3A" + invented + real[strings.LastIndex(real, "."):], false},
		{"a validly signed id that is not in the store", signWith(t, invented, sessSecret), true},
		{"a validly signed id that is malformed", signWith(t, "../../etc/passwd", sessSecret), false},
		{"garbage", "sid=%ZZ%00;;;sid=\x7f", false},
		{"an oversized cookie", "sid=s%3A" + strings.Repeat("A", 8000), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store.gets = nil
			got := sessDo(t, app, "GET", "/me", tt.cookie)
			assert.Equal(t, rtResp{401, http.Header{"Content-Type": {"text/html; charset=utf-8"}, "X-Request-Id": {"r1"},
				"Content-Length": {"9"}, "Etag": {etagFor("anonymous")}}, "anonymous"}, got)
			if tt.storeGets {
				assert.Equal(t, []string{invented}, store.gets)
			} else {
				assert.Empty(t, store.gets, "a bad cookie never reaches the store")
			}
			// Writing to the session gives a fresh id, never the client's.
			flashed := sessDo(t, app, "POST", "/flash", tt.cookie)
			id := sessID(t, flashed.Header["Set-Cookie"])
			assert.NotEqual(t, invented, id)
			assert.NotEqual(t, realID, id)
		})
	}
}

func TestSessionFixationIsDefeatedByRegenerate(t *testing.T) {
	app := sessApp(middleware.SessionOptions{Secret: sessSecret})
	// The attacker gets a genuine anonymous session and plants its cookie
	// in the victim's browser.
	planted := sessDo(t, app, "POST", "/flash", "")
	plantedCookie := cookieOf(planted.Header["Set-Cookie"][0])
	plantedID := sessID(t, planted.Header["Set-Cookie"])
	// The victim logs in with it.
	login := sessDo(t, app, "POST", "/login?name=victim", plantedCookie)
	assert.NotEqual(t, plantedID, sessID(t, login.Header["Set-Cookie"]))
	// The attacker's cookie does not see the victim's login.
	assert.Equal(t, "anonymous", sessDo(t, app, "GET", "/me", plantedCookie).Body)
}

func TestSessionFlashAndDestroy(t *testing.T) {
	app := sessApp(middleware.SessionOptions{Secret: sessSecret})
	flashed := sessDo(t, app, "POST", "/flash", "")
	jar := cookieOf(flashed.Header["Set-Cookie"][0])
	got := sessDo(t, app, "GET", "/flashes", jar)
	assert.Equal(t, `["saved",2]`, got.Body)
	assert.Equal(t, "null", sessDo(t, app, "GET", "/flashes", jar).Body, "flashes are read once")

	out := sessDo(t, app, "POST", "/logout", jar)
	assert.Equal(t, 200, out.Status)
	assert.Equal(t, []string{"sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly"}, out.Header["Set-Cookie"])
	assert.Equal(t, "null", sessDo(t, app, "GET", "/flashes", jar).Body)
	assert.Nil(t, sessDo(t, app, "POST", "/logout", "").Header["Set-Cookie"], "no cookie to clear")
}

func TestSessionSavedOnErrorPages(t *testing.T) {
	app := sessApp(middleware.SessionOptions{Secret: sessSecret})
	got := sessDo(t, app, "GET", "/missing", "")
	assert.Equal(t, 404, got.Status)
	assert.Equal(t, "no such page", got.Body)
	sessID(t, got.Header["Set-Cookie"])
	jar := cookieOf(got.Header["Set-Cookie"][0])
	assert.Equal(t, `["not found"]`, sessDo(t, app, "GET", "/flashes?key=error", jar).Body,
		"the flash set before the error was saved")
}

func TestSessionRollingAndTTL(t *testing.T) {
	clock := newFakeClock()
	store := middleware.NewMemorySessionStore(middleware.MemoryStoreOptions{Now: clock.Now})
	app := sessApp(middleware.SessionOptions{Secret: sessSecret, Store: store, Rolling: true,
		Cookie: expresso.CookieOptions{MaxAge: time.Hour, Secure: true, SameSite: "Lax"}})
	login := sessDo(t, app, "POST", "/login?name=ann", "")
	assert.Regexp(t, `^sid=s%3A[^;]+; Max-Age=3600; Path=/; Expires=[^;]+ GMT; HttpOnly; Secure; SameSite=Lax$`,
		login.Header["Set-Cookie"][0])
	jar := cookieOf(login.Header["Set-Cookie"][0])
	for i := 0; i < 3; i++ {
		clock.Advance(50 * time.Minute)
		me := sessDo(t, app, "GET", "/me", jar)
		assert.Equal(t, "hello ann", me.Body, "each request restarts the TTL")
		assert.Equal(t, jar, cookieOf(me.Header["Set-Cookie"][0]), "rolling resends the same cookie")
	}
	clock.Advance(61 * time.Minute)
	assert.Equal(t, "anonymous", sessDo(t, app, "GET", "/me", jar).Body, "an idle session expires")
}

func TestSessionStoreErrorsAre500s(t *testing.T) {
	boom := errors.New("store down")
	tests := []struct {
		name    string
		break_  func(s *recordingStore)
		method  string
		path    string
		withJar bool
		message string
	}{
		{"load", func(s *recordingStore) { s.failGet = boom }, "GET", "/me", true, "middleware: session load: store down"},
		{"save as the headers go out", func(s *recordingStore) { s.failSet = boom }, "POST", "/login?name=x", false,
			"middleware: session save: store down"},
		{"touch", func(s *recordingStore) { s.failTouch = boom }, "GET", "/me", true, "middleware: session touch: store down"},
		{"destroy on regenerate", func(s *recordingStore) { s.failDestroy = boom }, "POST", "/login?name=y", true,
			"middleware: session destroy: store down"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := newRecordingStore()
			app := sessApp(middleware.SessionOptions{Secret: sessSecret, Store: store})
			var seen error
			app.OnError(func(c *expresso.Context, err error) error { seen = err; return err })
			jar := ""
			if tt.withJar {
				jar = cookieOf(sessDo(t, app, "POST", "/login?name=ann", "").Header["Set-Cookie"][0])
			}
			tt.break_(store)
			got := sessDo(t, app, tt.method, tt.path, jar)
			assert.Equal(t, rtResp{500, http.Header{"Content-Type": {"text/plain; charset=utf-8"}, "X-Request-Id": {"r1"},
				"Content-Length": {"21"}, "Content-Security-Policy": {"default-src 'none'"},
				"X-Content-Type-Options": {"nosniff"}}, "Internal Server Error"}, got,
				"headers set before the Session stay; no cookie and no Location from the response the handler meant")
			var se *middleware.SessionError
			require.ErrorAs(t, seen, &se)
			assert.Equal(t, tt.message, se.Error())
		})
	}
}

func TestSessionUnencodableValueIs500(t *testing.T) {
	app := expresso.New(expresso.Config{Env: "production"})
	app.Use(middleware.Session(middleware.SessionOptions{Secret: sessSecret}))
	app.Get("/", func(c *expresso.Context) error {
		middleware.SessionFrom(c).Set("ch", make(chan int))
		return c.Send("never sent")
	})
	got := sessDo(t, app, "GET", "/", "")
	assert.Equal(t, 500, got.Status)
	assert.Equal(t, "Internal Server Error", got.Body)
}

func TestSessionValues(t *testing.T) {
	app := expresso.New()
	app.Use("/s", middleware.Session(middleware.SessionOptions{Secrets: []string{sessSecret, sessSecret + "old"}}))
	app.Get("/s", func(c *expresso.Context) error {
		s := middleware.SessionFrom(c)
		u := &sessUser{Name: "ann"}
		s.Set("user", u)
		u.Name = "changed after Set"
		s.Set("n", 3)
		s.Set("gone", true)
		s.Delete("gone")
		n, okN := middleware.SessionValue[int](s, "n")
		_, okWrong := middleware.SessionValue[string](s, "n")
		got, _ := middleware.SessionValue[sessUser](s, "user")
		return c.JSON(map[string]any{"n": n, "okN": okN, "okWrong": okWrong, "user": got.Name,
			"any": s.Get("user"), "gone": s.Get("gone"), "keys": len(s.Keys()), "new": s.IsNew()})
	})
	app.Get("/none", func(c *expresso.Context) error {
		_, ok := middleware.SessionValue[string](middleware.SessionFrom(c), "user")
		return c.Send(fmt.Sprint(middleware.SessionFrom(c) == nil, ok))
	})
	got := sessDo(t, app, "GET", "/s", "")
	assert.JSONEq(t, `{"n":3,"okN":true,"okWrong":false,"user":"ann","any":{"name":"ann","admin":false},
		"gone":null,"keys":2,"new":true}`, got.Body)
	assert.Regexp(t, `^sid=s%3A`, got.Header.Get("Set-Cookie"))
	assert.Equal(t, "true false", sessDo(t, app, "GET", "/none", "").Body, "no Session outside its mount path")
}

func TestSessionRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name, expect string
		opts         middleware.SessionOptions
	}{
		{"no secret", "middleware: SessionOptions.Secret is required (or Secrets)", middleware.SessionOptions{}},
		{"short secret", "middleware: SessionOptions.Secret must be at least 32 bytes",
			middleware.SessionOptions{Secret: "keyboard cat"}},
		{"both", "middleware: SessionOptions: set Secret or Secrets, not both",
			middleware.SessionOptions{Secret: sessSecret, Secrets: []string{sessSecret}}},
		{"negative TTL", "middleware: SessionOptions.TTL and Cookie.MaxAge must not be negative",
			middleware.SessionOptions{Secret: sessSecret, TTL: -1}},
		{"SameSite None without Secure", "middleware: SessionOptions.Cookie: SameSite None requires Secure",
			middleware.SessionOptions{Secret: sessSecret, Cookie: expresso.CookieOptions{SameSite: "none"}}},
		{"bad name", "middleware: SessionOptions: the session cookie cannot be sent: argument name is invalid",
			middleware.SessionOptions{Secret: sessSecret, Name: "s id"}},
		{"bad domain", "middleware: SessionOptions: the session cookie cannot be sent: option domain is invalid",
			middleware.SessionOptions{Secret: sessSecret, Cookie: expresso.CookieOptions{Domain: "a;b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.PanicsWithValue(t, tt.expect, func() { middleware.Session(tt.opts) })
		})
	}
}

func TestMemorySessionStore(t *testing.T) {
	clock := newFakeClock()
	s := middleware.NewMemorySessionStore(middleware.MemoryStoreOptions{MaxEntries: 2, Now: clock.Now})
	ctx := context.Background()
	data := []byte(`{"v":{}}`)
	require.NoError(t, s.Set(ctx, "a", data, time.Minute))
	data[0] = 'X'
	got, ok, err := s.Get(ctx, "a")
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, `{"v":{}}`, string(got), "the store keeps its own copy")
	got[0] = 'Y'
	got, _, _ = s.Get(ctx, "a")
	assert.Equal(t, `{"v":{}}`, string(got), "and hands out copies")
	require.NoError(t, s.Set(ctx, "b", data, time.Minute))
	require.NoError(t, s.Touch(ctx, "a", time.Minute))
	require.NoError(t, s.Set(ctx, "c", data, time.Minute)) // evicts b, the least recently used
	assert.Equal(t, 2, s.Len())
	_, ok, _ = s.Get(ctx, "b")
	assert.False(t, ok)
	clock.Advance(time.Minute)
	_, ok, _ = s.Get(ctx, "a")
	assert.False(t, ok, "expired")
	require.NoError(t, s.Destroy(ctx, "c"))
	require.NoError(t, s.Destroy(ctx, "unknown"))
	require.NoError(t, s.Touch(ctx, "unknown", time.Minute))
	assert.Equal(t, 0, s.Len())
}

func ExampleSession() {
	app := expresso.New()
	app.Use(middleware.Session(middleware.SessionOptions{Secret: "a secret of at least thirty-two bytes"}))
	app.Post("/login", func(c *expresso.Context) error {
		s := middleware.SessionFrom(c)
		if err := s.Regenerate(); err != nil { // a new id on login
			return err
		}
		s.Set("user", "ann")
		return c.Redirect("/", http.StatusSeeOther)
	})
	app.Get("/", func(c *expresso.Context) error {
		user, ok := middleware.SessionValue[string](middleware.SessionFrom(c), "user")
		if !ok {
			return c.Send("hello stranger")
		}
		return c.Send("hello " + user)
	})

	res := app.Test(rtReq("POST", "/login"))
	cookie := res.Header.Get("Set-Cookie")
	r := rtReq("GET", "/", "Cookie", strings.Split(cookie, ";")[0])
	body, _ := io.ReadAll(app.Test(r).Body)
	fmt.Println(string(body))
	// Output: hello ann
}

func BenchmarkSession(b *testing.B) {
	app := rtBareApp(middleware.Session(middleware.SessionOptions{Secret: sessSecret}))
	app.Post("/login", func(c *expresso.Context) error {
		middleware.SessionFrom(c).Set("user", "ann")
		return c.SendStatus(204)
	})
	login := app.Test(rtReq("POST", "/login"))
	r := rtReq("GET", "/", "Cookie", cookieOf(login.Header.Get("Set-Cookie")))
	b.Run("bare", func(b *testing.B) { rtBench(b, rtBareApp(), r, 200) })
	b.Run("Session", func(b *testing.B) { rtBench(b, app, r, 200) })
}
