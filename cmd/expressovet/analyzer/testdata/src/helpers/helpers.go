// Package helpers holds functions that send on a Context they are given;
// the analyzer exports what each does as a fact for other packages.
package helpers

import "github.com/expresso-go/expresso"

// NotFound always sends a 404.
func NotFound(c *expresso.Context) error { // want NotFound:`c: sends if err == nil, sets`
	return c.Status(404).JSON(map[string]string{"error": "not found"})
}

// RequireUser sends a 401 and returns false when there is no user.
func RequireUser(c *expresso.Context) bool { // want RequireUser:`c: sends if false`
	if c.Get("X-User") == "" {
		_ = c.SendStatus(401)
		return false
	}
	return true
}

// Load answers 404 itself when the thing is missing and returns the
// reason; it returns nil, having sent nothing, when it was found.
func Load(c *expresso.Context, id string) (string, error) { // want Load:`c: sends if err != nil`
	if id == "" {
		err := expresso.ErrHeadersSent
		_ = c.SendStatus(404)
		return "", err
	}
	return id, nil
}

// NoCache only sets headers.
func NoCache(c *expresso.Context) { // want NoCache:`c: sets`
	c.Set("Cache-Control", "no-store")
}

// Name reads the request only.
func Name(c *expresso.Context) string { return c.Param("name") }

// Open returns the file to send, or redirects and returns nil for both.
func Open(c *expresso.Context, name string) (*string, error) { // want Open:`c: sends if err == nil`
	if name == "" {
		return nil, c.Redirect("/")
	}
	return &name, nil
}
