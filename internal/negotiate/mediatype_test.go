package negotiate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso/internal/negotiate"
)

func TestMediaType(t *testing.T) {
	t.Parallel()
	const browser = "text/plain, application/json;q=0.5, text/html, */*;q=0.1"
	tests := []struct {
		name   string
		header string
		offers []string
		want   int
	}{
		{"should pick the first offer without an Accept header", "", []string{"text/html", "application/json"}, 0},
		{"should pick nothing without offers", "", nil, -1},
		{"should pick nothing from no offers", "text/html", nil, -1},
		{"should pick the first offer for */*", "*/*", []string{"application/json", "text/html"}, 0},
		{"should ignore case", "application/json", []string{"application/JSON"}, 0},
		{"should pick nothing unacceptable", "application/json", []string{"text/html"}, -1},
		{"should pick the acceptable offer", "application/json", []string{"text/html", "application/json"}, 1},
		{"should exclude types with q=0", "application/json;q=0", []string{"application/json"}, -1},
		{"should prefer a higher q", "application/json;q=0.2, text/html", []string{"application/json", "text/html"}, 1},
		{"should accept a lower q when it is all there is", "application/json;q=0.2, text/html", []string{"application/json"}, 0},
		{"should match text/* against text types only", "text/*", []string{"application/json", "text/html"}, 1},
		{"should exclude a type given q=0 under a wildcard", "text/*, text/plain;q=0", []string{"text/plain", "text/html"}, 1},
		{"should prefer the earlier header element on equal q", browser, []string{"application/json", "text/plain", "text/html"}, 1},
		{"should rank by header order, not offer order", browser, []string{"text/html", "text/plain"}, 1},
		{"should fall back to */* with its q", browser, []string{"image/jpeg", "image/gif"}, 0},
		{"should prefer a listed type over */*", browser, []string{"image/jpeg", "text/html"}, 1},
		{"should prefer an exact match over a wildcard at equal q", "text/*, text/html", []string{"text/plain", "text/html"}, 1},
		{"should take q from the most specific element", "text/*, text/html;q=0.1", []string{"text/html", "text/plain"}, 1},
		{"should accept a matching parameter", "text/html;level=1", []string{"text/html;level=1"}, 0},
		{"should compare parameter names and values ignoring case", "text/html;LEVEL=1", []string{"text/html;Level=1"}, 0},
		{"should require the element's parameters", "text/html;level=1", []string{"text/html"}, -1},
		{"should reject a different parameter value", "text/html;level=1", []string{"text/html;level=2"}, -1},
		{"should allow extra offer parameters", "text/html;level=1", []string{"text/html;level=1;foo=bar"}, 0},
		{"should treat * as any parameter value", "text/html;level=*", []string{"text/html;level=3"}, 0},
		{"should treat an empty parameter value as a missing one", "text/html;level=", []string{"text/html"}, 0},
		{"should prefer an element with matching parameters", "text/html;level=2, text/html", []string{"text/html", "text/html;level=2"}, 1},
		{"should prefer q over parameter matches", "text/html;level=2;q=0.1, text/html", []string{"text/html;level=2", "text/html"}, 1},
		{"should unquote parameter values", `text/html;level=1;foo="bar"`, []string{"text/html;level=1;foo=bar"}, 0},
		{"should unquote offer parameter values", `text/html;foo=bar`, []string{`text/html;foo="bar"`}, 0},
		{"should not split a quoted value at ';'", `text/html;foo=";level=2;"`, []string{"text/html;level=2"}, -1},
		{"should not split a quoted value at ','", `text/html;foo="a,text/css", text/plain`, []string{"text/css", "text/plain"}, 1},
		{"should use the first of repeated parameters", "text/html;LEVEL=1;level=2", []string{"text/html;level=2", "text/html;level=1"}, 1},
		{"should use the first of repeated q parameters", "text/html;q=0.5;q=1, text/plain;q=0.7", []string{"text/html", "text/plain"}, 1},
		{"should read q like parseFloat", "text/html;q=0.5x, text/plain;q=.7", []string{"text/html", "text/plain"}, 1},
		{"should read an empty q as 1", "text/html;q=0.5, text/plain;q=", []string{"text/html", "text/plain"}, 1},
		{"should read a quoted q", `text/html;q="0.4", text/plain;q=0.5`, []string{"text/html", "text/plain"}, 1},
		{"should exclude an unparsable q", "text/html;q=high", []string{"text/html"}, -1},
		{"should exclude a negative q", "text/html;q=-1", []string{"text/html"}, -1},
		{"should accept q above 1", "text/html, text/plain;q=2", []string{"text/html", "text/plain"}, 1},
		{"should skip elements without a slash", "html, text/plain", []string{"text/html", "text/plain"}, 1},
		{"should treat a blank header as present", " ", []string{"text/html"}, -1},
		{"should never accept an offer without a slash", "*/*", []string{"", "text/html"}, 1},
		{"should still pick offer 0 without a header, valid or not", "", []string{"", "text/html"}, 0},
		{"should pick the first of identical offers", "text/html", []string{"application/json", "text/html", "text/html"}, 1},
		{"should let a quote that never closes swallow the header", `text/html;foo="a, text/plain`, []string{"text/plain"}, -1},
		{"should handle a browser header", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", []string{"application/json", "text/html"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, negotiate.MediaType(tt.header, tt.offers))
		})
	}
}

func TestMediaTypes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		header string
		want   []string
	}{
		{"should return */* without an Accept header", "", []string{"*/*"}},
		{"should return the single type", "application/json", []string{"application/json"}},
		{"should leave out q=0", "application/json;q=0", []string{}},
		{"should sort by q", "application/json;q=0.2, text/html", []string{"text/html", "application/json"}},
		{"should drop parameters and keep case", "text/html;LEVEL=1, Text/Plain", []string{"text/html", "Text/Plain"}},
		{"should keep quoted commas inside parameters", `text/html;foo="bar,text/css;";fizz="buzz,5", text/plain`, []string{"text/html", "text/plain"}},
		{"should keep header order among equal q", "text/plain, application/json;q=0.5, text/html, */*;q=0.1", []string{"text/plain", "text/html", "application/json", "*/*"}},
		{"should skip elements without a slash", "html, , text/*", []string{"text/*"}},
		{"should keep duplicates", "text/html, text/html;q=0.5", []string{"text/html", "text/html"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, negotiate.MediaTypes(tt.header))
		})
	}
}

func TestIndexFunctionsDoNotAllocate(t *testing.T) {
	const accept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"
	sixteen := "a/a, b/b, c/c, d/d, e/e, f/f, g/g, h/h, i/i, j/j, k/k, l/l, m/m, n/n, o/o, text/html;level=1;q=0.5"
	offers := []string{"application/json", "text/html;level=1", "text/plain"}
	tests := []struct {
		name string
		fn   func()
	}{
		{"MediaType with a browser header", func() { negotiate.MediaType(accept, offers) }},
		{"MediaType with sixteen elements", func() { negotiate.MediaType(sixteen, offers) }},
		{"Charset", func() { negotiate.Charset("utf-8, iso-8859-1;q=0.5", true, []string{"iso-8859-1", "utf-8"}) }},
		{"Encoding with sixteen elements", func() {
			negotiate.Encoding("a,b,c,d,e,f,g,h,i,j,k,l,m,n,gzip;q=0.5,br;q=0.8", true, []string{"gzip", "br", "identity"})
		}},
		{"Language", func() { negotiate.Language("en-US,en;q=0.9,fr;q=0.8", true, []string{"fr", "en"}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, 0.0, testing.AllocsPerRun(100, tt.fn))
		})
	}
}

func BenchmarkMediaType(b *testing.B) {
	const accept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"
	offers := []string{"application/json", "text/plain", "text/html"}
	b.ReportAllocs()
	for b.Loop() {
		negotiate.MediaType(accept, offers)
	}
}
