// Package sendtwice holds handlers that send, or change the response,
// after a send on some path, and correct handlers that look alike.
package sendtwice

import (
	"errors"
	"log"

	"github.com/expresso-go/expresso"
)

type user struct{ Name string }

func find(id string) (*user, error) { return nil, errors.New("no user " + id) }

// ifWithoutReturn sends the 404, then falls through to the JSON.
func ifWithoutReturn(c *expresso.Context) error { // want ifWithoutReturn:`c: sends if err == nil, sets`
	u, err := find(c.Param("id"))
	if err != nil {
		_ = c.Status(404).JSON(map[string]string{"error": "not found"})
	}
	return c.JSON(u) // want `c.JSON after c.JSON \(line 20\) sent the response: this second send is refused at run time`
}

// ifWithReturn is the correct form.
func ifWithReturn(c *expresso.Context) error { // want ifWithReturn:`c: sends if err == nil, sets`
	u, err := find(c.Param("id"))
	if err != nil {
		return c.Status(404).JSON(map[string]string{"error": "not found"})
	}
	return c.JSON(u)
}

// ifElse sends once on each branch.
func ifElse(c *expresso.Context) error { // want ifElse:`c: sends if err == nil`
	var err error
	if c.Query("format") == "json" {
		err = c.JSON(1)
	} else {
		err = c.Send("1")
	}
	return err
}

// ifElseThenHeader sets a header after both branches sent.
func ifElseThenHeader(c *expresso.Context) error { // want ifElseThenHeader:`c: sends if err == nil, sets`
	var err error
	if c.Query("format") == "json" {
		err = c.JSON(1)
	} else {
		err = c.Send("1")
	}
	c.Set("X-Done", "1") // want `c.Set after c.JSON \(line 49\) sent the response: the change is refused at run time`
	return err
}

// headerAfterSend sets a header after a completed send.
func headerAfterSend(c *expresso.Context) error { // want headerAfterSend:`c: sends if err == nil, sets`
	err := c.SendStatus(204)
	c.Set("Cache-Control", "no-store") // want `c.Set after c.SendStatus`
	return err
}

// headerBeforeSend is the correct order.
func headerBeforeSend(c *expresso.Context) error { // want headerBeforeSend:`c: sends if err == nil, sets`
	c.Set("Cache-Control", "no-store")
	return c.SendStatus(204)
}

// chained is a chain of setters then a sender: one send.
func chained(c *expresso.Context) error { // want chained:`c: sends if err == nil, sets`
	return c.Status(201).Set("X-Id", "1").Type("json").JSON(map[string]int{"id": 1})
}

// chainAfterSend is a whole chain after a send: the chain's root is c.
func chainAfterSend(c *expresso.Context) error { // want chainAfterSend:`c: sends if err == nil, sets`
	if err := c.Redirect("/login"); err != nil {
		return err
	}
	return c.Status(500).Send("oops") // want `c.Status after c.Redirect`
}

// loop sends once per element.
func loop(c *expresso.Context, items []string) error { // want loop:`c: sends if err == nil`
	for _, it := range items {
		if err := c.Send(it); err != nil { // want `c.Send may run again after it sent the response \(a loop\)`
			return err
		}
	}
	return nil
}

// loopReturn returns on the first send, so the loop sends at most once.
func loopReturn(c *expresso.Context, items []string) error { // want loopReturn:`c: sends if err == nil`
	for _, it := range items {
		if it == c.Param("id") {
			return c.Send(it)
		}
	}
	return c.SendStatus(404)
}

// loopWrite streams with Write, which is not a sender, then ends once.
func loopWrite(c *expresso.Context, items []string) error { // want loopWrite:`c: sends if err == nil, sets`
	for _, it := range items {
		if _, err := c.WriteString(it); err != nil {
			return err
		}
	}
	return c.End()
}

// switchFallsOut sends in a case and again after the switch.
func switchFallsOut(c *expresso.Context) error { // want switchFallsOut:`c: sends if err == nil`
	switch c.Query("v") {
	case "1":
		_ = c.Send("one")
	case "2":
		return c.Send("two")
	}
	return c.SendStatus(400) // want `c.SendStatus after c.Send \(line 117\)`
}

// switchReturns returns from every case.
func switchReturns(c *expresso.Context) error { // want switchReturns:`c: sends if err == nil`
	switch c.Query("v") {
	case "1":
		return c.Send("one")
	case "2":
		return c.Send("two")
	default:
		return c.SendStatus(400)
	}
}

// selectSends sends in a select case and again after it.
func selectSends(c *expresso.Context, done <-chan struct{}, res <-chan string) error { // want selectSends:`c: sends if err == nil`
	select {
	case <-done:
		_ = c.SendStatus(503)
	case s := <-res:
		return c.Send(s)
	}
	return c.End() // want `c.End after c.SendStatus`
}

// selectReturns returns from each case.
func selectReturns(c *expresso.Context, done <-chan struct{}, res <-chan string) error { // want selectReturns:`c: sends if err == nil`
	select {
	case <-done:
		return c.SendStatus(503)
	case s := <-res:
		return c.Send(s)
	}
}

// deferredHeader sets a header when the handler returns, after the send.
func deferredHeader(c *expresso.Context) error { // want deferredHeader:`c: sends if err == nil, sets`
	defer c.Set("X-Elapsed", "1ms") // want `deferred c.Set runs when the function returns, after c.JSON`
	return c.JSON(1)
}

// deferredSend sends a fallback when the handler returns.
func deferredSend(c *expresso.Context) error { // want deferredSend:`c: sends if err == nil`
	defer func() {
		_ = c.SendStatus(500) // want `deferred c.SendStatus runs when the function returns, after c.Send`
	}()
	return c.Send("ok")
}

// deferredGuarded checks HeadersSent first: correct.
func deferredGuarded(c *expresso.Context) error { // want deferredGuarded:`c: sends if err == nil`
	defer func() {
		if !c.HeadersSent() {
			_ = c.SendStatus(500)
		}
	}()
	return c.Send("ok")
}

// deferredRecover answers only when a panic is recovered: correct.
func deferredRecover(c *expresso.Context) error { // want deferredRecover:`c: sends if err == nil`
	defer func() {
		if r := recover(); r != nil {
			log.Print(r)
			_ = c.SendStatus(500)
		}
	}()
	return c.Send("ok")
}

// guarded tests HeadersSent before the fallback send: correct.
func guarded(c *expresso.Context) error { // want guarded:`c: sends if err == nil`
	if c.Query("fast") != "" {
		_ = c.Send("fast")
	}
	if c.HeadersSent() {
		return nil
	}
	return c.Send("slow")
}

// guardedFinished uses Finished the same way: correct.
func guardedFinished(c *expresso.Context) error { // want guardedFinished:`c: sends if err == nil`
	if c.Query("fast") != "" {
		_ = c.Send("fast")
	}
	if !c.Finished() {
		return c.Send("slow")
	}
	return nil
}

// nextThenSend sends after the chain came back: not a double send by
// itself, the analyzer does not guess what Next sent.
func nextThenSend(c *expresso.Context) error { // want nextThenSend:`c: sends if err == nil, sets`
	if err := c.Next(); err != nil {
		return c.Status(500).Send(err.Error())
	}
	return nil
}

// writeHeadThenEnd is Node's form: WriteHead, Write, End, once each.
func writeHeadThenEnd(c *expresso.Context) error { // want writeHeadThenEnd:`c: sends if err == nil, sets`
	if err := c.WriteHead(200); err != nil {
		return err
	}
	if _, err := c.Write([]byte("a")); err != nil {
		return err
	}
	return c.End("b")
}

// writeAfterEnd writes after End.
func writeAfterEnd(c *expresso.Context) error { // want writeAfterEnd:`c: sends if err == nil, sets`
	if err := c.End("a"); err != nil {
		return err
	}
	_, err := c.Write([]byte("b")) // want `c.Write after c.End`
	return err
}

// twoContexts sends on each of two Contexts once: not the same response.
func twoContexts(a, b *expresso.Context) error { // want twoContexts:`a: sends if err == nil; b: sends if err == nil`
	if err := a.Send("a"); err != nil {
		return err
	}
	return b.Send("b")
}

// literal is a handler literal registered on an App.
func literal(app *expresso.App) {
	app.Get("/", func(c *expresso.Context) error {
		if c.Query("q") == "" {
			_ = c.Redirect("/search")
		}
		return c.Render("results", nil) // want `c.Render after c.Redirect`
	})
	app.Get("/ok", func(c *expresso.Context) error {
		if c.Query("q") == "" {
			return c.Redirect("/search")
		}
		return c.Render("results", nil)
	})
}

// handlerVar is a handler kept in a variable and registered later.
var handlerVar expresso.Handler = func(c *expresso.Context) error {
	if err := c.Download("/tmp/report.pdf", ""); err != nil {
		return err
	}
	return c.SendFile("/tmp/report.pdf") // want `c.SendFile after c.Download`
}

// register registers handlerVar.
func register(app *expresso.App) {
	h := handlerVar
	app.Get("/report", h)
}

// users is a handler struct with methods as handlers.
type users struct{ names map[string]string }

// show forgets to return after the 404.
func (u *users) show(c *expresso.Context) error { // want show:`c: sends if err == nil`
	name, ok := u.names[c.Param("id")]
	if !ok {
		_ = c.SendStatus(404)
	}
	return c.SendString(name) // want `c.SendString after c.SendStatus`
}

// list is correct.
func (u *users) list(c *expresso.Context) error { // want list:`c: sends if err == nil`
	return c.JSON(u.names)
}

// formatOffers: each offer's handler sends once, on its own Context.
func formatOffers(c *expresso.Context) error { // want formatOffers:`c: sends if err == nil`
	return c.Format(
		expresso.Offer{Type: "json", Handler: func(c *expresso.Context) error { return c.JSON(1) }},
		expresso.Offer{Type: "text", Handler: func(c *expresso.Context) error { return c.Send("1") }},
	)
}

// formatThenSend sends after Format answered.
func formatThenSend(c *expresso.Context) error { // want formatThenSend:`c: sends if err == nil`
	if err := c.Format(expresso.Offer{Type: "json", Handler: func(c *expresso.Context) error { return c.JSON(1) }}); err != nil {
		return err
	}
	return c.SendStatus(200) // want `c.SendStatus after c.Format`
}

// cookieAfterSend sets a cookie after the response went out.
func cookieAfterSend(c *expresso.Context) error { // want cookieAfterSend:`c: sends if err == nil, sets`
	if err := c.Send("hi"); err != nil {
		return err
	}
	return c.Cookie("seen", "1") // want `c.Cookie after c.Send`
}

// panics: a send, then a panic path; nothing is sent after.
func panics(c *expresso.Context) error { // want panics:`c: sends if err == nil`
	if err := c.Send("hi"); err != nil {
		panic(err)
	}
	return nil
}

// responseAfterSend changes the response through net/http's side after
// a send.
var responseAfterSend = func(c *expresso.Context) error {
	if err := c.JSON(1); err != nil {
		return err
	}
	c.Response().Header().Set("X-Late", "1") // want `c.Response\(\).Header\(\).Set after c.JSON`
	c.Response().WriteHeader(500)            // want `c.Response\(\).WriteHeader after c.JSON`
	return nil
}

// responseBeforeSend does the same before the send: correct; reading the
// status after it is too.
var responseBeforeSend = func(c *expresso.Context) error {
	c.Response().Header().Set("X-Early", "1")
	err := c.Send("ok")
	_ = c.Response().Status()
	_ = c.Response().Header().Get("Content-Type")
	return err
}

// downloadOr404 answers a 404 itself when Download failed: a sender that
// returned an error sent nothing (errors.As is true only for an error).
var downloadOr404 = func(c *expresso.Context) error {
	err := c.Download(c.Param("file"), "")
	if errors.As(err, new(*expresso.Context)) || errors.Is(err, expresso.ErrHeadersSent) {
		return c.Status(404).SendString("Cannot find that file, sorry!")
	}
	return err
}

// retryOnError sends a fallback only when the first send failed.
var retryOnError = func(c *expresso.Context) error {
	if err := c.JSON(1); err != nil {
		return c.Status(500).Send(err.Error())
	}
	return nil
}

// keptThenSet keeps the send's error and changes the response anyway.
var keptThenSet = func(c *expresso.Context) error {
	err := c.JSON(1)
	if err != nil {
		log.Print(err)
	}
	c.Set("X-After", "1") // want `c.Set after c.JSON`
	return err
}

// ignoredOnPurpose sends twice on purpose (as a test of the run-time
// refusal does): the directive silences the line it is on and the next.
var ignoredOnPurpose = func(c *expresso.Context) error {
	_ = c.Send("first")
	//expressovet:ignore the second send is refused on purpose
	return c.Send("second")
}
