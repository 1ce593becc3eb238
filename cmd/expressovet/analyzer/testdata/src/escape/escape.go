// Package escape holds handlers whose Context outlives them, and correct
// handlers that use c.Copy() or wait for their goroutines.
package escape

import (
	"log"
	"sync"
	"time"

	"github.com/expresso-go/expresso"
)

var (
	app  = expresso.New()
	last *expresso.Context
	jobs = make(chan *expresso.Context, 8)
)

type job struct{ c *expresso.Context }

type server struct {
	current *expresso.Context
	pending []*expresso.Context
	byID    map[string]*expresso.Context
	queue   chan job
	hook    func()
}

func audit(c *expresso.Context) { log.Print(c.Path()) }

func register(s *server) {
	app.Get("/go", func(c *expresso.Context) error {
		go func() { // want `the goroutine uses c, the handler's Context, after the handler may have returned`
			log.Print(c.Param("id"))
		}()
		return c.SendStatus(202)
	})
	app.Get("/go-arg", func(c *expresso.Context) error {
		go audit(c) // want `the goroutine uses c`
		return c.SendStatus(202)
	})
	app.Get("/go-method", func(c *expresso.Context) error {
		go c.Send("late") // want `the goroutine uses c`
		return nil
	})
	app.Get("/go-copy", func(c *expresso.Context) error {
		cp := c.Copy()
		go func() {
			log.Print(cp.Param("id"))
		}()
		go audit(cp)
		return c.SendStatus(202)
	})
	app.Get("/go-values", func(c *expresso.Context) error {
		id := c.Param("id")
		go func() { log.Print(id) }()
		return c.SendStatus(202)
	})
	app.Get("/go-wait", func(c *expresso.Context) error {
		var wg sync.WaitGroup
		var a, b string
		wg.Add(2)
		go func() { defer wg.Done(); a = c.Query("a") }()
		go func() { defer wg.Done(); b = c.Query("b") }()
		wg.Wait()
		return c.Send(a + b)
	})
	app.Get("/go-recv", func(c *expresso.Context) error {
		done := make(chan string)
		go func() { done <- c.Query("a") }()
		return c.Send(<-done)
	})
	app.Get("/global", func(c *expresso.Context) error {
		last = c // want `c, the handler's Context, is stored in the package variable last, which outlives the handler`
		return nil
	})
	app.Get("/field", func(c *expresso.Context) error {
		s.current = c                    // want `stored in the field s.current`
		s.pending = append(s.pending, c) // want `stored in the field s.pending`
		s.byID[c.Param("id")] = c        // want `stored in an element of s.byID`
		return nil
	})
	app.Get("/field-copy", func(c *expresso.Context) error {
		s.current = c.Copy()
		s.pending = append(s.pending, c.Copy())
		return nil
	})
	app.Get("/chan", func(c *expresso.Context) error {
		jobs <- c            // want `c, the handler's Context, is sent on a channel`
		s.queue <- job{c: c} // want `is sent on a channel`
		jobs <- c.Copy()
		return nil
	})
	app.Get("/closure", func(c *expresso.Context) error {
		time.AfterFunc(time.Second, func() { // want `the function given to time.AfterFunc uses c`
			log.Print(c.Path())
		})
		return nil
	})
	app.Get("/closure-stored", func(c *expresso.Context) error {
		s.byID = nil
		onDone := func() { log.Print(c.Path()) }
		onDone()
		s.hook = func() { log.Print(c.Path()) } // want `c, the handler's Context, is stored in the field s.hook`
		return nil
	})
	app.Get("/local", func(c *expresso.Context) error {
		ctx := c
		var w = ctx
		return w.Send("ok")
	})
}

// remember is a helper that stores the Context it is given.
func (s *server) remember(c *expresso.Context) {
	s.current = c // want `stored in the field s.current`
}

// aliased hands the Context to a goroutine under another name.
var aliased = func(c *expresso.Context) error {
	res := c
	go func() { log.Print(res.Path()) }() // want `the goroutine uses res`
	return res.SendStatus(202)
}

// reassigned is not an alias: it names two Contexts in turn.
var reassigned = func(c, d *expresso.Context) error {
	x := c
	x = d
	return x.Send("ok")
}
