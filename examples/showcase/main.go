// Command showcase is a small expresso app: a logging middleware, an HTML
// page with a signed visit counter, a JSON API mounted as a router, content
// negotiation, redirects and error handling.
//
//	go run ./examples/showcase          # serves http://localhost:3000
//	curl -i localhost:3000/api/users/1
package main

import (
	"flag"
	"log"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/expresso-go/expresso"
)

type user struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// store is an in-memory user store, safe for concurrent use.
type store struct {
	mu    sync.RWMutex
	users map[int]user
	next  int
}

func (s *store) get(id int) (user, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u, ok := s.users[id]
	return u, ok
}

func (s *store) list() []user {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]user, 0, len(s.users))
	for i := 1; i < s.next; i++ {
		if u, ok := s.users[i]; ok {
			out = append(out, u)
		}
	}
	return out
}

func (s *store) add(u user) user {
	s.mu.Lock()
	defer s.mu.Unlock()
	u.ID = s.next
	s.next++
	s.users[u.ID] = u
	return u
}

func newApp() *expresso.App {
	app := expresso.New(expresso.Config{CookieSecrets: []string{"showcase-secret"}})
	db := &store{users: map[int]user{}, next: 1}
	db.add(user{Name: "Tobi", Email: "tobi@example.com"})
	db.add(user{Name: "Loki", Email: "loki@example.com"})

	app.Use(func(c *expresso.Context) error {
		start := time.Now()
		err := c.Next()
		slog.Info("request", "method", c.Method(), "url", c.OriginalURL(),
			"status", c.Response().Status(), "took", time.Since(start), "err", err)
		return err
	})

	app.Get("/", func(c *expresso.Context) error {
		visits := 0
		if v, ok := c.SignedCookie("visits"); ok {
			visits, _ = strconv.Atoi(v)
		}
		visits++
		if err := c.Cookie("visits", visits, expresso.CookieOptions{Signed: true, HttpOnly: true, MaxAge: 24 * time.Hour}); err != nil {
			return err
		}
		return c.Send("<h1>expresso showcase</h1><p>Visit number " + strconv.Itoa(visits) +
			`.</p><ul><li><a href="/api/users">/api/users</a></li><li><a href="/hello">/hello</a></li>` +
			`<li><a href="/old">/old</a> (redirects)</li><li><a href="/boom">/boom</a> (an error)</li></ul>`)
	})

	app.Get("/hello", func(c *expresso.Context) error {
		return c.Format(
			expresso.Offer{Type: "text/html", Handler: func(c *expresso.Context) error { return c.Send("<p>Hello!</p>") }},
			expresso.Offer{Type: "json", Handler: func(c *expresso.Context) error { return c.JSON(map[string]string{"hello": "world"}) }},
			expresso.Offer{Type: "text/plain", Handler: func(c *expresso.Context) error { return c.Send("Hello!") }},
		)
	})

	app.Get("/old", func(c *expresso.Context) error { return c.Redirect("/hello", 301) })
	app.Get("/boom", func(c *expresso.Context) error {
		return expresso.NewHTTPError(418, "I'm a teapot, not a coffee machine")
	})

	api := expresso.NewRouter()
	api.Get("/health", func(c *expresso.Context) error { return c.SendStatus(204) })
	api.Param("id", func(c *expresso.Context, value string) error {
		id, err := strconv.Atoi(value)
		if err != nil {
			return expresso.NewHTTPError(400, "user id must be a number")
		}
		u, ok := db.get(id)
		if !ok {
			return expresso.NewHTTPError(404, "no user "+value)
		}
		c.Locals["user"] = u
		return nil
	})
	api.Route("/users").
		Get(func(c *expresso.Context) error { return c.JSON(db.list()) }).
		Post(func(c *expresso.Context) error {
			var u user
			if err := c.Bind(&u); err != nil {
				return err
			}
			if u.Name == "" {
				return expresso.NewHTTPError(422, "name is required")
			}
			u = db.add(u)
			return c.Status(201).Location("/api/users/" + strconv.Itoa(u.ID)).JSON(u)
		})
	api.Get("/users/:id", func(c *expresso.Context) error { return c.JSON(c.Locals["user"]) })
	app.Use("/api", api)
	return app
}

func main() {
	addr := flag.String("addr", ":3000", "address to listen on")
	flag.Parse()
	slog.Info("expresso showcase listening", "addr", *addr)
	if err := newApp().Listen(*addr); err != nil {
		log.Fatal(err)
	}
}
