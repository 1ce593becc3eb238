package mimetypes

import (
	"strings"
	"unicode/utf8"
)

// typeInfo is one row of the generated types table.
type typeInfo struct {
	name        string // lower-case type/subtype
	ext         string // first extension listed by mime-db, or ""
	charset     string // mime-db charset, "UTF-8" for text/*, or ""
	contentType string // name plus "; charset=…" when charset is set, or ""
}

// extInfo is one row of the generated extensions table.
type extInfo struct {
	ext string // lower-case extension without the dot
	typ uint16 // index into types
}

// Lookup returns the media type for a file extension or a path, or "" if it is unknown.
// It mirrors mime.lookup from mime-types 3: the extension is what Node's path.extname
// finds in "x." + pathOrExt, lower-cased, so "html", ".html", "foo.js", "FILE.JSON",
// "file@test.json" and "file.tar.gz" (gz) all work. Paths follow path.extname: only the
// last segment counts, trailing slashes are ignored, and a dot file such as "dir/.json"
// has no extension.
func Lookup(pathOrExt string) string {
	if i, ok := lookupIndex(pathOrExt); ok {
		return types[i].name
	}
	return ""
}

// Charset returns the default charset of a media type: the charset mime-db records for
// it, "UTF-8" for any text/* type, and "" otherwise. It mirrors mime.charset: leading
// white space is skipped, anything from the first ';' or white space on is ignored, and
// the type is matched case-insensitively.
func Charset(typ string) string {
	t := extractType(typ)
	if i, ok := findType(t); ok && types[i].charset != "" {
		return types[i].charset
	}
	if isText(t) {
		return "UTF-8"
	}
	return ""
}

// ContentType returns a full Content-Type header value for a media type or an
// extension, or "" if an extension is unknown. It mirrors mime.contentType: a value
// without '/' is looked up with [Lookup]; then, unless the value contains the text
// "charset" anywhere (case-sensitively, as mime-types checks), "; charset=" and the
// lower-cased [Charset] are appended when there is one. So "application/json" gives
// "application/json; charset=utf-8", "html" gives "text/html; charset=utf-8",
// "image/png" and "text/plain; charset=lol" come back unchanged.
func ContentType(s string) string {
	// The types handlers set most often, without a table search.
	switch s {
	case "":
		return ""
	case "text/plain", "txt":
		return "text/plain; charset=utf-8"
	case "text/html", "html":
		return "text/html; charset=utf-8"
	case "application/json", "json":
		return "application/json; charset=utf-8"
	}
	if strings.IndexByte(s, '/') < 0 {
		i, ok := lookupIndex(s)
		if !ok {
			return ""
		}
		if ct := types[i].contentType; ct != "" {
			return ct
		}
		return types[i].name
	}
	if strings.Contains(s, "charset") {
		return s
	}
	if i, ok := findType(s); ok && types[i].name == s && types[i].contentType != "" {
		return types[i].contentType
	}
	cs := Charset(s)
	if cs == "" {
		return s
	}
	return s + "; charset=" + strings.ToLower(cs)
}

// Extension returns the first extension mime-db lists for a media type, without the
// dot, or "" if it has none. Like mime.extension, parameters are ignored and the type
// is matched case-insensitively.
func Extension(typ string) string {
	if i, ok := findType(extractType(typ)); ok {
		return types[i].ext
	}
	return ""
}

// lookupIndex returns the index in types of the type for pathOrExt.
func lookupIndex(pathOrExt string) (int, bool) {
	if pathOrExt == "" {
		return 0, false
	}
	ext := extname(pathOrExt)
	if ext == "" {
		return 0, false
	}
	lo, hi := 0, len(extensions)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		switch c := compareFold(ext, extensions[mid].ext); {
		case c == 0:
			return int(extensions[mid].typ), true
		case c > 0:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0, false
}

// findType returns the index in types of t, compared case-insensitively.
func findType(t string) (int, bool) {
	lo, hi := 0, len(types)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		switch c := compareFold(t, types[mid].name); {
		case c == 0:
			return mid, true
		case c > 0:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0, false
}

// isText reports whether t starts with "text/", ASCII case-insensitively.
func isText(t string) bool {
	const prefix = "text/"
	if len(t) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := t[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// kelvin is U+212A KELVIN SIGN, the one non-ASCII character JavaScript's toLowerCase
// turns into a lone ASCII letter ('k').
const kelvin = "\u212a"

// compareFold compares s, lower-cased the way JavaScript's toLowerCase would as far as
// ASCII is concerned, with key, which is lower-case ASCII. It returns -1, 0 or +1.
func compareFold(s, key string) int {
	i, j := 0, 0
	for i < len(s) && j < len(key) {
		c, n := s[i], 1
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == kelvin[0] && strings.HasPrefix(s[i:], kelvin):
			c, n = 'k', len(kelvin)
		}
		if c != key[j] {
			if c < key[j] {
				return -1
			}
			return 1
		}
		i += n
		j++
	}
	switch {
	case i < len(s):
		return 1
	case j < len(key):
		return -1
	}
	return 0
}

// extname returns the extension, without its dot, that Node's path.posix.extname finds
// in "x." + p, as a substring of p. The prefix is virtual, so nothing is allocated.
func extname(p string) string {
	n := len(p) + 2
	startDot, startPart, end := -1, 0, -1
	matchedSlash := true
	preDotState := 0 // 0: nothing before the dot yet, 1: only dots, -1: something else
	for i := n - 1; i >= 0; i-- {
		c := byte('x')
		if i == 1 {
			c = '.'
		} else if i > 1 {
			c = p[i-2]
		}
		if c == '/' {
			if !matchedSlash {
				startPart = i + 1
				break
			}
			continue
		}
		if end == -1 {
			matchedSlash = false
			end = i + 1
		}
		if c == '.' {
			if startDot == -1 {
				startDot = i
			} else if preDotState != 1 {
				preDotState = 1
			}
		} else if startDot != -1 {
			preDotState = -1
		}
	}
	if startDot == -1 || end == -1 || preDotState == 0 ||
		(preDotState == 1 && startDot == end-1 && startDot == startPart+1) {
		return ""
	}
	return p[startDot-1 : end-2]
}

// extractType returns the leading type of s the way mime-types' type pattern finds it:
// JavaScript white space is skipped, and the type ends at ';' or white space.
func extractType(s string) string {
	start := 0
	for start < len(s) {
		r, size := utf8.DecodeRuneInString(s[start:])
		if !isJSSpace(r) {
			break
		}
		start += size
	}
	for i := start; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == ';' || isJSSpace(r) {
			return s[start:i]
		}
		i += size
	}
	return s[start:]
}

// isJSSpace reports whether r matches \s in a JavaScript regular expression.
func isJSSpace(r rune) bool {
	switch {
	case r == ' ', '\t' <= r && r <= '\r':
		return true
	case r < 0x80:
		return false
	}
	switch r {
	case 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return 0x2000 <= r && r <= 0x200a
}
