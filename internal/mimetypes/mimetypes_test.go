package mimetypes_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso/internal/mimetypes"
)

func TestLookup(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		given string
		want  string
	}{
		{"should look up a bare extension", "html", "text/html"},
		{"should look up an extension with a dot", ".html", "text/html"},
		{"should look up a file name", "foo.js", "text/javascript"},
		{"should ignore case", "FILE.JSON", "application/json"},
		{"should take the text after the last dot", "file@test.json", "application/json"},
		{"should use only the last extension", "file.tar.gz", "application/gzip"},
		{"should look up a path", "/static/css/site.min.css", "text/css"},
		{"should ignore trailing slashes like path.extname", "a.json//", "application/json"},
		{"should find no extension in a dot file inside a directory", "dir/.json", ""},
		{"should find no extension after a slash", "dir.json/file", ""},
		{"should find no extension in a trailing dot", "file.", ""},
		{"should return empty for an unknown extension", "rawr", ""},
		{"should return empty for the empty string", "", ""},
		{"should fold the Kelvin sign like toLowerCase", "map.\u212aml", "application/vnd.google-earth.kml+xml"},
		{"should map json", "json", "application/json"},
		{"should map js", "js", "text/javascript"},
		{"should map mjs", "mjs", "text/javascript"},
		{"should map css", "css", "text/css"},
		{"should map txt", "txt", "text/plain"},
		{"should map png", "png", "image/png"},
		{"should map svg", "svg", "image/svg+xml"},
		{"should map wasm", "wasm", "application/wasm"},
		{"should map md", "md", "text/markdown"},
		{"should map csv", "csv", "text/csv"},
		{"should map xml to application/xml by score", "xml", "application/xml"},
		{"should map xsl to application/xml by score", "xsl", "application/xml"},
		{"should map rtf to application/rtf by score", "rtf", "application/rtf"},
		{"should map mp4 to video/mp4 by score", "mp4", "video/mp4"},
		{"should map wav to audio/wav by score", "wav", "audio/wav"},
		{"should map asc to application/pgp-keys by score", "asc", "application/pgp-keys"},
		{"should map pdf", "pdf", "application/pdf"},
		{"should map woff2", "woff2", "font/woff2"},
		{"should map ico to the IANA type", "ico", "image/vnd.microsoft.icon"},
		{"should map bin", "bin", "application/octet-stream"},
		{"should map exe", "exe", "application/x-msdos-program"},
		{"should map ts to MPEG transport streams", "ts", "video/mp2t"},
		{"should map map files to JSON", "app.js.map", "application/json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, mimetypes.Lookup(tt.given))
		})
	}
}

func TestCharset(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		given string
		want  string
	}{
		{"should use the mime-db charset", "application/json", "UTF-8"},
		{"should default text types to UTF-8", "text/x-foo", "UTF-8"},
		{"should ignore case", "TEXT/HTML", "UTF-8"},
		{"should ignore parameters", "application/json; foo=bar", "UTF-8"},
		{"should skip leading white space", " \u00a0text/plain", "UTF-8"},
		{"should return non-UTF-8 mime-db charsets", "application/news-groupinfo", "US-ASCII"},
		{"should return empty for a type without a charset", "image/png", ""},
		{"should return empty for an unknown type", "application/unknown", ""},
		{"should return empty for an extension", "json", ""},
		{"should return empty for the empty string", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, mimetypes.Charset(tt.given))
		})
	}
}

func TestContentType(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		given string
		want  string
	}{
		{"should add a charset to application/json", "application/json", "application/json; charset=utf-8"},
		{"should add a charset to unknown text types", "text/x-foo", "text/x-foo; charset=utf-8"},
		{"should leave image/png alone", "image/png", "image/png"},
		{"should leave a type without a db charset alone", "application/vnd.amazon.ebook", "application/vnd.amazon.ebook"},
		{"should keep an existing charset", "text/plain; charset=lol", "text/plain; charset=lol"},
		{"should add a charset after other parameters", "text/html; level=1", "text/html; level=1; charset=utf-8"},
		{"should keep the case of the given type", "TEXT/HTML", "TEXT/HTML; charset=utf-8"},
		{"should look at the word charset case-sensitively", "text/plain; CHARSET=x", "text/plain; CHARSET=x; charset=utf-8"},
		{"should lower-case the mime-db charset", "application/prs.cyn", "application/prs.cyn; charset=7-bit"},
		{"should look up an extension", "html", "text/html; charset=utf-8"},
		{"should look up a file name", "foo.js", "text/javascript; charset=utf-8"},
		{"should look up an extension with a dot", ".json", "application/json; charset=utf-8"},
		{"should look up a double extension by its last part", "file.tar.gz", "application/gzip"},
		{"should return empty for an unknown extension", "rawr", ""},
		{"should return empty for the empty string", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, mimetypes.ContentType(tt.given))
		})
	}
}

func TestExtension(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		given string
		want  string
	}{
		{"should return the first listed extension", "text/html", "html"},
		{"should return json", "application/json", "json"},
		{"should return js for application/javascript", "application/javascript", "js"},
		{"should return jpg, the first of jpg, jpeg and jpe", "image/jpeg", "jpg"},
		{"should return bin for application/octet-stream", "application/octet-stream", "bin"},
		{"should ignore parameters and case", "Text/HTML; charset=utf-8", "html"},
		{"should return empty for a type without extensions", "text/x-foo", ""},
		{"should return empty for the empty string", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, mimetypes.Extension(tt.given))
		})
	}
}

func TestZeroAllocations(t *testing.T) {
	tests := []struct {
		name string
		fn   func()
	}{
		{"Lookup of a lower-case name", func() { mimetypes.Lookup("index.html") }},
		{"Lookup of an upper-case name", func() { mimetypes.Lookup("INDEX.HTML") }},
		{"Charset", func() { mimetypes.Charset("Application/JSON; x=y") }},
		{"ContentType of an extension", func() { mimetypes.ContentType("json") }},
		{"ContentType of a known type", func() { mimetypes.ContentType("application/json") }},
		{"ContentType of a type with a charset", func() { mimetypes.ContentType("text/html; charset=utf-8") }},
		{"Extension", func() { mimetypes.Extension("text/html") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, 0.0, testing.AllocsPerRun(100, tt.fn))
		})
	}
}

func FuzzLookup(f *testing.F) {
	for _, s := range []string{"", "html", ".HTML", "a/b.c/d.json", "x.", "..", "/", "a.\u212aml", "é.json"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		typ := mimetypes.Lookup(s)
		if typ != "" {
			assert.Equal(t, 1, strings.Count(typ, "/"), "type %q", typ)
			assert.Equal(t, strings.ToLower(typ), typ)
		}
		assert.Equal(t, typ, mimetypes.Lookup(s), "not deterministic")
		assert.Equal(t, typ, mimetypes.Lookup(upperASCII(s)), "case-sensitive")
		ct := mimetypes.ContentType(s)
		if !strings.Contains(s, "/") {
			assert.True(t, strings.HasPrefix(ct, typ), "ContentType(%q) = %q, Lookup = %q", s, ct, typ)
		}
	})
}

// upperASCII upper-cases ASCII letters only; Unicode case mapping can turn a letter
// such as 'ſ' into ASCII, which JavaScript's toLowerCase would not undo.
func upperASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - ('a' - 'A')
		}
	}
	return string(b)
}

func BenchmarkLookup(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		mimetypes.Lookup("bundle.min.js")
	}
}

func BenchmarkContentType(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		mimetypes.ContentType("application/json")
	}
}
