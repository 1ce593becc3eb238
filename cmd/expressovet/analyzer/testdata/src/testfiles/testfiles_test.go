package testfiles

import (
	"testing"

	"github.com/expresso-go/expresso"
)

func TestRefusal(t *testing.T) {
	app := expresso.New()
	app.Get("/", func(c *expresso.Context) error {
		if err := c.Send("first"); err != nil {
			return err
		}
		return c.Send("second") // want `c.Send after c.Send`
	})
}
