// Package dropped holds statement calls that drop a sender's or
// c.Next()'s error, and correct code that looks alike.
package dropped

import (
	"log"
	"time"

	"github.com/expresso-go/expresso"
)

var app = expresso.New()

func register() {
	// A sender as the last statement: the fix returns it.
	app.Get("/a", func(c *expresso.Context) error {
		if c.Query("q") == "" {
			c.Redirect("/search") // want `the error of c.Redirect is dropped and the handler runs on past the send`
		}
		return c.Send("results") // want `c.Send after c.Redirect`
	})
	// A sender followed by return nil: the fix returns the sender.
	app.Get("/b", func(c *expresso.Context) error {
		c.Status(201).JSON(map[string]int{"id": 1}) // want `the error of c.Status\(201\).JSON is dropped`
		return nil
	})
	// A sender in the middle of a block: reported, no mechanical fix.
	app.Get("/c", func(c *expresso.Context) error {
		c.Send("hi") // want `the error of c.Send is dropped`
		log.Print("sent")
		return nil
	})
	// An explicit discard is a decision: not reported.
	app.Get("/d", func(c *expresso.Context) error {
		_ = c.Send("hi")
		return nil
	})
	// Returned or checked: correct.
	app.Get("/e", func(c *expresso.Context) error {
		if err := c.SendStatus(204); err != nil {
			log.Print(err)
			return err
		}
		return nil
	})
	// Cookie drops its error.
	app.Get("/f", func(c *expresso.Context) error {
		c.Cookie("seen", "1", expresso.CookieOptions{MaxAge: time.Hour}) // want `the error of c.Cookie is dropped: a refused or invalid Cookie is silently lost`
		return c.Send("ok")
	})
	// Setters return the Context for chaining: no error to drop.
	app.Get("/g", func(c *expresso.Context) error {
		c.Set("X-A", "1").Status(202)
		return c.Send("ok")
	})
	// In a switch case the fix returns the sender.
	app.Get("/h", func(c *expresso.Context) error {
		switch c.Query("v") {
		case "json":
			c.JSON(1) // want `the error of c.JSON is dropped`
		default:
			return c.Send("1")
		}
		return nil
	})
	// In a loop body no fix is offered: returning would change the loop.
	app.Get("/i", func(c *expresso.Context) error {
		for range 2 {
			c.Write([]byte("x")) // want `c.Write after c.End \(line 70\)`
			c.End()              // want `the error of c.End is dropped` `c.End may run again`
		}
		return nil
	})
}

// Middleware that calls Next as a statement lose the route's error.
func middleware() {
	// Next as the last statement: the fix returns it.
	app.Use(func(c *expresso.Context) error {
		c.Set("X-Frame-Options", "DENY")
		c.Next() // want `the error of c.Next\(\) is dropped: an error from the rest of the chain never reaches the error handler`
		return nil
	})
	// Next then work: reported without a fix.
	app.Use(func(c *expresso.Context) error {
		start := time.Now()
		c.Next() // want `the error of c.Next\(\) is dropped`
		log.Print(time.Since(start))
		return nil
	})
	// Next returned, or kept and returned: correct.
	app.Use(func(c *expresso.Context) error {
		return c.Next()
	})
	app.Use(func(c *expresso.Context) error {
		start := time.Now()
		err := c.Next()
		log.Print(time.Since(start), err)
		return err
	})
	// Next inspected and handled: correct.
	app.Use(func(c *expresso.Context) error {
		if err := c.Next(); err != nil {
			return c.Status(500).Send(err.Error())
		}
		return nil
	})
}

// handler is a handler struct with a method that forgets to return.
type handler struct{ greeting string }

func (h handler) serve(c *expresso.Context) error { // want serve:`c: sends if err == nil`
	if h.greeting == "" {
		c.SendStatus(500) // want `the error of c.SendStatus is dropped`
	}
	return c.Send(h.greeting) // want `c.Send after c.SendStatus`
}

// notHandler has no error result: reported, no fix.
func notHandler(c *expresso.Context) { // want notHandler:`c: sends`
	c.Send("x") // want `the error of c.Send is dropped`
}

// render sends; dropping its error is dropping a sender's error.
func render(c *expresso.Context) error { // want render:`c: sends if err == nil`
	return c.Render("page", nil)
}

func useRender(c *expresso.Context) error { // want useRender:`c: sends if err == nil`
	render(c) // want `the error of render is dropped: it sends the response`
	return nil
}
