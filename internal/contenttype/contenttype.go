package contenttype

import (
	"github.com/expresso-go/expresso/internal/token"
	"strings"
)

// param is one parsed parameter. A quoted value is kept as the text
// between the quotes, backslash escapes included, and unescaped on output.
type param struct {
	key     string // as written; lower-cased on output
	value   string // the unquoted value, or the text between the quotes
	escaped bool   // value is quoted text that still holds backslash escapes
}

// SetCharset returns ct with its charset parameter set to charset, as
// Express's setCharset does with content-type 2:
//
//   - the media type is lower-cased and the surrounding spaces and tabs
//     dropped;
//   - parameter names are lower-cased; when a name repeats, the first
//     occurrence wins;
//   - a parameter without '=', or with an unterminated quoted value, is
//     dropped;
//   - an existing charset keeps its place and gets the new value; otherwise
//     charset is added at the end;
//   - parameters are written as "; name=value" in their original order,
//     except that names that are JavaScript array indices ("0", "1", "42",
//     below 4294967295) come first in numeric order, because the JavaScript
//     object that holds them orders its keys that way;
//   - a value is written bare if it is a token and as a quoted string,
//     with '\' and '"' escaped, otherwise.
//
// An empty ct or charset gives ct, as in Express. Where content-type 2's
// format would throw (and Express would answer 500), SetCharset instead
// returns ct unchanged if the media type is not a valid type/subtype pair
// or charset holds control characters, and drops a parameter whose name is
// not a token or whose value holds control characters (other than tab).
//
// When ct is already in the form SetCharset would produce, ct itself is
// returned and nothing is allocated; "text/html; charset=utf-8" takes a
// fast path.
func SetCharset(ct, charset string) string {
	if ct == "" || charset == "" {
		return ct
	}
	if isSimpleCanonical(ct, charset) {
		return ct
	}
	if !isText(charset) {
		return ct
	}
	start := skipOWS(ct, 0)
	end := skipValue(ct, start)
	typ := trimTrailingOWS(ct[start:end])
	if !isMediaType(typ) {
		return ct
	}
	var store [8]param
	params := parseParams(ct, end, store[:0])
	found := false
	for i := range params {
		if token.EqualFold(params[i].key, "charset") {
			params[i].value, params[i].escaped = charset, false
			found = true
			break
		}
	}
	if !found {
		params = append(params, param{key: "charset", value: charset})
	}
	var buf [128]byte
	out := appendLower(buf[:0], typ)
	// JavaScript lists array-index keys first, in ascending order; the
	// keys are unique, so their values are too.
	for last := int64(-1); ; {
		next, nextValue := -1, int64(0)
		for i, p := range params {
			if v, ok := arrayIndex(p.key); ok && v > last && (next < 0 || v < nextValue) {
				next, nextValue = i, v
			}
		}
		if next < 0 {
			break
		}
		out = appendParam(out, params[next])
		last = nextValue
	}
	for _, p := range params {
		if _, ok := arrayIndex(p.key); !ok {
			out = appendParam(out, p)
		}
	}
	if string(out) == ct {
		return ct
	}
	return string(out)
}

// isSimpleCanonical reports whether ct is exactly "type/subtype; charset=C"
// with a lower-case type and C equal to charset and a token.
func isSimpleCanonical(ct, charset string) bool {
	const sep = "; charset="
	semi := strings.IndexByte(ct, ';')
	if semi < 0 || len(ct)-semi != len(sep)+len(charset) ||
		ct[semi:semi+len(sep)] != sep || ct[semi+len(sep):] != charset {
		return false
	}
	typ := ct[:semi]
	for i := 0; i < len(typ); i++ {
		if 'A' <= typ[i] && typ[i] <= 'Z' {
			return false
		}
	}
	return isMediaType(typ) && token.Is(charset)
}

// parseParams parses the parameters of ct starting at i, which is at the
// first ';' or at len(ct), keeping only the first occurrence of each name.
func parseParams(ct string, i int, params []param) []param {
	for i < len(ct) {
		i = skipOWS(ct, i+1) // past the ';'
		keyStart := i
		for i < len(ct) && ct[i] != ';' && ct[i] != '=' {
			i++
		}
		if i == len(ct) || ct[i] == ';' {
			continue // no '=': dropped
		}
		key := trimTrailingOWS(ct[keyStart:i])
		i = skipOWS(ct, i+1)
		var p param
		if i < len(ct) && ct[i] == '"' {
			var ok bool
			p, i, ok = parseQuoted(ct, i+1)
			if !ok {
				continue // unterminated: dropped, and i == len(ct)
			}
		} else {
			valueStart := i
			i = skipValue(ct, i)
			p.value = trimTrailingOWS(ct[valueStart:i])
		}
		p.key = key
		if !hasKey(params, key) {
			params = append(params, p)
		}
	}
	return params
}

// parseQuoted reads a quoted value whose text starts at ct[i], returning
// it, the index of the next ';' (or len(ct)) and whether the closing quote
// was found. Whatever follows the closing quote up to the ';' is ignored.
func parseQuoted(ct string, i int) (param, int, bool) {
	start := i
	escaped := false
	for i < len(ct) {
		switch ct[i] {
		case '"':
			return param{value: ct[start:i], escaped: escaped}, skipValue(ct, i+1), true
		case '\\':
			if i+1 < len(ct) {
				escaped = true
				i++
			}
		}
		i++
	}
	return param{}, i, false
}

func hasKey(params []param, key string) bool {
	for _, p := range params {
		if token.EqualFold(p.key, key) {
			return true
		}
	}
	return false
}

// arrayIndex reports whether key is the canonical decimal form of a
// JavaScript array index (0 to 4294967294) and returns its value.
func arrayIndex(key string) (int64, bool) {
	if key == "" || len(key) > 10 || (key[0] == '0' && len(key) > 1) {
		return 0, false
	}
	var n int64
	for i := 0; i < len(key); i++ {
		if key[i] < '0' || key[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(key[i]-'0')
	}
	return n, n < 1<<32-1
}
