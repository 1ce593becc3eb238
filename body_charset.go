package expresso

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// requestCharset returns the charset parameter of a Content-Type, unquoted
// and lower-cased, or "" (content-type 2's lenient parse: a parameter
// without '=' is ignored).
func requestCharset(ct string) string {
	_, params, ok := strings.Cut(ct, ";")
	for ok {
		var p string
		p, params, ok = strings.Cut(params, ";")
		k, v, found := strings.Cut(p, "=")
		if !found || !strings.EqualFold(strings.TrimSpace(k), "charset") {
			continue
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && v[0] == '"' {
			v = unquoteParam(v)
		}
		return strings.ToLower(v)
	}
	return ""
}

// unquoteParam removes the quotes and backslash escapes of a quoted
// parameter value.
func unquoteParam(v string) string {
	var b strings.Builder
	for i := 1; i < len(v); i++ {
		switch v[i] {
		case '"':
			return b.String()
		case '\\':
			if i+1 < len(v) {
				i++
			}
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

// charsetKind names the decoders Body's text parsers support.
type charsetKind uint8

const (
	csUnknown charsetKind = iota
	csUTF8
	csLatin1
	csUTF16   // BOM, else guessed as iconv-lite does (little-endian by default)
	csUTF16LE // also "ucs-2"
	csUTF16BE
	csUTF32 // BOM, else guessed as for csUTF16
	csUTF32LE
	csUTF32BE
)

// charsetOf returns the decoder for a charset name as iconv-lite spells
// it, or csUnknown.
func charsetOf(cs string) charsetKind {
	switch cs {
	case "utf-8", "utf8", "unicode-1-1-utf-8":
		return csUTF8
	case "iso-8859-1", "latin1", "l1", "iso8859-1", "iso_8859-1", "cp819", "ibm819", "binary", "us-ascii", "ascii":
		return csLatin1
	case "utf-16", "utf16":
		return csUTF16
	case "utf-16le", "utf16le", "ucs-2", "ucs2":
		return csUTF16LE
	case "utf-16be", "utf16be":
		return csUTF16BE
	case "utf-32", "utf32":
		return csUTF32
	case "utf-32le", "utf32le":
		return csUTF32LE
	case "utf-32be", "utf32be":
		return csUTF32BE
	}
	return csUnknown
}

// decodeText decodes b to valid UTF-8 as iconv-lite does: a leading BOM is
// removed and bytes that do not decode become U+FFFD.
func decodeText(b []byte, cs charsetKind) string {
	switch cs {
	case csLatin1:
		r := make([]rune, len(b))
		for i, ch := range b {
			r[i] = rune(ch)
		}
		return string(r)
	case csUTF16, csUTF16LE, csUTF16BE:
		return decodeUTF16(b, cs)
	case csUTF32, csUTF32LE, csUTF32BE:
		return decodeUTF32(b, cs)
	}
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		b = b[3:]
	}
	if utf8.Valid(b) {
		return string(b)
	}
	return toValidUTF8(b)
}

// toValidUTF8 replaces each maximal ill-formed subsequence of b with one
// U+FFFD, as Node's UTF-8 decoder (and the WHATWG Encoding standard) does.
func toValidUTF8(b []byte) string {
	var out strings.Builder
	out.Grow(len(b) + 8)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r != utf8.RuneError || n > 1 {
			out.Write(b[:n])
			b = b[n:]
			continue
		}
		out.WriteRune(utf8.RuneError)
		b = b[maximalSubpart(b):]
	}
	return out.String()
}

// maximalSubpart returns how many bytes at the start of b (which does not
// start a valid sequence) form the longest prefix of a well-formed UTF-8
// sequence, at least 1.
func maximalSubpart(b []byte) int {
	lo, hi, need := byte(0x80), byte(0xBF), 0
	switch c := b[0]; {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		lo, need = 0xA0, 2
	case c >= 0xE1 && c <= 0xEC, c == 0xEE, c == 0xEF:
		need = 2
	case c == 0xED:
		hi, need = 0x9F, 2
	case c == 0xF0:
		lo, need = 0x90, 3
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	case c == 0xF4:
		hi, need = 0x8F, 3
	}
	n := 1
	for ; n <= need && n < len(b); n++ {
		if b[n] < lo || b[n] > hi {
			break
		}
		lo, hi = 0x80, 0xBF
	}
	return n
}

// decodeUTF16 decodes UTF-16 (cs says the byte order, or csUTF16 to take it
// from a BOM or guess it); an odd last byte and unpaired surrogates become
// U+FFFD.
func decodeUTF16(b []byte, cs charsetKind) string {
	be := cs == csUTF16BE
	if cs == csUTF16 {
		be = guessBigEndian(b, 2)
	}
	if len(b) >= 2 && (be && b[0] == 0xFE && b[1] == 0xFF || !be && b[0] == 0xFF && b[1] == 0xFE) {
		b = b[2:]
	}
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if be {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	s := string(utf16.Decode(u))
	if len(b)%2 == 1 {
		s += string(utf8.RuneError)
	}
	return s
}

// decodeUTF32 decodes UTF-32 as decodeUTF16 does UTF-16.
func decodeUTF32(b []byte, cs charsetKind) string {
	be := cs == csUTF32BE
	if cs == csUTF32 {
		be = guessBigEndian(b, 4)
	}
	if len(b) >= 4 && (be && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF ||
		!be && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) {
		b = b[4:]
	}
	var out strings.Builder
	for i := 0; i+3 < len(b); i += 4 {
		var r rune
		if be {
			r = rune(b[i])<<24 | rune(b[i+1])<<16 | rune(b[i+2])<<8 | rune(b[i+3])
		} else {
			r = rune(b[i+3])<<24 | rune(b[i+2])<<16 | rune(b[i+1])<<8 | rune(b[i])
		}
		if !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		out.WriteRune(r)
	}
	if len(b)%4 != 0 {
		out.WriteRune(utf8.RuneError)
	}
	return out.String()
}

// guessBigEndian decides the byte order of UTF-16 (size 2) or UTF-32
// (size 4) without a declared order, as iconv-lite does: a BOM decides;
// otherwise the order in which ASCII characters put their zero bytes
// first wins, and little-endian when nothing tells.
func guessBigEndian(b []byte, size int) bool {
	if size == 2 && len(b) >= 2 {
		if b[0] == 0xFE && b[1] == 0xFF {
			return true
		}
		if b[0] == 0xFF && b[1] == 0xFE {
			return false
		}
	}
	if size == 4 && len(b) >= 4 {
		if b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF {
			return true
		}
		if b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0 {
			return false
		}
	}
	le, be := 0, 0
	for i := 0; i+size-1 < len(b) && i < 100*size; i += size {
		if b[i] == 0 && b[i+size-1] != 0 {
			be++
		}
		if b[i] != 0 && b[i+size-1] == 0 {
			le++
		}
	}
	return be > le
}
