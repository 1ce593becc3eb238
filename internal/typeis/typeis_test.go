package typeis_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso/internal/typeis"
)

func TestIs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		contentType string
		types       []string
		want        string
		wantOK      bool
	}{
		{"should return the media type without types", "image/png", nil, "image/png", true},
		{"should lower-case the media type", "Text/HTML; charset=UTF-8", nil, "text/html", true},
		{"should not match without a content type", "", []string{"image/*"}, "", false},
		{"should not return a missing content type", "", nil, "", false},
		{"should return an extension argument as given", "image/png", []string{"png"}, "png", true},
		{"should return a dotted extension argument as given", "image/png", []string{".png"}, ".png", true},
		{"should return a full type argument as given", "image/png", []string{"image/png"}, "image/png", true},
		{"should return the media type for a subtype wildcard", "image/png", []string{"image/*"}, "image/png", true},
		{"should return the media type for a type wildcard", "image/png", []string{"*/png"}, "image/png", true},
		{"should not match another extension", "image/png", []string{"jpeg"}, "", false},
		{"should not match another wildcard", "image/png", []string{"text/*"}, "", false},
		{"should not match an unknown extension", "image/png", []string{"bogus"}, "", false},
		{"should not match a malformed pattern", "image/png", []string{"something/bogus*"}, "", false},
		{"should return the first matching argument", "image/png", []string{"text/*", "image/*", "png"}, "image/png", true},
		{"should return the first match even if later ones are exact", "image/png", []string{"png", "image/*"}, "png", true},
		{"should not match when no argument does", "image/png", []string{"text/html", "text/plain", "application/json"}, "", false},
		{"should ignore parameters", "text/html; charset=utf-8", []string{"text/*"}, "text/html", true},
		{"should ignore white space before parameters", "text/html ; charset=utf-8", []string{"text/*"}, "text/html", true},
		{"should ignore malformed parameters", "text/html; charset", []string{"html"}, "html", true},
		{"should ignore case in the header", "text/HTML", []string{"text/*"}, "text/html", true},
		{"should not ignore case in the argument", "application/json", []string{"Application/JSON"}, "", false},
		{"should fail an invalid type", "text/html**", []string{"text/*"}, "", false},
		{"should fail a type without a subtype", "bogus", []string{"*/*"}, "", false},
		{"should fail a list of types", "application/json, text/html", []string{"json"}, "", false},
		{"should fail a type with two slashes", "text/html/x", nil, "", false},
		{"should not match an argument with two slashes", "text/html", []string{"text/html/"}, "", false},
		{"should match json", "application/json", []string{"json"}, "json", true},
		{"should match application/*", "application/json", []string{"html", "application/*"}, "application/json", true},
		{"should match */json", "application/json", []string{"*/json"}, "application/json", true},
		{"should match anything with */*", "application/vnd+json", []string{"*/*"}, "application/vnd+json", true},
		{"should match a +suffix", "application/vnd+json", []string{"+json"}, "application/vnd+json", true},
		{"should match a suffix wildcard", "application/ld+json", []string{"application/*+json"}, "application/ld+json", true},
		{"should not match a suffix wildcard of another type", "application/vnd+json", []string{"text/*+json"}, "", false},
		{"should not match a +suffix against the plain type", "application/json", []string{"+json"}, "", false},
		{"should not match the plain type against a suffixed one", "application/vnd+json", []string{"application/json"}, "", false},
		{"should match urlencoded", "application/x-www-form-urlencoded", []string{"json", "urlencoded"}, "urlencoded", true},
		{"should match multipart", "multipart/form-data", []string{"multipart"}, "multipart", true},
		{"should match multipart/*", "multipart/form-data", []string{"multipart/*"}, "multipart/form-data", true},
		{"should take shorthands case-sensitively", "multipart/form-data", []string{"Multipart"}, "", false},
		{"should accept a 127-character subtype", "application/" + strings.Repeat("a", 127), []string{"application/*"}, "application/" + strings.Repeat("a", 127), true},
		{"should fail a 128-character subtype", "application/" + strings.Repeat("a", 128), []string{"application/*"}, "", false},
		{"should fail a subtype starting with a symbol", "application/-json", nil, "", false},
		{"should fail a dot in the type", "a.b/c", nil, "", false},
		{"should not trim non-breaking spaces", "\xa0text/html", nil, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := typeis.Is(tt.contentType, tt.types...)
			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestIsDoesNotAllocate(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		typeis.Is("application/json; charset=utf-8", "urlencoded", "json")
	})
	assert.Equal(t, 0.0, allocs)
}

func FuzzIs(f *testing.F) {
	f.Add("application/json; charset=utf-8", "json")
	f.Add("Application/LD+JSON", "+json")
	f.Add("multipart/form-data; boundary=x", "multipart")
	f.Add(" text/html ;", "text/*")
	f.Fuzz(func(t *testing.T, contentType, typ string) {
		got, ok := typeis.Is(contentType, typ)
		again, againOK := typeis.Is(contentType, typ)
		assert.Equal(t, got, again, "not deterministic")
		assert.Equal(t, ok, againOK, "not deterministic")
		actual, valid := typeis.Is(contentType)
		if !valid {
			assert.False(t, ok, "matched an invalid content type")
			assert.Empty(t, actual)
			return
		}
		assert.Equal(t, strings.ToLower(actual), actual)
		require.Equal(t, 1, strings.Count(actual, "/"))
		if ok && (strings.HasPrefix(typ, "+") || strings.Contains(typ, "*")) {
			assert.Equal(t, actual, got)
		} else if ok {
			assert.Equal(t, typ, got)
		}
	})
}

func BenchmarkIs(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		typeis.Is("application/json; charset=utf-8", "urlencoded", "json")
	}
}
