package cookie_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso/internal/cookie"
)

func TestGet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		givenHeader string
		givenName   string
		expect      string
		expectOK    bool
	}{
		{"should find a cookie", "foo=bar", "foo", "bar", true},
		{"should find a later cookie", "foo=bar; baz=qux", "baz", "qux", true},
		{"should report a missing cookie", "foo=bar", "baz", "", false},
		{"should report nothing in an empty header", "", "foo", "", false},
		{"should take the first of repeated names", "foo=1; foo=2", "foo", "1", true},
		{"should trim spaces and tabs around name and value", " \tfoo \t= \tbar baz\t ; x=y", "foo", "bar baz", true},
		{"should not trim other whitespace", "foo=bar\n", "foo", "bar\n", true},
		{"should split only at the first '='", "foo=a=b", "foo", "a=b", true},
		{"should skip pieces without '='", "junk; foo=bar", "foo", "bar", true},
		{"should skip a piece without '=' before the wanted name", "foo; foo=bar", "foo", "bar", true},
		{"should not need a space after ';'", "a=1;foo=bar", "foo", "bar", true},
		{"should allow an empty value", "foo=; bar=1", "foo", "", true},
		{"should allow an empty name", "=bar", "", "bar", true},
		{"should read '==' as the empty name with value '='", "==", "", "=", true},
		{"should ignore a header shorter than two bytes", "=", "", "", false},
		{"should strip one pair of double quotes", `foo="bar"`, "foo", "bar", true},
		{"should strip quotes after trimming", `foo= "bar" `, "foo", "bar", true},
		{"should turn a lone quote into an empty value", `foo="`, "foo", "", true},
		{"should keep an opening quote alone", `foo="bar`, "foo", `"bar`, true},
		{"should strip only the outer quotes", `foo=""bar""`, "foo", `"bar"`, true},
		{"should decode after unquoting", `foo="%41"`, "foo", "A", true},
		{"should URI-decode the value", "foo=a%20b%3B", "foo", "a b;", true},
		{"should decode UTF-8 escapes", "foo=%E4%BD%A0", "foo", "你", true},
		{"should decode lower-case hex", "foo=%e4%bd%a0", "foo", "你", true},
		{"should decode a four-byte character", "foo=%F0%9F%98%80", "foo", "😀", true},
		{"should keep '+' as it is", "foo=+%20", "foo", "+ ", true},
		{"should keep a truncated UTF-8 escape raw", "foo=%C3", "foo", "%C3", true},
		{"should keep an escape followed by a raw byte raw", "foo=%C3(", "foo", "%C3(", true},
		{"should keep a surrogate escape raw", "foo=%ED%A0%80", "foo", "%ED%A0%80", true},
		{"should keep an overlong escape raw", "foo=%C0%80", "foo", "%C0%80", true},
		{"should keep a bad hex escape raw", "foo=%zz", "foo", "%zz", true},
		{"should keep a lone percent raw", "foo=%", "foo", "%", true},
		{"should not decode the name", "f%6Fo=bar", "f%6Fo", "bar", true},
		{"should not find a decoded name", "f%6Fo=bar", "foo", "", false},
		{"should never find __proto__", "__proto__=x; a=1", "__proto__", "", false},
		{"should match names case-sensitively", "Foo=bar", "foo", "", false},
		{"should keep raw non-ASCII bytes", "foo=é", "foo", "é", true},
		{"should read a signed value", "s=s%3Atobi.abc", "s", "s:tobi.abc", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := cookie.Get(tt.givenHeader, tt.givenName)
			assert.Equal(t, tt.expectOK, ok)
			assert.Equal(t, tt.expect, got)
		})
	}
}

func TestAll(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		given  string
		expect []cookie.Pair
	}{
		{"should return nil for an empty header", "", nil},
		{"should return nil for a header without pairs", "foo; bar", nil},
		{"should return one pair", "foo=bar", []cookie.Pair{{"foo", "bar"}}},
		{
			"should keep header order and the first of each name",
			"b=1; 2=x; a=%41; b=2; 1=y",
			[]cookie.Pair{{"b", "1"}, {"2", "x"}, {"a", "A"}, {"1", "y"}},
		},
		{"should drop __proto__", "__proto__=x; a=1; __proto__=y", []cookie.Pair{{"a", "1"}}},
		{"should keep the empty name", "=a; b=c", []cookie.Pair{{"", "a"}, {"b", "c"}}},
		{"should keep a trailing ';'", "a=1;", []cookie.Pair{{"a", "1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.expect, cookie.All(tt.given))
		})
	}
}

func TestJSONValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		given    string
		expect   string
		expectOK bool
	}{
		{"should strip the j: prefix", `j:{"a":1}`, `{"a":1}`, true},
		{"should strip it from an empty JSON text", "j:", "", true},
		{"should leave other values alone", "foo", "foo", false},
		{"should need a lower-case j", `J:{}`, `J:{}`, false},
		{"should need the prefix at the start", `xj:{}`, `xj:{}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := cookie.JSONValue(tt.given)
			assert.Equal(t, tt.expectOK, ok)
			assert.Equal(t, tt.expect, got)
		})
	}
}

func TestGetAllocations(t *testing.T) {
	header := "_ga=GA1.2.3; theme=dark; sid=abc123def"
	allocs := testing.AllocsPerRun(100, func() {
		if v, ok := cookie.Get(header, "sid"); !ok || v != "abc123def" {
			t.Fatal("sid not found")
		}
	})
	assert.Equal(t, 0.0, allocs)
}

func BenchmarkGet(b *testing.B) {
	header := "_ga=GA1.2.3; theme=dark; sid=abc123def"
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := cookie.Get(header, "sid"); !ok {
			b.Fatal("sid not found")
		}
	}
}

func BenchmarkGetDecoded(b *testing.B) {
	header := "_ga=GA1.2.3; name=J%C3%BCrgen%20M"
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := cookie.Get(header, "name"); !ok {
			b.Fatal("name not found")
		}
	}
}

func BenchmarkAll(b *testing.B) {
	header := "_ga=GA1.2.3; theme=dark; sid=abc123def"
	b.ReportAllocs()
	for b.Loop() {
		if len(cookie.All(header)) != 3 {
			b.Fatal("want 3 cookies")
		}
	}
}

func TestAllManyCookies(t *testing.T) {
	t.Parallel()
	var header strings.Builder
	var expect []cookie.Pair
	for i := range 40 {
		name := "c" + strconv.Itoa(i)
		fmt.Fprintf(&header, "%s=%d; ", name, i)
		expect = append(expect, cookie.Pair{Name: name, Value: strconv.Itoa(i)})
	}
	for i := range 40 {
		fmt.Fprintf(&header, "c%d=dup; ", i)
	}
	header.WriteString("last=1")
	expect = append(expect, cookie.Pair{Name: "last", Value: "1"})

	got := cookie.All(header.String())
	assert.Equal(t, expect, got)
	v, ok := cookie.Get(header.String(), "c39")
	assert.True(t, ok)
	assert.Equal(t, "39", v)
}
