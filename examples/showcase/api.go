package main

import (
	"errors"
	"strconv"
	"sync"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

// user is a user of the API.
type user struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// userStore is an in-memory user store, safe for concurrent use.
type userStore struct {
	mu    sync.RWMutex
	users map[int]user
	next  int
}

func (s *userStore) get(id int) (user, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u, ok := s.users[id]
	return u, ok
}

func (s *userStore) list() []user {
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

func (s *userStore) add(u user) user {
	s.mu.Lock()
	defer s.mu.Unlock()
	u.ID = s.next
	s.next++
	s.users[u.ID] = u
	return u
}

// newAPI returns the JSON API, a Router the app mounts on /api: users to
// list, add and fetch, and errors answered as JSON.
func newAPI() *expresso.Router {
	db := &userStore{users: map[int]user{}, next: 1}
	db.add(user{Name: "Tobi", Email: "tobi@example.com"})
	db.add(user{Name: "Loki", Email: "loki@example.com"})

	api := expresso.NewRouter()
	api.Use(middleware.CSRF(middleware.CSRFOptions{}))
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
	api.OnError(jsonError)
	return api
}

// jsonError answers the API's client errors as {"error": message}, as an
// Express error middleware would; server errors go on to the app's handler,
// which hides their details in production.
func jsonError(c *expresso.Context, err error) error {
	var he *expresso.HTTPError
	if !errors.As(err, &he) || he.Code >= 500 {
		return err
	}
	return c.Status(he.Code).JSON(map[string]string{"error": he.Error()})
}
