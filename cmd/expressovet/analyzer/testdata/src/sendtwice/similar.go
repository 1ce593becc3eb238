package sendtwice

import (
	"context"
	"errors"
	"log"
	"time"

	"github.com/expresso-go/expresso"
)

// Correct handlers that look like the mistakes: none is reported.

// events streams server-sent events until the client leaves.
var events = func(c *expresso.Context) error {
	c.Set("Content-Type", "text/event-stream").Set("Cache-Control", "no-cache")
	if err := c.WriteHead(200); err != nil {
		return err
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-c.Request().Context().Done():
			return c.End()
		case t := <-tick.C:
			if _, err := c.WriteString("data: " + t.String() + "\n\n"); err != nil {
				return err
			}
			if err := c.Flush(); err != nil {
				return err
			}
		}
	}
}

// firstMatch sends in a loop, then breaks out of it.
var firstMatch = func(c *expresso.Context) error {
	var err error
	sent := false
outer:
	for _, group := range [][]string{{"a"}, {"b"}} {
		for _, name := range group {
			if name == c.Param("name") {
				err = c.Send(name)
				sent = true
				break outer
			}
		}
	}
	if !sent {
		return c.SendStatus(404)
	}
	return err
}

// byErrorType answers by the type of error, once.
var byErrorType = func(c *expresso.Context) error {
	_, err := find(c.Param("id"))
	var he *expresso.Context
	switch {
	case err == nil:
		return c.SendStatus(204)
	case errors.As(err, &he):
		return c.SendStatus(400)
	case errors.Is(err, context.DeadlineExceeded):
		return c.SendStatus(504)
	}
	return err
}

// deferredRead logs after the send: reading is not changing.
var deferredRead = func(c *expresso.Context) error {
	defer func() { log.Print(c.Response().Status(), c.HeadersSent()) }()
	defer audit(c)
	return c.JSON(1)
}

func audit(c *expresso.Context) { log.Print(c.Method(), c.Path()) } // audit reads only: no fact

// errorHandler answers only when nothing went out.
var errorHandler = func(c *expresso.Context, err error) error {
	if c.HeadersSent() {
		return err
	}
	return c.Status(500).JSON(map[string]string{"error": err.Error()})
}

// nextThenStatus changes the response only when the chain failed before
// sending.
var nextThenStatus = func(c *expresso.Context) error {
	err := c.Next()
	if err != nil && !c.HeadersSent() {
		return c.Status(502).Send("upstream failed")
	}
	return err
}

// gotoRetry sends once after a retry loop built with goto.
var gotoRetry = func(c *expresso.Context) error {
	tries := 0
retry:
	u, err := find(c.Param("id"))
	if err != nil && tries < 3 {
		tries++
		goto retry
	}
	if err != nil {
		return err
	}
	return c.JSON(u)
}

// wrongFlag sets its flag on a path that did not send: the send on the
// other path still reaches the fallback.
var wrongFlag = func(c *expresso.Context) error {
	sent := false
	if c.Query("a") != "" {
		_ = c.Send("a")
	}
	if c.Query("b") != "" {
		sent = true
	}
	if !sent {
		return c.Send("z") // want `c.Send after c.Send`
	}
	return nil
}

// failClosure answers errors through a local closure, returning it.
var failClosure = func(c *expresso.Context) error {
	fail := func(code int, msg string) error {
		return c.Status(code).JSON(map[string]string{"error": msg})
	}
	if c.Param("id") == "" {
		return fail(400, "id required")
	}
	u, err := find(c.Param("id"))
	if err != nil {
		return fail(404, err.Error())
	}
	return c.JSON(u)
}

// closureFallsThrough calls the closure without returning it.
var closureFallsThrough = func(c *expresso.Context) error {
	fail := func(code int) error { return c.SendStatus(code) }
	if c.Param("id") == "" {
		_ = fail(400)
	}
	return c.JSON(1) // want `c.JSON after fail`
}

// closureSets changes headers through a closure after the send.
var closureSets = func(c *expresso.Context) error {
	noCache := func() { c.Set("Cache-Control", "no-store") }
	err := c.Send("x")
	noCache() // want `noCache after c.Send`
	return err
}
