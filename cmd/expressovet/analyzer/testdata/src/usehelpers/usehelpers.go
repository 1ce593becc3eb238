// Package usehelpers calls the helpers of another package, and of its
// own, that send: the sends they hide are seen through facts.
package usehelpers

import (
	"helpers"

	"github.com/expresso-go/expresso"
)

var app = expresso.New()

// register registers handlers as literals.
func register() {
	app.Get("/a", func(c *expresso.Context) error {
		if c.Param("id") == "" {
			_ = helpers.NotFound(c)
		}
		return c.JSON(1) // want `c.JSON after NotFound \(line 17\) sent the response`
	})
	app.Get("/b", func(c *expresso.Context) error {
		if c.Param("id") == "" {
			return helpers.NotFound(c)
		}
		return c.JSON(1)
	})
	app.Get("/c", func(c *expresso.Context) error {
		if !helpers.RequireUser(c) {
			return nil
		}
		return c.JSON(1)
	})
	app.Get("/d", func(c *expresso.Context) error {
		helpers.RequireUser(c)
		return c.JSON(1) // want `c.JSON after RequireUser`
	})
	app.Get("/e", func(c *expresso.Context) error {
		ok := helpers.RequireUser(c)
		if ok {
			return c.JSON(1)
		}
		return nil
	})
	app.Get("/f", func(c *expresso.Context) error {
		id, err := helpers.Load(c, c.Param("id"))
		if err != nil {
			return err
		}
		return c.Send(id)
	})
	app.Get("/g", func(c *expresso.Context) error {
		id, err := helpers.Load(c, c.Param("id"))
		if err != nil {
			c.Set("X-Missing", id) // want `c.Set after Load`
		}
		return err
	})
	app.Get("/h", func(c *expresso.Context) error {
		if err := c.JSON(1); err != nil {
			return err
		}
		helpers.NoCache(c) // want `NoCache after c.JSON \(line 59\) sent the response: the change is refused`
		return nil
	})
	app.Get("/i", func(c *expresso.Context) error {
		helpers.NoCache(c)
		return c.Send(helpers.Name(c))
	})
	app.Get("/j", func(c *expresso.Context) error {
		if err := render(c, "x"); err != nil {
			return err
		}
		return c.SendStatus(200) // want `c.SendStatus after render`
	})
	app.Get("/k", func(c *expresso.Context) error {
		if c.Query("v") == "" {
			return viaHelper(c)
		}
		return render(c, "y")
	})
}

// render is a local helper that sends.
func render(c *expresso.Context, s string) error { // want render:`c: sends if err == nil`
	return c.Send("<p>" + s + "</p>")
}

// viaHelper sends through render: facts reach helpers of helpers.
func viaHelper(c *expresso.Context) error { // want viaHelper:`c: sends if err == nil`
	return render(c, "z")
}

// twice calls a helper that sends, then sends.
func twice(c *expresso.Context) error { // want twice:`c: sends if err == nil`
	if err := viaHelper(c); err != nil {
		return err
	}
	return c.JSON(2) // want `c.JSON after viaHelper`
}

// openThenSend sends the file Open found: Open sent nothing when it
// returned a file.
func openThenSend(c *expresso.Context) error { // want openThenSend:`c: sends if err == nil`
	f, err := helpers.Open(c, c.Param("name"))
	if err != nil || f == nil {
		return err
	}
	return c.SendFile(*f)
}

// openIgnoringNil sends even when Open redirected.
func openIgnoringNil(c *expresso.Context) error { // want openIgnoringNil:`c: sends if err == nil`
	f, err := helpers.Open(c, c.Param("name"))
	if err != nil {
		return err
	}
	return c.SendFile(*f) // want `c.SendFile after Open`
}
