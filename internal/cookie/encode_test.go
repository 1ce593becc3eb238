package cookie_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso/internal/cookie"
)

func TestEncodeURIComponent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		given  string
		expect string
	}{
		{"should keep the empty string", "", ""},
		{"should keep unreserved characters", "AZaz09-_.!~*'()", "AZaz09-_.!~*'()"},
		{
			"should encode reserved and special ASCII with upper-case hex",
			"a b;c,d\"/?#[]@$&+=:%\\<>`^{|}",
			"a%20b%3Bc%2Cd%22%2F%3F%23%5B%5D%40%24%26%2B%3D%3A%25%5C%3C%3E%60%5E%7B%7C%7D",
		},
		{"should encode control bytes", "\x00\t\n\x7f", "%00%09%0A%7F"},
		{"should encode UTF-8 byte by byte", "é☃😀", "%C3%A9%E2%98%83%F0%9F%98%80"},
		{"should encode invalid UTF-8 as U+FFFD", "a\xffb", "a%EF%BF%BDb"},
		{"should encode each invalid byte as U+FFFD", "\xe2\x98", "%EF%BF%BD%EF%BF%BD"},
		{"should encode a real U+FFFD the same way", "\uFFFD", "%EF%BF%BD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.expect, cookie.EncodeURIComponent(tt.given))
		})
	}
}

func TestDecodeURIComponent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		given    string
		expect   string
		expectOK bool
	}{
		{"should keep a string without escapes", "a+b c", "a+b c", true},
		{"should decode reserved characters too", "%2F%3B%25%2B", "/;%+", true},
		{"should decode NUL", "%00", "\x00", true},
		{"should decode a two-byte character", "%C3%A9", "é", true},
		{"should decode the largest code point", "%F4%8F%BF%BF", "\U0010FFFF", true},
		{"should keep raw bytes around escapes", "\xff%41\xfe", "\xffA\xfe", true},
		{"should reject a lone percent", "%", "", false},
		{"should reject one hex digit", "%4", "", false},
		{"should reject non-hex digits", "%4g", "", false},
		{"should reject a stray continuation byte", "%80", "", false},
		{"should reject a five-byte lead", "%F8%80%80%80%80", "", false},
		{"should reject a truncated sequence", "%E4%BD", "", false},
		{"should reject a lead byte followed by a raw byte", "%C3\xa9", "", false},
		{"should reject a bad continuation", "%C3%41", "", false},
		{"should reject an overlong form", "%E0%80%80", "", false},
		{"should reject a surrogate", "%ED%B0%80", "", false},
		{"should reject a code point above U+10FFFF", "%F4%90%80%80", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := cookie.DecodeURIComponent(tt.given)
			assert.Equal(t, tt.expectOK, ok)
			assert.Equal(t, tt.expect, got)
		})
	}
}

func TestEncodeURIComponentAllocations(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		if cookie.EncodeURIComponent("abc123-_.") != "abc123-_." {
			t.Fatal("changed")
		}
	})
	assert.Equal(t, 0.0, allocs)
}

func BenchmarkEncodeURIComponent(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		cookie.EncodeURIComponent("abc123def456")
	}
}
