package contenttype_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso/internal/contenttype"
)

func TestSetCharset(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		given  string
		expect string
	}{
		// SEMANTICS §1.3 [master].
		{"should add charset after other parameters", "text/plain; foo=bar", "text/plain; foo=bar; charset=utf-8"},
		{"should drop a parameter without a value", "text/plain; foo", "text/plain; charset=utf-8"},
		{"should lower-case the type and replace the charset", "TEXT/HTML; charset=iso-8859-1", "text/html; charset=utf-8"},
		{"should add charset to a vendor type", "application/vnd.example+json", "application/vnd.example+json; charset=utf-8"},
		// Checked against content-type 2.0.0 under Node.
		{"should keep an existing charset in its place", "text/plain; charset=iso-8859-1; foo=bar", "text/plain; charset=utf-8; foo=bar"},
		{"should put array-index names first in numeric order", "text/plain; foo=bar; 1=x; 0=y; 01=z", "text/plain; 0=y; 1=x; foo=bar; 01=z; charset=utf-8"},
		{"should order large array indices numerically", "text/plain; 4294967295=a; 4294967294=b; 10=c; 9=d", "text/plain; 9=d; 10=c; 4294967294=b; 4294967295=a; charset=utf-8"},
		{"should keep the first of repeated names", "text/plain; FOO=a; foo=b", "text/plain; foo=a; charset=utf-8"},
		{"should keep quoted values quoted", `text/plain; a="b c"; d="e\"f"`, `text/plain; a="b c"; d="e\"f"; charset=utf-8`},
		{"should drop an unterminated quoted value", `text/plain; a="unterminated`, "text/plain; charset=utf-8"},
		{"should drop a value whose closing quote is escaped", `text/plain; a="x\"`, "text/plain; charset=utf-8"},
		{"should drop a value ending in a backslash", `text/plain; a="\`, "text/plain; charset=utf-8"},
		{"should unquote a token and ignore text after the quote", `text/plain; a="x"junk; b=1`, "text/plain; a=x; b=1; charset=utf-8"},
		{"should quote an empty value", "text/plain; a=", `text/plain; a=""; charset=utf-8`},
		{"should keep an empty quoted value", `text/plain; a=""`, `text/plain; a=""; charset=utf-8`},
		{"should trim spaces around names and values", ` text/plain ; charset = "utf-8" `, "text/plain; charset=utf-8"},
		{"should add a space after the semicolon", "text/plain;charset=utf-8", "text/plain; charset=utf-8"},
		{"should lower-case the charset name", "text/plain; Charset=UTF-8", "text/plain; charset=utf-8"},
		{"should quote a value with a space", "text/plain; a=b c", `text/plain; a="b c"; charset=utf-8`},
		{"should quote a value with a tab", "text/plain; a=b\tc", "text/plain; a=\"b\tc\"; charset=utf-8"},
		{"should keep a doubled backslash escaped", `text/plain; a="b\\c"`, `text/plain; a="b\\c"; charset=utf-8`},
		{"should keep non-ASCII in a quoted value", `text/plain; a="é"`, `text/plain; a="é"; charset=utf-8`},
		{"should skip empty parameters", "text/plain;a=1;;b=2", "text/plain; a=1; b=2; charset=utf-8"},
		{"should drop a trailing name without value", "text/plain ;a = b ; charset", "text/plain; a=b; charset=utf-8"},
		{"should keep the first charset of two", `text/plain; charset="x"; charset=y`, "text/plain; charset=utf-8"},
		{"should trim a tab before the semicolon", "text/plain\t; a=b", "text/plain; a=b; charset=utf-8"},
		{"should keep names that are Object.prototype keys", "text/plain; __proto__=x; constructor=y; toString=z", "text/plain; __proto__=x; constructor=y; tostring=z; charset=utf-8"},
		{"should accept wildcards as tokens", "*/*", "*/*; charset=utf-8"},
		{"should add a charset to a bare type", "text/html", "text/html; charset=utf-8"},
		// Where content-type 2 throws: our choices.
		{"should drop a parameter with an empty name", "text/plain; =x", "text/plain; charset=utf-8"},
		{"should drop a parameter whose name is not a token", "text/plain; a b=c; d=e", "text/plain; d=e; charset=utf-8"},
		{"should drop a parameter with a control character", "text/plain; a=\x01; b=c", "text/plain; b=c; charset=utf-8"},
		{"should keep an invalid type unchanged", "text", "text"},
		{"should keep a type with a quote unchanged", `text/pl"ain; a=b`, `text/pl"ain; a=b`},
		{"should keep a type with two slashes unchanged", "text/plain/x", "text/plain/x"},
		{"should keep a type with a space unchanged", "text /plain", "text /plain"},
		{"should keep an empty type unchanged", "; charset=utf-8", "; charset=utf-8"},
		{"should keep an empty value unchanged", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.expect, contenttype.SetCharset(tt.given, "utf-8"))
		})
	}
}

func TestSetCharsetValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		ct      string
		charset string
		expect  string
	}{
		{"should return ct when charset is empty", "TEXT/PLAIN; a", "", "TEXT/PLAIN; a"},
		{"should quote a charset that is not a token", "text/plain", "a b", `text/plain; charset="a b"`},
		{"should keep ct when charset has a control character", "text/plain", "a\nb", "text/plain"},
		{"should write the charset as given", "text/plain", "ISO-8859-1", "text/plain; charset=ISO-8859-1"},
		{"should not take a quoted charset as canonical", `text/plain; charset="a b"`, "a b", `text/plain; charset="a b"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.expect, contenttype.SetCharset(tt.ct, tt.charset))
		})
	}
}

func TestSetCharsetDoesNotAllocateWhenCanonical(t *testing.T) {
	for _, ct := range []string{
		"text/html; charset=utf-8",
		"application/json; charset=utf-8",
		"text/plain; foo=bar; charset=utf-8",
		`text/plain; a="b c"; charset=utf-8`,
		"text/plain; 0=a; 1=b; x=y; charset=utf-8",
	} {
		allocs := testing.AllocsPerRun(100, func() {
			if contenttype.SetCharset(ct, "utf-8") != ct {
				t.Fatalf("%q is not canonical", ct)
			}
		})
		assert.Zero(t, allocs, ct)
	}
}

func FuzzSetCharset(f *testing.F) {
	f.Add("text/plain; foo=bar; 1=x; 0=y; 01=z")
	f.Add(` text/plain ; charset = "utf-8" `)
	f.Add(`text/plain; a="x\"junk; b="c\\d"; =x; a b=c`)
	f.Add("TEXT/HTML; charset=iso-8859-1")
	f.Fuzz(func(t *testing.T, ct string) {
		got := contenttype.SetCharset(ct, "utf-8")
		assert.Equal(t, got, contenttype.SetCharset(got, "utf-8"), "SetCharset must be idempotent")
		if got == ct {
			return
		}
		typ, _, _ := strings.Cut(got, ";")
		assert.Equal(t, strings.ToLower(typ), typ)
		assert.Contains(t, got, "; charset=utf-8")
		for i := 0; i < len(got); i++ {
			c := got[i]
			assert.True(t, c == '\t' || (c >= 0x20 && c != 0x7f), "control byte in %q", got)
		}
	})
}

func BenchmarkSetCharsetCanonical(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = contenttype.SetCharset("text/html; charset=utf-8", "utf-8")
	}
}

func BenchmarkSetCharsetCanonicalWithParams(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = contenttype.SetCharset("text/plain; format=flowed; charset=utf-8", "utf-8")
	}
}

func BenchmarkSetCharsetRewrite(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = contenttype.SetCharset("Text/HTML; Charset=ISO-8859-1", "utf-8")
	}
}

func ExampleSetCharset() {
	fmt.Println(contenttype.SetCharset("text/plain; foo=bar", "utf-8"))
	fmt.Println(contenttype.SetCharset("TEXT/HTML; charset=iso-8859-1", "utf-8"))
	// Output:
	// text/plain; foo=bar; charset=utf-8
	// text/html; charset=utf-8
}
