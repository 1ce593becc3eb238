package expresso_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/expresso-go/expresso"
)

// exShow prints a response's status line, the named headers that are
// present, and the body.
func exShow(res *http.Response, headers ...string) {
	fmt.Println(res.Status)
	for _, h := range headers {
		for _, v := range res.Header.Values(h) {
			fmt.Printf("%s: %s\n", h, v)
		}
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if len(b) > 0 {
		fmt.Println(string(b))
	}
}

func ExampleNew() {
	app := expresso.New()
	app.Get("/users/:id", func(c *expresso.Context) error {
		return c.Status(200).JSON(map[string]any{"id": c.Param("id")})
	})

	// In a program: if err := app.Listen(":3000"); err != nil { log.Fatal(err) }.
	res := app.Test(httptest.NewRequest("GET", "/users/42", nil))
	exShow(res, "Content-Type")

	res = app.Test(httptest.NewRequest("GET", "/nope", nil))
	fmt.Println(res.Status)
	// Output:
	// 200 OK
	// Content-Type: application/json; charset=utf-8
	// {"id":"42"}
	// 404 Not Found
}

func ExampleRouter_Use() {
	app := expresso.New()
	// Middleware runs in registration order and passes the request on
	// with Next.
	app.Use(func(c *expresso.Context) error {
		c.Set("X-Request-Path", c.Path())
		return c.Next()
	})

	// A Router mounted at a prefix sees paths relative to it.
	api := expresso.NewRouter()
	api.Use(func(c *expresso.Context) error {
		if c.Get("Authorization") == "" {
			return expresso.NewHTTPError(401, "token required")
		}
		return c.Next()
	})
	api.Get("/health", func(c *expresso.Context) error {
		return c.Send("healthy at " + c.BaseURL() + c.Path())
	})
	app.Use("/api", api)

	r := httptest.NewRequest("GET", "/api/health", nil)
	r.Header.Set("Authorization", "Bearer t")
	exShow(app.Test(r), "X-Request-Path")

	r = httptest.NewRequest("GET", "/api/health", nil)
	r.Header.Set("Accept", "text/plain")
	exShow(app.Test(r), "X-Request-Path")
	// Output:
	// 200 OK
	// X-Request-Path: /api/health
	// healthy at /api/health
	// 401 Unauthorized
	// X-Request-Path: /api/health
	// token required
}

func ExampleContext_JSON() {
	type user struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
		Bio  string `json:"bio"`
	}
	app := expresso.New()
	app.Get("/me", func(c *expresso.Context) error {
		// As JSON.stringify: no trailing newline, <, > and & unescaped.
		return c.JSON(user{ID: 1, Name: "tobi", Bio: "<ferret> & friend"})
	})
	exShow(app.Test(httptest.NewRequest("GET", "/me", nil)), "Content-Type", "Content-Length", "ETag")
	// Output:
	// 200 OK
	// Content-Type: application/json; charset=utf-8
	// Content-Length: 48
	// ETag: W/"30-L1n592vOEAWK2DEFrssjsMBu+ZE"
	// {"id":1,"name":"tobi","bio":"<ferret> & friend"}
}

func ExampleContext_Redirect() {
	app := expresso.New()
	app.Get("/old", func(c *expresso.Context) error {
		return c.Redirect("/new?q=café", 301)
	})

	r := httptest.NewRequest("GET", "/old", nil)
	exShow(app.Test(r), "Location", "Vary", "Content-Type")

	r = httptest.NewRequest("GET", "/old", nil)
	r.Header.Set("Accept", "text/html")
	exShow(app.Test(r), "Content-Type")
	// Output:
	// 301 Moved Permanently
	// Location: /new?q=caf%C3%A9
	// Vary: Accept
	// Content-Type: text/plain; charset=utf-8
	// Moved Permanently. Redirecting to /new?q=caf%C3%A9
	// 301 Moved Permanently
	// Content-Type: text/html; charset=utf-8
	// <!DOCTYPE html><head><title>Moved Permanently</title></head><body><p>Moved Permanently. Redirecting to /new?q=caf%C3%A9</p></body>
}

func ExampleContext_Cookie() {
	app := expresso.New(expresso.Config{CookieSecrets: []string{"new secret", "old secret"}})
	app.Get("/login", func(c *expresso.Context) error {
		if err := c.Cookie("sid", "abc123", expresso.CookieOptions{Signed: true, HttpOnly: true,
			SameSite: "Lax"}); err != nil {
			return err
		}
		if err := c.Cookie("prefs", map[string]string{"theme": "dark"}); err != nil {
			return err
		}
		return c.SendStatus(204)
	})
	app.Get("/whoami", func(c *expresso.Context) error {
		sid, ok := c.SignedCookie("sid")
		var prefs struct{ Theme string }
		if err := c.CookieJSON("prefs", &prefs); err != nil {
			return err
		}
		return c.Send(fmt.Sprintf("sid=%s verified=%t theme=%s", sid, ok, prefs.Theme))
	})

	res := app.Test(httptest.NewRequest("GET", "/login", nil))
	exShow(res, "Set-Cookie")

	// Send the cookies back, as a browser would.
	r := httptest.NewRequest("GET", "/whoami", nil)
	for _, ck := range res.Cookies() {
		r.AddCookie(ck)
	}
	exShow(app.Test(r))
	// Output:
	// 204 No Content
	// Set-Cookie: sid=s%3Aabc123.Ws55Es46acHEFvwiyYC%2BbHwcsnv6CFtZBYwyDP%2FmNaA; Path=/; HttpOnly; SameSite=Lax
	// Set-Cookie: prefs=j%3A%7B%22theme%22%3A%22dark%22%7D; Path=/
	// 200 OK
	// sid=abc123 verified=true theme=dark
}

func ExampleContext_Format() {
	app := expresso.New()
	app.Get("/greeting", func(c *expresso.Context) error {
		return c.Format(
			expresso.Offer{Type: "text", Handler: func(c *expresso.Context) error {
				return c.Send("hello")
			}},
			expresso.Offer{Type: "html", Handler: func(c *expresso.Context) error {
				return c.Send("<p>hello</p>")
			}},
			expresso.Offer{Type: "json", Handler: func(c *expresso.Context) error {
				return c.JSON(map[string]string{"greeting": "hello"})
			}},
		)
	})
	for _, accept := range []string{"text/html;q=0.9, application/json", "text/*", "image/png"} {
		r := httptest.NewRequest("GET", "/greeting", nil)
		r.Header.Set("Accept", accept)
		res := app.Test(r)
		exShow(res, "Content-Type", "Vary")
		fmt.Println(strings.Repeat("-", 3))
	}
	// Output:
	// 200 OK
	// Content-Type: application/json; charset=utf-8
	// Vary: Accept
	// {"greeting":"hello"}
	// ---
	// 200 OK
	// Content-Type: text/plain; charset=utf-8
	// Vary: Accept
	// hello
	// ---
	// 406 Not Acceptable
	// Content-Type: text/plain; charset=utf-8
	// Vary: Accept
	// Not Acceptable
	// ---
}
