// Package corpus is a corpus of deliberately buggy handlers, written from
// the double-send and lost-error cases of expresso's own test suite
// (doublesend_test.go, response_errors_test.go, app_error_test.go,
// node_test.go, headers_test.go) and from the mistakes of Express apps
// ported to Go. Each handler is one bug; a handler the analyzer finds
// carries its `want`, a handler it misses says so with a "missed:" line.
package corpus

import (
	"errors"
	"log"
	"net/http"
	"time"

	"github.com/expresso-go/expresso"
)

var (
	app     = expresso.New()
	current *expresso.Context
)

// doublesend_test.go: every first send followed by every second call.

var bug01SendSend expresso.Handler = func(c *expresso.Context) error {
	c.Send("hello")        // want `the error of c.Send is dropped`
	return c.Send("again") // want `c.Send after c.Send`
}

var bug02JSONJSON expresso.Handler = func(c *expresso.Context) error {
	if err := c.JSON(map[string]int{"a": 1}); err != nil {
		return err
	}
	return c.JSON(map[string]int{"b": 2}) // want `c.JSON after c.JSON`
}

var bug03JSONPRedirect expresso.Handler = func(c *expresso.Context) error {
	_ = c.JSONP(map[string]int{"a": 1})
	return c.Redirect("/elsewhere", 301) // want `c.Redirect after c.JSONP`
}

var bug04RedirectSendStatus expresso.Handler = func(c *expresso.Context) error {
	if err := c.Redirect("/next"); err != nil {
		return err
	}
	return c.SendStatus(500) // want `c.SendStatus after c.Redirect`
}

var bug05SendStatusEnd expresso.Handler = func(c *expresso.Context) error {
	if err := c.SendStatus(201); err != nil {
		return err
	}
	return c.End("again") // want `c.End after c.SendStatus`
}

var bug06EndEnd expresso.Handler = func(c *expresso.Context) error {
	err := c.End("bye")
	if err == nil {
		err = c.End() // want `c.End after c.End`
	}
	return err
}

var bug07WriteEndWrite expresso.Handler = func(c *expresso.Context) error {
	if _, err := c.Write([]byte("part")); err != nil {
		return err
	}
	if err := c.End("end"); err != nil {
		return err
	}
	_, err := c.Write([]byte("again")) // want `c.Write after c.End`
	return err
}

var bug08WriteHeadEndWriteHead expresso.Handler = func(c *expresso.Context) error {
	if err := c.WriteHead(201, http.Header{"X-Head": {"1"}}); err != nil {
		return err
	}
	if err := c.End("made"); err != nil {
		return err
	}
	return c.WriteHead(500, http.Header{"X-Late": {"1"}}) // want `c.WriteHead after c.End`
}

var bug09SendCookie expresso.Handler = func(c *expresso.Context) error {
	if err := c.Send("hello"); err != nil {
		return err
	}
	return c.Cookie("sid", "1") // want `c.Cookie after c.Send`
}

var bug10JSONClearCookie expresso.Handler = func(c *expresso.Context) error {
	if err := c.JSON(1); err != nil {
		return err
	}
	return c.ClearCookie("sid") // want `c.ClearCookie after c.JSON`
}

var bug11SendSet expresso.Handler = func(c *expresso.Context) error {
	err := c.Send("hello")
	c.Set("X-Late", "1") // want `c.Set after c.Send`
	return err
}

var bug12SendStatus expresso.Handler = func(c *expresso.Context) error {
	err := c.Send("hello")
	c.Status(500) // want `c.Status after c.Send`
	return err
}

var bug13RedirectType expresso.Handler = func(c *expresso.Context) error {
	err := c.Redirect("/next")
	c.Type("json") // want `c.Type after c.Redirect`
	return err
}

var bug14JSONVary expresso.Handler = func(c *expresso.Context) error {
	err := c.JSON(1)
	c.Vary("Origin") // want `c.Vary after c.JSON`
	return err
}

var bug15EndAppend expresso.Handler = func(c *expresso.Context) error {
	err := c.End("bye")
	c.Append("X-Late", "1") // want `c.Append after c.End`
	return err
}

var bug16SendLocation expresso.Handler = func(c *expresso.Context) error {
	err := c.Send("hello")
	c.Location("/x") // want `c.Location after c.Send`
	return err
}

var bug17SendLinks expresso.Handler = func(c *expresso.Context) error {
	err := c.Send("hello")
	c.Links("next", "/p2") // want `c.Links after c.Send`
	return err
}

var bug18SendAttachment expresso.Handler = func(c *expresso.Context) error {
	err := c.Send("hello")
	c.Attachment("a.txt") // want `c.Attachment after c.Send`
	return err
}

var bug19SendResponseWriteHeader expresso.Handler = func(c *expresso.Context) error {
	err := c.Send("hello")
	c.Response().WriteHeader(500) // want `c.Response\(\).WriteHeader after c.Send`
	return err
}

var bug20EndResponseWrite expresso.Handler = func(c *expresso.Context) error {
	if err := c.End("bye"); err != nil {
		return err
	}
	_, err := c.Response().Write([]byte("again")) // want `c.Response\(\).Write after c.End`
	return err
}

// Control flow: the Express habit of res.send without return.

var bug21IfWithoutReturn expresso.Handler = func(c *expresso.Context) error {
	if c.Param("id") == "" {
		c.Status(400).Send("id required") // want `the error of c.Status\(400\).Send is dropped`
	}
	return c.JSON(map[string]string{"id": c.Param("id")}) // want `c.JSON after c.Send`
}

var bug22LoopSends expresso.Handler = func(c *expresso.Context) error {
	for _, v := range c.QueryValues()["v"] {
		if err := c.Send(v); err != nil { // want `c.Send may run again`
			return err
		}
	}
	return nil
}

var bug23SwitchFallsOut expresso.Handler = func(c *expresso.Context) error {
	switch c.Accepts("json", "html") {
	case "json":
		_ = c.JSON(1)
	case "html":
		_ = c.Send("<p>1</p>")
	}
	return c.SendStatus(406) // want `c.SendStatus after c.JSON`
}

var bug24SelectFallsOut = func(c *expresso.Context, result <-chan string) error {
	select {
	case r := <-result:
		_ = c.Send(r)
	case <-time.After(time.Second):
		_ = c.SendStatus(504)
	}
	return c.End() // want `c.End after c.Send`
}

var bug25DeferredHeader expresso.Handler = func(c *expresso.Context) error {
	start := time.Now()
	defer c.Set("X-Response-Time", time.Since(start).String()) // want `deferred c.Set runs when the function returns`
	return c.Send("ok")
}

var bug26DeferredFallback expresso.Handler = func(c *expresso.Context) error {
	defer func() {
		_ = c.SendStatus(500) // want `deferred c.SendStatus runs when the function returns`
	}()
	return c.JSON(1)
}

// Helpers that send, in the handler's package.

func notFound(c *expresso.Context, what string) error { // want notFound:`c: sends if err == nil, sets`
	return c.Status(404).JSON(map[string]string{"error": what + " not found"})
}

func requireAdmin(c *expresso.Context) bool { // want requireAdmin:`c: sends if false`
	if c.Get("X-Role") != "admin" {
		_ = c.SendStatus(403)
		return false
	}
	return true
}

var bug27HelperThenSend expresso.Handler = func(c *expresso.Context) error {
	if c.Param("id") == "0" {
		_ = notFound(c, "user")
	}
	return c.JSON(map[string]string{"id": c.Param("id")}) // want `c.JSON after notFound`
}

var bug28GuardIgnored expresso.Handler = func(c *expresso.Context) error {
	requireAdmin(c)
	return c.Send("admin page") // want `c.Send after requireAdmin`
}

var bug29ChainAfterSend expresso.Handler = func(c *expresso.Context) error {
	if err := c.Send("created"); err != nil {
		return err
	}
	return c.Status(201).JSON(map[string]int{"id": 1}) // want `c.Status after c.Send`
}

// A handler struct's method, and a handler registered through a variable.

type users struct{ names map[string]string }

func (u users) show(c *expresso.Context) error { // want show:`c: sends if err == nil`
	name, ok := u.names[c.Param("id")]
	if !ok {
		c.SendStatus(404) // want `the error of c.SendStatus is dropped`
	}
	return c.Send(name) // want `c.Send after c.SendStatus`
}

var bug31Registered = func(c *expresso.Context) error {
	if c.Query("legacy") != "" {
		_ = c.Redirect("/v2" + c.Path())
	}
	return c.Render("page", nil) // want `c.Render after c.Redirect`
}

// Lost errors: middleware that drops the chain's error (issue 11).

var bug32NextReturnNil expresso.Handler = func(c *expresso.Context) error {
	c.Set("X-Frame-Options", "DENY")
	c.Next() // want `the error of c.Next\(\) is dropped`
	return nil
}

var bug33NextThenLog expresso.Handler = func(c *expresso.Context) error {
	start := time.Now()
	c.Next() // want `the error of c.Next\(\) is dropped`
	log.Print(c.Method(), c.Path(), time.Since(start))
	return nil
}

var bug34SenderDropped expresso.Handler = func(c *expresso.Context) error {
	c.JSON(map[string]string{"status": "ok"}) // want `the error of c.JSON is dropped`
	return nil
}

// Contexts that outlive the handler (response_copy_test.go's misuse).

var bug35Goroutine expresso.Handler = func(c *expresso.Context) error {
	go func() { // want `the goroutine uses c`
		time.Sleep(time.Second)
		log.Print(c.Param("id"))
	}()
	return c.SendStatus(202)
}

var bug36Stored expresso.Handler = func(c *expresso.Context) error {
	current = c // want `stored in the package variable current`
	return c.Send("ok")
}

// Missed: what the analyzer does not see.

// response_errors_test.go "should log an error returned after Send": an
// error returned after the response was sent is only logged.
// missed: returning an error after a send is not one of the four checks.
var bug37ErrorAfterSend expresso.Handler = func(c *expresso.Context) error {
	if err := c.Send("ok"); err != nil {
		return err
	}
	return errors.New("boom")
}

// A header value the guarded writer refuses at run time (a newline).
// missed: header values are checked at run time only.
var bug38BadHeaderValue expresso.Handler = func(c *expresso.Context) error {
	c.Set("X-Bad", "a\nb")
	return c.Send("x")
}

// A second send through a closure kept in a variable.
var bug39Closure expresso.Handler = func(c *expresso.Context) error {
	reply := func(v any) error { return c.JSON(v) }
	_ = reply(1)
	return reply(2) // want `reply after reply`
}

// A second send through another name for the same Context.
var bug40Alias expresso.Handler = func(c *expresso.Context) error {
	res := c
	_ = res.Send("first")
	return c.Send("second") // want `c.Send after c.Send`
}

// A send after Format, whose offer already answered.
var bug41FormatThenSend expresso.Handler = func(c *expresso.Context) error {
	if err := c.Format(expresso.Offer{Type: "json", Handler: func(c *expresso.Context) error { return c.JSON(1) }}); err != nil {
		return err
	}
	return c.SendStatus(200) // want `c.SendStatus after c.Format`
}

func register() {
	u := users{}
	app.Get("/u/:id", u.show)
	app.Get("/r", bug31Registered)
}
