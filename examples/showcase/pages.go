package main

import (
	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

// page renders view in the layout with data and what every page shows:
// the title, the signed-in user, a CSRF token for its forms and the flash
// messages waiting in the session.
func page(c *expresso.Context, view, title string, data map[string]any) error {
	if data == nil {
		data = map[string]any{}
	}
	s := middleware.SessionFrom(c)
	data["title"] = title
	data["user"] = currentUser(c)
	data["csrf"] = middleware.CSRFToken(c.Request().Context())
	data["info"] = s.Flashes("info")
	data["error"] = s.Flashes("error")
	return c.Render(view, data)
}

// home is the front page.
func home(c *expresso.Context) error {
	return page(c, "index", "expresso showcase", nil)
}

// hello greets in the representation the client prefers: an HTML
// fragment, JSON or plain text (res.format).
func hello(c *expresso.Context) error {
	name := currentUser(c)
	if name == "" {
		name = "stranger"
	}
	return c.Format(
		expresso.Offer{Type: "text/html", Handler: func(c *expresso.Context) error {
			return c.Render("hello", map[string]any{"name": name, "layout": false})
		}},
		expresso.Offer{Type: "json", Handler: func(c *expresso.Context) error {
			return c.JSON(map[string]string{"hello": name})
		}},
		expresso.Offer{Type: "text/plain", Handler: func(c *expresso.Context) error {
			return c.SendString("Hello, " + name + "!")
		}},
	)
}

// teapot refuses to brew: the error goes to the error handlers, which
// answer 418 (negotiated HTML, JSON or text), and the access log shows the
// 418 the client got.
func teapot(*expresso.Context) error {
	return expresso.NewHTTPError(418, "I'm a teapot: no coffee here")
}

// boom panics: Recover hands the panic to the error handlers, which
// answer 500, and the access log shows the 500 the client got.
func boom(*expresso.Context) error {
	panic("the espresso machine is on fire")
}
