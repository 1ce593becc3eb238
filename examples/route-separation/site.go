package main

import "github.com/expresso-go/expresso"

// siteIndex renders the home page.
func siteIndex(c *expresso.Context) error {
	return c.Render("index", map[string]any{"title": "Route Separation Example"})
}
