package qs

import (
	"strings"
	"unicode/utf8"
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
	if d, ok := decodeURIComponent(s); ok {
		return d
	}
	return s
}

// decodeURIComponent decodes s as ECMAScript's decodeURIComponent: every
// '%' must start a %XX escape and the escaped bytes of each character must
// form one well-formed UTF-8 sequence, or the whole call fails.
func decodeURIComponent(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if s[i] != '%' {
			b = append(b, s[i])
			i++
			continue
		}
		c, ok := unhex2(s, i)
		if !ok {
			return "", false
		}
		i += 3
		if c < utf8.RuneSelf {
			b = append(b, c)
			continue
		}
		n := seqLen(c)
		if n == 0 {
			return "", false
		}
		seq := []byte{c}
		for k := 1; k < n; k++ {
			if i >= len(s) || s[i] != '%' {
				return "", false
			}
			d, ok := unhex2(s, i)
			if !ok || d&0xC0 != 0x80 {
				return "", false
			}
			seq = append(seq, d)
			i += 3
		}
		if !utf8.Valid(seq) {
			return "", false
		}
		b = append(b, seq...)
	}
	return string(b), true
}

// seqLen is the length of the UTF-8 sequence lead byte c starts, or 0.
func seqLen(c byte) int {
	switch {
	case c&0xE0 == 0xC0:
		return 2
	case c&0xF0 == 0xE0:
		return 3
	case c&0xF8 == 0xF0:
		return 4
	}
	return 0
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
