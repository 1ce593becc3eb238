package sendtwice

import (
	"testing"

	"github.com/expresso-go/expresso"
)

// TestRefusal sends twice on purpose, to test the run-time refusal: test
// files are not checked unless -tests is set.
func TestRefusal(t *testing.T) {
	app := expresso.New()
	app.Get("/", func(c *expresso.Context) error {
		if err := c.Send("first"); err != nil {
			return err
		}
		return c.Send("second")
	})
}
