package encodeurl

import "unicode/utf8"

const upperHex = "0123456789ABCDEF"

// Encode returns s with every byte outside the set
//
//	! # $ % & ' ( ) * + , - . / 0-9 : ; = ? @ A-Z [ \ ] ^ _ a-z | ~
//
// percent-encoded, exactly as pillarjs/encodeurl encodes a JavaScript string:
//
//   - other ASCII bytes become %XX, and non-ASCII characters the %XX of their
//     UTF-8 bytes;
//   - a valid %XX sequence is kept, in whatever case its digits are;
//   - a '%' followed by a single hexadecimal digit at the very end is kept;
//   - any other '%' becomes %25, and the character after it (or the two, if
//     the first is a hexadecimal digit) goes through JavaScript's encodeURI
//     along with it, because encodeurl's pattern matches them together. So
//     "%[" becomes "%25%5B" and "%%41" becomes "%25%2541";
//   - each byte that is not part of valid UTF-8 is replaced by U+FFFD
//     (%EF%BF%BD), the Go counterpart of encodeurl's replacement of lone
//     UTF-16 surrogates.
//
// If nothing needs encoding s itself is returned and nothing is allocated.
// The result contains only bytes from the set above, and
// Encode(Encode(s)) == Encode(s).
func Encode(s string) string {
	var buf []byte // nil until the first change
	for i := 0; i < len(s); {
		c := s[i]
		if c == '%' {
			n, keep := percent(s, i)
			if keep {
				if buf != nil {
					buf = append(buf, s[i:i+n]...)
				}
				i += n
				continue
			}
			if buf == nil {
				buf = begin(s, i)
			}
			buf = append(buf, "%25"...)
			if n == 3 { // '%', a hexadecimal digit, then one more character
				buf = append(buf, s[i+1])
			}
			if n > 1 {
				buf, i = appendChar(buf, s, i+n-1, true)
			} else {
				i++
			}
			continue
		}
		if allowed(c) {
			if buf != nil {
				buf = append(buf, c)
			}
			i++
			continue
		}
		if buf == nil {
			buf = begin(s, i)
		}
		buf, i = appendChar(buf, s, i, false)
	}
	if buf == nil {
		return s
	}
	return string(buf)
}

// begin starts the output buffer with the unchanged prefix s[:i].
func begin(s string, i int) []byte {
	buf := make([]byte, i, len(s)+16)
	copy(buf, s)
	return buf
}

// percent classifies the '%' at s[i] as encodeurl's pattern does. It returns
// how many characters start there (1 to 3; the last one may be a multi-byte
// character, of which only the first byte is counted) and whether they are
// kept as they are (a valid %XX, or '%' and one digit at the end of s) rather
// than encoded.
func percent(s string, i int) (n int, keep bool) {
	switch {
	case i+1 == len(s):
		return 1, false
	case !isHex(s[i+1]):
		return 2, false
	case i+2 == len(s):
		return 1, true
	case !isHex(s[i+2]):
		return 3, false
	}
	return 3, true
}

// appendChar appends the character at s[i] percent-encoded, or as it is if
// uri is set and JavaScript's encodeURI leaves it alone, and returns the
// index of the next character. A byte that does not start valid UTF-8 is
// encoded as U+FFFD.
func appendChar(buf []byte, s string, i int, uri bool) ([]byte, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		if uri && uriKeeps(c) {
			return append(buf, c), i + 1
		}
		return append(buf, '%', upperHex[c>>4], upperHex[c&15]), i + 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && size == 1 {
		return append(buf, "%EF%BF%BD"...), i + 1
	}
	for j := i; j < i+size; j++ {
		buf = append(buf, '%', upperHex[s[j]>>4], upperHex[s[j]&15])
	}
	return buf, i + size
}

// allowed reports whether encodeurl leaves the ASCII byte c alone.
func allowed(c byte) bool {
	return c == '!' || ('#' <= c && c <= ';') || c == '=' ||
		('?' <= c && c <= '_') || ('a' <= c && c <= 'z') || c == '|' || c == '~'
}

// uriKeeps reports whether JavaScript's encodeURI leaves the ASCII byte c
// alone.
func uriKeeps(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '-', '_', '.', '!', '~', '*', '\'', '(', ')',
		';', '/', '?', ':', '@', '&', '=', '+', '$', ',', '#':
		return true
	}
	return false
}

func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}
