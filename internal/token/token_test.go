package token_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso/internal/token"
)

func TestIs(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		in   string
		want bool
	}{
		{"should accept letters, digits and the tchar symbols", "aZ09!#$%&'*+-.^_`|~", true},
		{"should reject the empty string", "", false},
		{"should reject a space", "a b", false},
		{"should reject each separator", "a/b", false},
		{"should reject a colon", "a:b", false},
		{"should reject a double quote", `a"b`, false},
		{"should reject a control character", "a\x7fb", false},
		{"should reject a non-ASCII byte", "caf\xc3\xa9", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, token.Is(tc.in))
			assert.Equal(t, tc.want, token.Is([]byte(tc.in)))
		})
	}
}

func TestIsCharMatchesTheRFC(t *testing.T) {
	t.Parallel()
	const symbols = "!#$%&'*+-.^_`|~"
	for c := 0; c < 256; c++ {
		b := byte(c)
		want := 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9'
		for i := 0; i < len(symbols); i++ {
			want = want || b == symbols[i]
		}
		assert.Equal(t, want, token.IsChar(b), "byte %#x", c)
	}
}

func TestEqualFold(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		a, b string
		want bool
	}{
		{"should ignore ASCII case", "Text/HTML", "text/html", true},
		{"should compare other bytes exactly", "caf\xc3\xa9", "CAF\xc3\x89", false},
		{"should not fold the Kelvin sign as strings.EqualFold does", "\u212a", "k", false},
		{"should differ on length", "abc", "ab", false},
		{"should accept two empty strings", "", "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, token.EqualFold(tc.a, tc.b))
		})
	}
}

func TestLower(t *testing.T) {
	t.Parallel()
	assert.Equal(t, byte('a'), token.Lower('A'))
	assert.Equal(t, byte('z'), token.Lower('z'))
	assert.Equal(t, byte('['), token.Lower('['))
	assert.Equal(t, byte(0xc9), token.Lower(0xc9))
}
