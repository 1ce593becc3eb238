// Package corpusok holds the corrected form of each handler in corpus:
// the analyzer must report none of them.
package corpusok

import (
	"log"
	"net/http"
	"time"

	"github.com/expresso-go/expresso"
)

var app = expresso.New()

var ok01Send expresso.Handler = func(c *expresso.Context) error { return c.Send("hello") }

var ok02JSONOrJSON expresso.Handler = func(c *expresso.Context) error {
	if c.Query("b") != "" {
		return c.JSON(map[string]int{"b": 2})
	}
	return c.JSON(map[string]int{"a": 1})
}

var ok07WriteEnd expresso.Handler = func(c *expresso.Context) error {
	if _, err := c.Write([]byte("part")); err != nil {
		return err
	}
	if _, err := c.Write([]byte("more")); err != nil {
		return err
	}
	return c.End("end")
}

var ok08WriteHeadEnd expresso.Handler = func(c *expresso.Context) error {
	if err := c.WriteHead(201, http.Header{"X-Head": {"1"}}); err != nil {
		return err
	}
	return c.End("made")
}

var ok09CookieSend expresso.Handler = func(c *expresso.Context) error {
	if err := c.Cookie("sid", "1"); err != nil {
		return err
	}
	if err := c.ClearCookie("old"); err != nil {
		return err
	}
	return c.Send("hello")
}

var ok11SettersSend expresso.Handler = func(c *expresso.Context) error {
	c.Set("X-A", "1").Status(201).Type("json").Vary("Origin").Append("X-B", "2").
		Location("/x").Links("next", "/p2").Attachment("a.txt")
	c.Response().Header().Set("X-C", "3")
	return c.Send("hello")
}

var ok21IfReturn expresso.Handler = func(c *expresso.Context) error {
	if c.Param("id") == "" {
		return c.Status(400).Send("id required")
	}
	return c.JSON(map[string]string{"id": c.Param("id")})
}

var ok22LoopThenSend expresso.Handler = func(c *expresso.Context) error {
	var out []string
	for _, v := range c.QueryValues()["v"] {
		out = append(out, v)
	}
	return c.JSON(out)
}

var ok23SwitchReturns expresso.Handler = func(c *expresso.Context) error {
	switch c.Accepts("json", "html") {
	case "json":
		return c.JSON(1)
	case "html":
		return c.Send("<p>1</p>")
	}
	return c.SendStatus(406)
}

var ok24SelectReturns = func(c *expresso.Context, result <-chan string) error {
	select {
	case r := <-result:
		return c.Send(r)
	case <-time.After(time.Second):
		return c.SendStatus(504)
	}
}

var ok25HeaderFirst expresso.Handler = func(c *expresso.Context) error {
	start := time.Now()
	defer func() { log.Print(time.Since(start)) }()
	c.Set("X-Started", start.String())
	return c.Send("ok")
}

var ok26GuardedFallback expresso.Handler = func(c *expresso.Context) error {
	defer func() {
		if !c.HeadersSent() {
			_ = c.SendStatus(500)
		}
	}()
	return c.JSON(1)
}

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

var ok27HelperReturned expresso.Handler = func(c *expresso.Context) error {
	if c.Param("id") == "0" {
		return notFound(c, "user")
	}
	return c.JSON(map[string]string{"id": c.Param("id")})
}

var ok28GuardChecked expresso.Handler = func(c *expresso.Context) error {
	if !requireAdmin(c) {
		return nil
	}
	return c.Send("admin page")
}

var ok28GuardInVariable expresso.Handler = func(c *expresso.Context) error {
	allowed := requireAdmin(c)
	if !allowed {
		return nil
	}
	return c.Send("admin page")
}

var ok32NextReturned expresso.Handler = func(c *expresso.Context) error {
	c.Set("X-Frame-Options", "DENY")
	return c.Next()
}

var ok33NextKept expresso.Handler = func(c *expresso.Context) error {
	start := time.Now()
	err := c.Next()
	log.Print(c.Method(), c.Path(), time.Since(start), err)
	return err
}

var ok33NextHandled expresso.Handler = func(c *expresso.Context) error {
	if err := c.Next(); err != nil {
		return c.Status(500).JSON(map[string]string{"error": err.Error()})
	}
	return nil
}

var ok35Copy expresso.Handler = func(c *expresso.Context) error {
	cp := c.Copy()
	go func() {
		time.Sleep(time.Second)
		log.Print(cp.Param("id"))
	}()
	return c.SendStatus(202)
}

var ok36Values expresso.Handler = func(c *expresso.Context) error {
	id := c.Param("id")
	go func() { log.Print(id) }()
	return c.Send("ok")
}

var ok41Format expresso.Handler = func(c *expresso.Context) error {
	return c.Format(
		expresso.Offer{Type: "json", Handler: func(c *expresso.Context) error { return c.JSON(1) }},
		expresso.Offer{Type: "default", Handler: func(c *expresso.Context) error { return c.SendStatus(406) }},
	)
}

var okStream expresso.Handler = func(c *expresso.Context) error {
	for _, part := range []string{"a", "b", "c"} {
		if _, err := c.WriteString(part); err != nil {
			return err
		}
		if err := c.Flush(); err != nil {
			return err
		}
	}
	return c.End()
}

var okAfterCheck expresso.Handler = func(c *expresso.Context) error {
	if c.Query("fast") != "" {
		_ = c.Send("fast")
	}
	if c.HeadersSent() || c.Finished() {
		return nil
	}
	return c.Send("slow")
}

func register() {
	app.Get("/", ok01Send)
	app.Param("id", func(c *expresso.Context, id string) error {
		if id == "" {
			return c.SendStatus(400)
		}
		c.Locals["id"] = id
		return nil
	})
	app.OnError(func(c *expresso.Context, err error) error {
		if c.HeadersSent() {
			return err
		}
		return c.Status(500).JSON(map[string]string{"error": err.Error()})
	})
}
