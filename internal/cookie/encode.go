package cookie

import (
	"strings"
	"unicode/utf8"
)

const upperHex = "0123456789ABCDEF"

// isUnreserved reports whether encodeURIComponent keeps c as it is:
// A-Z a-z 0-9 - _ . ! ~ * ' ( ).
func isUnreserved(c byte) bool {
	if isAlnum(c) {
		return true
	}
	switch c {
	case '-', '_', '.', '!', '~', '*', '\'', '(', ')':
		return true
	}
	return false
}

// EncodeURIComponent percent-encodes s as JavaScript's encodeURIComponent
// does: the unreserved characters A-Z a-z 0-9 - _ . ! ~ * ' ( ) are kept,
// every other byte of the UTF-8 encoding becomes %XX with upper-case hex.
// Where JavaScript would throw (a lone surrogate), invalid UTF-8 here is
// encoded as U+FFFD (%EF%BF%BD), one per invalid byte. s is returned
// without allocating when nothing needs encoding.
func EncodeURIComponent(s string) string {
	i := 0
	for i < len(s) && isUnreserved(s[i]) {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 2*(len(s)-i) + 6)
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		switch {
		case isUnreserved(c):
			b.WriteByte(c)
			i++
		case c < utf8.RuneSelf:
			writeEscape(&b, c)
			i++
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			if size == 1 { // invalid UTF-8: U+FFFD
				b.WriteString("%EF%BF%BD")
				i++
				continue
			}
			for j := i; j < i+size; j++ {
				writeEscape(&b, s[j])
			}
			i += size
		}
	}
	return b.String()
}

// writeEscape writes c as %XX.
func writeEscape(b *strings.Builder, c byte) {
	b.WriteByte('%')
	b.WriteByte(upperHex[c>>4])
	b.WriteByte(upperHex[c&15])
}

// unhex returns the value of the hex digit c and whether c is one.
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

// escapedByte decodes the "%XX" at s[i:], reporting false when s[i:] does
// not start with one.
func escapedByte(s string, i int) (byte, bool) {
	if i+2 >= len(s) || s[i] != '%' {
		return 0, false
	}
	hi, ok1 := unhex(s[i+1])
	lo, ok2 := unhex(s[i+2])
	return hi<<4 | lo, ok1 && ok2
}

// DecodeURIComponent decodes the %XX escapes in s as JavaScript's
// decodeURIComponent does, and reports false where JavaScript throws a
// URIError: a '%' not followed by two hex digits, or escapes that do not
// spell one whole, valid UTF-8 sequence (a stray continuation byte, a
// truncated sequence, an overlong form, a surrogate, or a code point above
// U+10FFFF). The bytes of a multi-byte character must all be escapes: an
// escaped lead byte followed by a raw byte fails, as in JavaScript. Bytes
// that are not escapes are copied unchanged. s itself is returned, without
// allocating, when it holds no '%'.
func DecodeURIComponent(s string) (string, bool) {
	first := strings.IndexByte(s, '%')
	if first < 0 {
		return s, true
	}
	buf := make([]byte, 0, len(s))
	buf = append(buf, s[:first]...)
	var seq [4]byte
	for i := first; i < len(s); {
		if s[i] != '%' {
			buf = append(buf, s[i])
			i++
			continue
		}
		c, ok := escapedByte(s, i)
		if !ok {
			return "", false
		}
		i += 3
		if c < utf8.RuneSelf {
			buf = append(buf, c)
			continue
		}
		n := leadingOnes(c)
		if n < 2 || n > 4 {
			return "", false
		}
		seq[0] = c
		for k := 1; k < n; k++ {
			c, ok = escapedByte(s, i)
			if !ok || c&0xC0 != 0x80 {
				return "", false
			}
			seq[k] = c
			i += 3
		}
		if _, size := utf8.DecodeRune(seq[:n]); size != n {
			return "", false
		}
		buf = append(buf, seq[:n]...)
	}
	return string(buf), true
}

// leadingOnes counts the leading one bits of c.
func leadingOnes(c byte) int {
	n := 0
	for c&0x80 != 0 {
		n++
		c <<= 1
	}
	return n
}
