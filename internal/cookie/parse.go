package cookie

import "strings"

// Pair is one cookie of a Cookie header.
type Pair struct {
	// Name is the cookie name, trimmed of spaces and tabs, not decoded.
	Name string
	// Value is the cookie value, trimmed, unquoted and decoded (see [Get]).
	Value string
}

// protoName is the one name Express can never see: jshttp/cookie collects
// cookies in a plain JavaScript object, where assigning a string to the
// key "__proto__" is silently ignored.
const protoName = "__proto__"

// Get returns the value of the first cookie called name in header, the value
// of one Cookie request header line, as req.cookies[name] holds it after
// cookie-parser (before its JSON and signature handling):
//
//   - the header is split on ';'; pieces without '=' are skipped;
//   - the name is the text before the first '=', the value the text after
//     it, both trimmed of spaces and tabs only;
//   - a value wrapped in double quotes loses one quote at each end (a lone
//     `"` becomes "");
//   - a value containing '%' is decoded with [DecodeURIComponent]; when that
//     fails the raw (unquoted) value is kept;
//   - the first cookie of a name wins; names are not decoded; the name may
//     be empty ("=v" sets the cookie ""); a header shorter than two bytes has
//     no cookies; "__proto__" is never found, as in Express.
//
// Node joins repeated Cookie header lines with "; ". To read several lines,
// call Get on each in order and take the first hit; this matches the joined
// header except for a one-byte line "=", which the joined header would read
// as the empty-named cookie.
//
// The value is a substring of header, without allocation, unless it needs
// decoding.
func Get(header, name string) (string, bool) {
	if len(header) < 2 || name == protoName {
		return "", false
	}
	for rest := header; ; {
		seg, tail, more := strings.Cut(rest, ";")
		if key, raw, ok := splitPair(seg); ok && key == name {
			return decodeValue(raw), true
		}
		if !more {
			return "", false
		}
		rest = tail
	}
}

// All returns every cookie in header (one Cookie header line), in header
// order, keeping only the first cookie of each name; names and values are
// read as [Get] reads them, so All(h)'s first Pair with Name n has
// Value == Get(h, n). It returns nil when there are none.
//
// Express's req.cookies is a JavaScript object, whose keys enumerate
// integer-like names ("1", "2") first in numeric order and then the others
// in insertion order; All keeps plain header order instead.
func All(header string) []Pair {
	if len(header) < 2 {
		return nil
	}
	var pairs []Pair
	var seen nameSet // used once pairs outgrows a linear scan
	for rest := header; ; {
		seg, tail, more := strings.Cut(rest, ";")
		if key, raw, ok := splitPair(seg); ok && key != protoName && !seen.has(pairs, key) {
			if pairs == nil {
				pairs = make([]Pair, 0, strings.Count(rest, ";")+1)
			}
			pairs = append(pairs, Pair{Name: key, Value: decodeValue(raw)})
			seen = seen.add(pairs)
		}
		if !more {
			return pairs
		}
		rest = tail
	}
}

// linearScanMax is how many pairs All checks for duplicates by scanning
// before it switches to a set, so that a hostile header with many cookies
// costs linear time.
const linearScanMax = 16

// nameSet is the set of names All has kept, built only once there are more
// than linearScanMax of them.
type nameSet map[string]struct{}

// has reports whether name is among the kept pairs.
func (s nameSet) has(pairs []Pair, name string) bool {
	if s != nil {
		_, ok := s[name]
		return ok
	}
	for i := range pairs {
		if pairs[i].Name == name {
			return true
		}
	}
	return false
}

// add records the last kept pair, returning the set to use from now on.
func (s nameSet) add(pairs []Pair) nameSet {
	switch {
	case s != nil:
		s[pairs[len(pairs)-1].Name] = struct{}{}
	case len(pairs) > linearScanMax:
		s = make(nameSet, 2*len(pairs))
		for i := range pairs {
			s[pairs[i].Name] = struct{}{}
		}
	}
	return s
}

// splitPair splits one ';'-separated piece into its trimmed name and its
// trimmed, unquoted (not yet decoded) value. It reports false when the
// piece has no '='.
func splitPair(seg string) (name, value string, ok bool) {
	name, value, ok = strings.Cut(seg, "=")
	if !ok {
		return "", "", false
	}
	name = trimSpaceTab(name)
	value = trimSpaceTab(value)
	if len(value) > 0 && value[0] == '"' && value[len(value)-1] == '"' {
		if len(value) == 1 {
			value = ""
		} else {
			value = value[1 : len(value)-1]
		}
	}
	return name, value, true
}

// decodeValue decodes v when it holds a '%', keeping v when decoding fails.
func decodeValue(v string) string {
	if d, ok := DecodeURIComponent(v); ok {
		return d
	}
	return v
}

// trimSpaceTab trims spaces and tabs (only) from both ends of s.
func trimSpaceTab(s string) string {
	i, j := 0, len(s)
	for i < j && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	for j > i && (s[j-1] == ' ' || s[j-1] == '\t') {
		j--
	}
	return s[i:j]
}

// JSONValue reports whether v is a cookie-parser JSON cookie (it starts with
// "j:") and returns the JSON text after the prefix; otherwise it returns v
// and false.
//
// cookie-parser then runs JSON.parse on the text. It keeps the raw string
// ("j:…") instead when parsing fails, and also when the parsed value is
// falsy: "j:0", "j:false", "j:null" and `j:""` stay strings. Callers
// decoding the JSON should mirror both rules.
func JSONValue(v string) (string, bool) {
	if rest, ok := strings.CutPrefix(v, "j:"); ok {
		return rest, true
	}
	return v, false
}
