package main

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

// accounts maps each user name to the SHA-256 of the password. A real app
// keeps a slow hash (bcrypt, argon2id) in a database.
type accounts map[string][sha256.Size]byte

// newAccounts returns the demo accounts: tobi and loki, password ferret.
func newAccounts() accounts {
	return accounts{"tobi": sha256.Sum256([]byte("ferret")), "loki": sha256.Sum256([]byte("ferret"))}
}

// credentials is the login form.
type credentials struct {
	Username string `form:"username"`
	Password string `form:"password"`
}

// currentUser returns the name of the signed-in user, or "".
func currentUser(c *expresso.Context) string {
	name, _ := middleware.SessionValue[string](middleware.SessionFrom(c), "user")
	return name
}

// requireUser lets signed-in users through and sends the others to the
// login page with a flash message.
func requireUser(c *expresso.Context) error {
	if currentUser(c) != "" {
		return c.Next()
	}
	middleware.SessionFrom(c).Flash("error", "Please log in first.")
	return c.Redirect("/login", http.StatusSeeOther)
}

// loginForm shows the login form.
func loginForm(c *expresso.Context) error {
	return page(c, "login", "Log in", nil)
}

// login checks the credentials; on success it regenerates the session
// (so an id planted before the login is worthless) and remembers the user.
func (acc accounts) login(c *expresso.Context) error {
	var in credentials
	if err := c.Bind(&in); err != nil {
		return err
	}
	s := middleware.SessionFrom(c)
	want, known := acc[in.Username]
	got := sha256.Sum256([]byte(in.Password))
	if subtle.ConstantTimeCompare(got[:], want[:]) != 1 || !known {
		s.Flash("error", "Wrong user name or password.")
		return c.Redirect("/login", http.StatusSeeOther)
	}
	if err := s.Regenerate(); err != nil {
		return err
	}
	s.Set("user", in.Username)
	s.Flash("info", "Welcome, "+in.Username+"!")
	return c.Redirect("/", http.StatusSeeOther)
}

// logout ends the session; the flash message lives in the new, empty one.
func logout(c *expresso.Context) error {
	s := middleware.SessionFrom(c)
	if err := s.Destroy(); err != nil {
		return err
	}
	s.Flash("info", "You are logged out.")
	return c.Redirect("/", http.StatusSeeOther)
}
