package expresso

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso/internal/htmlescape"
)

// TestAppendErrorHTMLIsFinalhandlersPage checks the one-pass page builder
// against finalhandler's steps done one after another: escape, then
// newlines to <br>, then each pair of spaces to " &nbsp;".
func TestAppendErrorHTMLIsFinalhandlersPage(t *testing.T) {
	reference := func(msg string) string {
		m := htmlescape.Escape(msg)
		m = strings.ReplaceAll(m, "\n", "<br>")
		m = strings.ReplaceAll(m, "  ", " &nbsp;")
		return errorHTMLHead + m + errorHTMLTail
	}
	for _, msg := range []string{
		"", "Cannot GET /missing", "a  b", "a   b", "    ", " ", "x ", "line1\nline2  x <y>",
		`&<>"'`, "tail  ", "  head", "a\n\n  \n b", "é  ü\n&amp;",
	} {
		assert.Equal(t, reference(msg), string(appendErrorHTML(nil, msg)), "%q", msg)
	}
}
