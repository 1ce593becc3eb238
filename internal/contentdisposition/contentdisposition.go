package contentdisposition

import (
	"github.com/expresso-go/expresso/internal/token"
	"strings"
	"unicode/utf8"
)

const upperHex = "0123456789ABCDEF"

// Attachment returns the Content-Disposition value for an attachment named
// filename, or just "attachment" when hasFilename is false. filename is used
// as given: the caller strips any directory part first.
//
// A name made only of printable ASCII (0x20-0x7E) and containing no %XX
// sequence (a '%' and two hexadecimal digits) becomes
// `attachment; filename=NAME`, NAME being written bare if it is a token and
// as a quoted string otherwise, with '\' and '"' backslash-escaped; the
// empty name gives `attachment; filename=""`.
//
// Any other name gets an ASCII fallback and an RFC 8187 extended value:
//
//	attachment; filename=FALLBACK; filename*=UTF-8''ENCODED
//
// The fallback is the name with every character outside printable ASCII
// replaced by '?' (two for a character outside the Basic Multilingual
// Plane, one per JavaScript UTF-16 unit), written bare if it is a token (a
// name whose only problem is a %XX sequence) and quoted otherwise. ENCODED
// is the UTF-8 name percent-encoded like encodeURIComponent, with ', (, )
// and * encoded as well. Bytes that are not valid UTF-8 count as U+FFFD;
// JavaScript would throw on the lone surrogates that are their counterpart.
func Attachment(filename string, hasFilename bool) string {
	if !hasFilename {
		return "attachment"
	}
	simple := isPrintableASCII(filename) && !hasPercentEscape(filename)
	var b strings.Builder
	if simple {
		b.Grow(len("attachment; filename=") + len(filename) + 8)
	} else {
		b.Grow(len("attachment; filename=") + len(filename) + 8 + len("; filename*=UTF-8''") + 3*len(filename))
	}
	b.WriteString("attachment; filename=")
	if token.Is(filename) {
		b.WriteString(filename)
	} else {
		b.WriteByte('"')
		writeFallback(&b, filename)
		b.WriteByte('"')
	}
	if !simple {
		b.WriteString("; filename*=UTF-8''")
		writeExtended(&b, filename)
	}
	return b.String()
}

// writeFallback writes s with each character outside printable ASCII
// replaced by '?', two for a character that JavaScript stores as a
// surrogate pair, and with '\' and '"' backslash-escaped for a quoted
// string.
func writeFallback(b *strings.Builder, s string) {
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteByte(byte(r))
		case r >= 0x20 && r <= 0x7E:
			b.WriteByte(byte(r))
		case r > 0xFFFF:
			b.WriteString("??")
		default:
			b.WriteByte('?')
		}
	}
}

// writeExtended writes s percent-encoded as UTF-8, leaving only letters,
// digits and - _ . ! ~ bare. Invalid UTF-8 bytes are written as U+FFFD.
func writeExtended(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if isAttrChar(c) {
				b.WriteByte(c)
			} else {
				writeEscape(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString("%EF%BF%BD")
			i++
			continue
		}
		for j := i; j < i+size; j++ {
			writeEscape(b, s[j])
		}
		i += size
	}
}

func writeEscape(b *strings.Builder, c byte) {
	b.WriteByte('%')
	b.WriteByte(upperHex[c>>4])
	b.WriteByte(upperHex[c&15])
}

// isAttrChar reports whether c is left bare by encodeURIComponent followed
// by content-disposition's encoding of ' ( ) and *.
func isAttrChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return c == '-' || c == '_' || c == '.' || c == '!' || c == '~'
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			return false
		}
	}
	return true
}

// hasPercentEscape reports whether s contains a '%' followed by two
// hexadecimal digits.
func hasPercentEscape(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '%' && isHex(s[i+1]) && isHex(s[i+2]) {
			return true
		}
	}
	return false
}

func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}
