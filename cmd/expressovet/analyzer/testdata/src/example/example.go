// Package example is the package ExampleAnalyzer checks.
package example

import "github.com/expresso-go/expresso"

// Show forgets to return after the 404.
func Show(c *expresso.Context) error {
	if c.Param("id") == "" {
		c.SendStatus(404)
	}
	return c.JSON(map[string]string{"id": c.Param("id")})
}
