package typeis

import (
	"strings"

	"github.com/expresso-go/expresso/internal/mimetypes"
)

// Is reports whether the media type of contentType (a Content-Type header value)
// matches one of types, and returns the first one that does. It mirrors type-is 2 as
// used by req.is, minus the body check, which is the caller's: Express returns null
// (not false) when the request has neither Transfer-Encoding nor a numeric
// Content-Length.
//
// The header's parameters are ignored, and its type is lower-cased and must be a valid
// type/subtype (letters, digits and !#$&^_- , plus . and + in the subtype, each part
// starting with a letter or digit and at most 127 long); otherwise nothing matches.
//
// Each of types may be
//   - a media type, matched exactly after lower-casing the header but not the argument
//     ("application/json"; "Application/JSON" never matches), with '*' as a whole type
//     or subtype ("application/*", "*/json") and "*+suffix" as a subtype
//     ("application/*+json");
//   - "+suffix", meaning "*/*+suffix" ("+json" matches "application/ld+json");
//   - "urlencoded" (application/x-www-form-urlencoded) or "multipart" (multipart/*);
//   - an extension or file name, looked up with [mimetypes.Lookup] ("json", ".png").
//
// On a match, Is returns the argument as given, except that an argument containing '*'
// or starting with '+' returns the header's media type instead ("*/json" gives
// "application/json"). With no types, it returns the header's media type when it is
// valid. ok is false when nothing matches.
func Is(contentType string, types ...string) (match string, ok bool) {
	actual, valid := mediaType(contentType)
	if !valid {
		return "", false
	}
	if len(types) == 0 {
		return actual, true
	}
	for _, typ := range types {
		if matches(normalize(typ), actual) {
			if strings.HasPrefix(typ, "+") || strings.IndexByte(typ, '*') >= 0 {
				return actual, true
			}
			return typ, true
		}
	}
	return "", false
}

// normalize expands the shorthands type-is accepts into a media type pattern, or
// returns "" for an unknown extension.
func normalize(typ string) string {
	switch {
	case typ == "urlencoded":
		return "application/x-www-form-urlencoded"
	case typ == "multipart":
		return "multipart/*"
	case strings.HasPrefix(typ, "+"):
		return "*/*" + typ
	case strings.IndexByte(typ, '/') < 0:
		return mimetypes.Lookup(typ)
	}
	return typ
}

// matches reports whether the pattern expected matches the valid, lower-case media
// type actual, as type-is's mimeMatch does.
func matches(expected, actual string) bool {
	etype, esub, ok := strings.Cut(expected, "/")
	if !ok || strings.IndexByte(esub, '/') >= 0 {
		return false
	}
	atype, asub, _ := strings.Cut(actual, "/")
	if etype != "*" && etype != atype {
		return false
	}
	if strings.HasPrefix(esub, "*+") {
		return len(esub) <= len(asub)+1 && strings.HasSuffix(asub, esub[1:])
	}
	return esub == "*" || esub == asub
}

// mediaType returns the lower-cased media type of a Content-Type value: the text
// before the first ';', without surrounding spaces and tabs. valid is false when that
// is not a well-formed type/subtype.
func mediaType(v string) (typ string, valid bool) {
	start := 0
	for start < len(v) && (v[start] == ' ' || v[start] == '\t') {
		start++
	}
	end := start
	for end < len(v) && v[end] != ';' {
		end++
	}
	for end > start && (v[end-1] == ' ' || v[end-1] == '\t') {
		end--
	}
	typ = v[start:end]
	slash := strings.IndexByte(typ, '/')
	if slash < 0 || !validName(typ[:slash], false) || !validName(typ[slash+1:], true) {
		return "", false
	}
	for i := 0; i < len(typ); i++ {
		if 'A' <= typ[i] && typ[i] <= 'Z' {
			return strings.ToLower(typ), true
		}
	}
	return typ, true
}

// validName reports whether s is a media-typer restricted name: a letter or digit, then
// up to 126 of letters, digits and !#$&^_- (and . and + in a subtype).
func validName(s string, subtype bool) bool {
	if len(s) == 0 || len(s) > 127 || !isAlnum(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case isAlnum(c), c == '!', c == '#', c == '$', c == '&', c == '^', c == '_', c == '-':
		case subtype && (c == '.' || c == '+'):
		default:
			return false
		}
	}
	return true
}

// isAlnum reports whether c is an ASCII letter or digit.
func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
