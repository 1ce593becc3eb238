package qs

import (
	"errors"
	"net/url"
	"strings"
)

// ErrTooManyParameters is returned by [Parse] when the input has more
// parameters than the limit, body-parser's 413 "too many parameters".
var ErrTooManyParameters = errors.New("qs: too many parameters")

// DefaultParameterLimit is body-parser's default parameterLimit.
const DefaultParameterLimit = 1000

// Latin1 selects iso-8859-1 decoding in [Parse]; anything else is UTF-8.
const Latin1 = "iso-8859-1"

// Count returns the number of parameters in s as body-parser counts them
// before parsing: the number of '&' plus one.
func Count(s string) int { return strings.Count(s, "&") + 1 }

// Parse parses s as body-parser's simple urlencoded parser does. s is the
// already decoded body text. charset is [Latin1] or UTF-8 (any other
// value). limit caps the parameter count (zero means
// [DefaultParameterLimit], a negative value no limit); over it Parse returns
// [ErrTooManyParameters]. An empty s gives an empty, non-nil result.
func Parse(s, charset string, limit int) (url.Values, error) {
	out := url.Values{}
	if s == "" {
		return out, nil
	}
	if limit == 0 {
		limit = DefaultParameterLimit
	}
	if limit > 0 && Count(s) > limit {
		return nil, ErrTooManyParameters
	}
	latin1 := charset == Latin1
	pairs := parsePairs(s, latin1)
	for _, i := range jsKeyOrder(pairs.keys) {
		merge(out, pairs.keys[i], pairs.vals[i])
	}
	return out, nil
}

// pairs is qs's first pass: decoded keys in insertion order, each with its
// values in order.
type pairs struct {
	keys []string
	vals [][]string
	idx  map[string]int
}

// parsePairs splits s into decoded keys and values (qs parseValues).
func parsePairs(s string, latin1 bool) *pairs {
	p := &pairs{idx: map[string]int{}}
	s = replaceBrackets(s)
	for part := range strings.SplitSeq(s, "&") {
		pos := strings.Index(part, "]=")
		if pos >= 0 {
			pos++
		} else {
			pos = strings.IndexByte(part, '=')
		}
		var key, val string
		if pos < 0 {
			key = decode(part, latin1)
		} else {
			key, val = decode(part[:pos], latin1), decode(part[pos+1:], latin1)
		}
		if i, ok := p.idx[key]; ok {
			p.vals[i] = append(p.vals[i], val)
			continue
		}
		p.idx[key] = len(p.keys)
		p.keys = append(p.keys, key)
		p.vals = append(p.vals, []string{val})
	}
	return p
}

// replaceBrackets turns every %5B and %5D (any case) into '[' and ']', as
// qs does before splitting.
func replaceBrackets(s string) string {
	if !strings.Contains(s, "%5") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && s[i+1] == '5' {
			switch s[i+2] {
			case 'B', 'b':
				b.WriteByte('[')
				i += 2
				continue
			case 'D', 'd':
				b.WriteByte(']')
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// merge adds one first-pass key and its values to out (qs parseKeys with
// depth 0, then utils.merge into the result).
func merge(out url.Values, key string, vals []string) {
	if key == "" {
		return
	}
	if key == "[]" {
		// The values become an array merged into the object: its indices
		// are the keys.
		for i, v := range vals {
			add(out, itoa(i), v)
		}
		return
	}
	if len(key) >= 2 && key[0] == '[' && key[len(key)-1] == ']' {
		key = key[1 : len(key)-1]
	}
	if key == "__proto__" {
		return
	}
	if len(vals) == 1 {
		add(out, key, vals[0])
		return
	}
	out[key] = append(out[key], vals...)
}

// add merges the single value v into out[key]. qs's merge keeps the
// existing value when the new one is the empty string.
func add(out url.Values, key, v string) {
	if v == "" && len(out[key]) > 0 {
		return
	}
	out[key] = append(out[key], v)
}

// itoa formats a small non-negative int.
func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}
