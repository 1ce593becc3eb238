package qs

import (
	"github.com/expresso-go/expresso/internal/cookie"
	"strings"
)

// decode is qs's default decoder: '+' becomes a space; then the escapes are
// decoded as JavaScript's decodeURIComponent does, and if that fails the
// string is kept with only the spaces replaced. In Latin-1 mode every
// %XX is the character with that code and nothing fails.
func decode(s string, latin1 bool) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	s = strings.ReplaceAll(s, "+", " ")
	if !strings.Contains(s, "%") {
		return s
	}
	if latin1 {
		return decodeLatin1(s)
	}
	if d, ok := cookie.DecodeURIComponent(s); ok { // the one ECMAScript decoder of the module
		return d
	}
	return s
}

// decodeLatin1 replaces each %XX with the Latin-1 character XX (qs's
// unescape of /%[0-9a-f]{2}/gi) and leaves other '%' alone.
func decodeLatin1(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			if c, ok := unhex2(s, i); ok {
				b.WriteRune(rune(c))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// unhex2 decodes the two hex digits after the '%' at s[i].
func unhex2(s string, i int) (byte, bool) {
	if i+2 >= len(s) {
		return 0, false
	}
	h, ok1 := unhex(s[i+1])
	l, ok2 := unhex(s[i+2])
	return h<<4 | l, ok1 && ok2
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
