package main

import (
	"strconv"
	"sync"

	"github.com/expresso-go/expresso"
)

// user is one entry of the fake users database.
type user struct {
	Name  string `form:"user[name]"`
	Email string `form:"user[email]"`
}

// users is the fake users database and its handlers; it is safe for
// concurrent use.
type users struct {
	mu   sync.RWMutex
	rows []user
}

func newUsers() *users {
	return &users{rows: []user{
		{Name: "TJ", Email: "tj@vision-media.ca"},
		{Name: "Tobi", Email: "tobi@vision-media.ca"},
	}}
}

// all returns a copy of the users.
func (db *users) all() []user {
	db.mu.RLock()
	defer db.mu.RUnlock()
	return append([]user(nil), db.rows...)
}

// list renders the users; "users" is found as views/users/index.html.
func (db *users) list(c *expresso.Context) error {
	return c.Render("users", map[string]any{"title": "Users", "users": db.all()})
}

// load finds the user named by :id for the handlers after it, or fails
// with a 404.
func (db *users) load(c *expresso.Context) error {
	id := c.Param("id")
	i, err := strconv.Atoi(id)
	db.mu.RLock()
	found := err == nil && i >= 0 && i < len(db.rows)
	var u user
	if found {
		u = db.rows[i]
	}
	db.mu.RUnlock()
	if !found {
		return expresso.NewHTTPError(404, "cannot find user "+id)
	}
	c.Locals["user"], c.Locals["index"] = u, i
	return c.Next()
}

func (db *users) view(c *expresso.Context) error {
	u := c.Locals["user"].(user)
	return c.Render("users/view", map[string]any{"title": "Viewing user " + u.Name})
}

func (db *users) edit(c *expresso.Context) error {
	u := c.Locals["user"].(user)
	return c.Render("users/edit", map[string]any{"title": "Editing user " + u.Name})
}

// update saves the posted name and email, then goes back where the form
// was.
func (db *users) update(c *expresso.Context) error {
	var u user
	if err := c.Bind(&u); err != nil {
		return err
	}
	i := c.Locals["index"].(int)
	db.mu.Lock()
	db.rows[i] = u
	db.mu.Unlock()
	back := c.Get("Referrer")
	if back == "" {
		back = "/"
	}
	return c.Redirect(back)
}
