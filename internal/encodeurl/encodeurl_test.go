package encodeurl_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso/internal/encodeurl"
)

func TestEncode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		given  string
		expect string
	}{
		// pillarjs/encodeurl test/test.js.
		{"should keep URL the same", "http://localhost/foo/bar.html?fizz=buzz#readme", "http://localhost/foo/bar.html?fizz=buzz#readme"},
		{"should not touch IPv6 notation", "http://[::1]:8080/foo/bar", "http://[::1]:8080/foo/bar"},
		{"should not touch backslashes", `http:\\localhost\foo\bar.html`, `http:\\localhost\foo\bar.html`},
		{"should encode LF", "http://localhost/\nsnow.html", "http://localhost/%0Asnow.html"},
		{"should encode FF", "http://localhost/\fsnow.html", "http://localhost/%0Csnow.html"},
		{"should encode CR", "http://localhost/\rsnow.html", "http://localhost/%0Dsnow.html"},
		{"should encode SP", "http://localhost/ snow.html", "http://localhost/%20snow.html"},
		{"should encode NULL", "http://localhost/\x00snow.html", "http://localhost/%00snow.html"},
		{"should encode ASCII 0x00-0x0f", "/\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f", "/%00%01%02%03%04%05%06%07%08%09%0A%0B%0C%0D%0E%0F"},
		{"should encode ASCII 0x10-0x1f", "/\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f", "/%10%11%12%13%14%15%16%17%18%19%1A%1B%1C%1D%1E%1F"},
		{"should encode ASCII 0x20-0x2f", "/\x20\x21\x22\x23\x24\x25\x26\x27\x28\x29\x2a\x2b\x2c\x2d\x2e\x2f", "/%20!%22#$%25&'()*+,-./"},
		{"should encode ASCII 0x30-0x3f", "/\x30\x31\x32\x33\x34\x35\x36\x37\x38\x39\x3a\x3b\x3c\x3d\x3e\x3f", "/0123456789:;%3C=%3E?"},
		{"should encode ASCII 0x40-0x4f", "/\x40\x41\x42\x43\x44\x45\x46\x47\x48\x49\x4a\x4b\x4c\x4d\x4e\x4f", "/@ABCDEFGHIJKLMNO"},
		{"should encode ASCII 0x50-0x5f", "/\x50\x51\x52\x53\x54\x55\x56\x57\x58\x59\x5a\x5b\x5c\x5d\x5e\x5f", `/PQRSTUVWXYZ[\]^_`},
		{"should encode ASCII 0x60-0x6f", "/\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f", "/%60abcdefghijklmno"},
		{"should encode ASCII 0x70-0x7f", "/\x70\x71\x72\x73\x74\x75\x76\x77\x78\x79\x7a\x7b\x7c\x7d\x7e\x7f", "/pqrstuvwxyz%7B|%7D~%7F"},
		{"should encode U+0080-U+008F as UTF-8", "/\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008a\u008b\u008c\u008d\u008e\u008f", "/%C2%80%C2%81%C2%82%C2%83%C2%84%C2%85%C2%86%C2%87%C2%88%C2%89%C2%8A%C2%8B%C2%8C%C2%8D%C2%8E%C2%8F"},
		{"should encode U+00F0-U+00FF as UTF-8", "/\u00f0\u00f1\u00f2\u00f3\u00f4\u00f5\u00f6\u00f7\u00f8\u00f9\u00fa\u00fb\u00fc\u00fd\u00fe\u00ff", "/%C3%B0%C3%B1%C3%B2%C3%B3%C3%B4%C3%B5%C3%B6%C3%B7%C3%B8%C3%B9%C3%BA%C3%BB%C3%BC%C3%BD%C3%BE%C3%BF"},
		{`should not encode the "%" character`, "http://localhost/%20snow.html", "http://localhost/%20snow.html"},
		{"should not care if sequence is valid UTF-8", "http://localhost/%F0snow.html", "http://localhost/%F0snow.html"},
		{`should encode the "%" if not a valid sequence`, "http://localhost/%foo%bar%zap%", "http://localhost/%25foo%bar%25zap%25"},
		{"should encode a pair as UTF-8 byte sequences", "http://localhost/\U0001F47B snow.html", "http://localhost/%F0%9F%91%BB%20snow.html"},
		{"should encode invalid bytes as replacement characters", "http://localhost/\xfffoo\xff <\xff\xff>.html", "http://localhost/%EF%BF%BDfoo%EF%BF%BD%20%3C%EF%BF%BD%EF%BF%BD%3E.html"},
		{"should encode an invalid byte at end of string", "http://localhost/\xf0\x9f", "http://localhost/%EF%BF%BD%EF%BF%BD"},
		{"should encode an invalid byte at start of string", "\x80foo", "%EF%BF%BDfoo"},
		{"should encode each byte of a WTF-8 surrogate", "/\xed\xa0\xbd", "/%EF%BF%BD%EF%BF%BD%EF%BF%BD"},
		// SEMANTICS §1.7 and Express test/res.location.js.
		{"should keep lower-case escapes", "/snow/%e2%98%83", "/snow/%e2%98%83"},
		{"should keep backslashes in a host", `http://google.com\@apple.com`, `http://google.com\@apple.com`},
		{"should encode a snowman and a section sign", "http://google.com?q=\u2603 \u00a710", "http://google.com?q=%E2%98%83%20%C2%A710"},
		{"should encode quotes and angle brackets", `/<script>"x"</script>`, "/%3Cscript%3E%22x%22%3C/script%3E"},
		{"should encode an empty string to itself", "", ""},
		// The '%' cases of encodeurl's pattern, checked under Node.
		{"should keep a percent and one digit at the end", "/a%4", "/a%4"},
		{"should encode a lone percent at the end", "/a%", "/a%25"},
		{"should encode a percent before a non-digit", "/a%z", "/a%25z"},
		{"should take the next percent along with a percent", "%%41", "%25%2541"},
		{"should run the character after a percent through encodeURI", "%[x%]", "%25%5Bx%25%5D"},
		{"should run the character after a digit through encodeURI", "%4[", "%254%5B"},
		{"should encode a backslash after a percent", `%\`, "%25%5C"},
		{"should encode caret and pipe after a percent", "%^|%|", "%25%5E|%25%7C"},
		{"should keep encodeURI-safe characters after a percent", "%/%?%#", "%25/%25?%25#"},
		{"should encode a multi-byte character after a percent", "%é", "%25%C3%A9"},
		{"should encode an invalid byte after a percent", "%\xff", "%25%EF%BF%BD"},
		{"should encode an emoji after a percent digit", "%4\U0001F600", "%254%F0%9F%98%80"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.expect, encodeurl.Encode(tt.given))
		})
	}
}

func TestEncodeReturnsInputWhenUnchanged(t *testing.T) {
	s := strings.Repeat("http://[::1]:8080/foo/%20bar?x=y#z", 4)
	got := encodeurl.Encode(s)
	assert.Equal(t, unsafe.StringData(s), unsafe.StringData(got))
	allocs := testing.AllocsPerRun(100, func() { _ = encodeurl.Encode(s) })
	assert.Zero(t, allocs)
}

// encodeRef is a direct transcription of pillarjs/encodeurl: invalid bytes
// become U+FFFD, then the pattern's matches go through encodeURI.
var encodeRefPattern = regexp.MustCompile(`(?:[^\x21\x23-\x3B\x3D\x3F-\x5F\x61-\x7A\x7C\x7E]|%(?:[^0-9A-Fa-f]|[0-9A-Fa-f][^0-9A-Fa-f]|$))+`)

func encodeRef(s string) string {
	var valid strings.Builder
	for _, r := range s {
		valid.WriteRune(r)
	}
	return encodeRefPattern.ReplaceAllStringFunc(valid.String(), func(m string) string {
		var b strings.Builder
		for _, r := range m {
			if r < utf8.RuneSelf && strings.ContainsRune("-_.!~*'();/?:@&=+$,#", r) ||
				'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				b.WriteRune(r)
				continue
			}
			var enc [utf8.UTFMax]byte
			for _, c := range enc[:utf8.EncodeRune(enc[:], r)] {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		}
		return b.String()
	})
}

func isAllowed(c byte) bool {
	return strings.IndexByte("!#$%&'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_abcdefghijklmnopqrstuvwxyz|~", c) >= 0
}

func FuzzEncode(f *testing.F) {
	f.Add("http://localhost/%foo%bar%zap%")
	f.Add("%%41%4[%\xff%4")
	f.Add("/\u2603 \xed\xa0\xbd<>")
	f.Fuzz(func(t *testing.T, s string) {
		got := encodeurl.Encode(s)
		for i := 0; i < len(got); i++ {
			if !isAllowed(got[i]) {
				t.Fatalf("Encode(%q) = %q has byte %#x", s, got, got[i])
			}
		}
		assert.Equal(t, encodeRef(s), got)
		assert.Equal(t, got, encodeurl.Encode(got), "Encode must be idempotent")
	})
}

func BenchmarkEncodeUnchanged(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = encodeurl.Encode("http://example.com/users/42/profile?tab=settings#top")
	}
}

func BenchmarkEncodeChanged(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = encodeurl.Encode("http://example.com/search?q=caf\u00e9 au lait")
	}
}

func ExampleEncode() {
	fmt.Println(encodeurl.Encode("/caf\u00e9 menu?q=%e2%98%83&r=100%"))
	// Output: /caf%C3%A9%20menu?q=%e2%98%83&r=100%25
}
