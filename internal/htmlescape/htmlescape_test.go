package htmlescape_test

import (
	"fmt"
	"html"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso/internal/htmlescape"
)

func TestEscape(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		given  string
		expect string
	}{
		{"should escape all five characters", `&<>"'`, "&amp;&lt;&gt;&quot;&#39;"},
		{"should keep plain text", "hello, world", "hello, world"},
		{"should keep an empty string", "", ""},
		{"should escape a script tag", `<script>alert("x")</script>`, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"},
		{"should escape an ampersand in a query", "/?a=1&b=2", "/?a=1&amp;b=2"},
		{"should escape an existing entity again", "&amp;", "&amp;amp;"},
		{"should escape an apostrophe as &#39;", "it's", "it&#39;s"},
		{"should keep non-ASCII and invalid bytes", "caf\u00e9 \xff <", "caf\u00e9 \xff &lt;"},
		{"should escape at both ends", "<a>", "&lt;a&gt;"},
		{"should keep backticks and equals signs", "`a`=b", "`a`=b"},
		// Express test/res.redirect.js: the HTML body escapes the location.
		{"should escape the url of a redirect body", "<lame>", "&lt;lame&gt;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.expect, htmlescape.Escape(tt.given))
		})
	}
}

func TestEscapeDiffersFromGoOnlyInQuotes(t *testing.T) {
	t.Parallel()
	s := `a&b<c>d"e'f`
	assert.Equal(t, strings.ReplaceAll(html.EscapeString(s), "&#34;", "&quot;"), htmlescape.Escape(s))
}

func TestEscapeReturnsInputWhenUnchanged(t *testing.T) {
	s := strings.Repeat("Found. Redirecting to /foo/bar", 3)
	assert.Equal(t, unsafe.StringData(s), unsafe.StringData(htmlescape.Escape(s)))
	allocs := testing.AllocsPerRun(100, func() { _ = htmlescape.Escape(s) })
	assert.Zero(t, allocs)
}

func FuzzEscape(f *testing.F) {
	f.Add(`<a href="x">it's & more</a>`)
	f.Fuzz(func(t *testing.T, s string) {
		got := htmlescape.Escape(s)
		assert.NotContains(t, got, "<")
		assert.NotContains(t, got, ">")
		assert.NotContains(t, got, `"`)
		assert.NotContains(t, got, "'")
		assert.Equal(t, s, html.UnescapeString(got))
	})
}

func BenchmarkEscapeUnchanged(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = htmlescape.Escape("Found. Redirecting to http://example.com/users/42")
	}
}

func BenchmarkEscapeChanged(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = htmlescape.Escape("Found. Redirecting to http://example.com/?a=1&b=2")
	}
}

func ExampleEscape() {
	fmt.Println(htmlescape.Escape(`<p title="it's">&</p>`))
	// Output: &lt;p title=&quot;it&#39;s&quot;&gt;&amp;&lt;/p&gt;
}
