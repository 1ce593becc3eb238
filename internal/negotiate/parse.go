package negotiate

import (
	"github.com/expresso-go/expresso/internal/token"
	"math"
	"strconv"
	"strings"
)

// entry is one element of an Accept-style header.
type entry struct {
	value  string  // media range, charset, coding or tag, original case, OWS trimmed
	params string  // the header text holding the element's parameters
	q      float64 // the q parameter as JavaScript's parseFloat reads it; 1 if absent or empty
	index  int     // position among all elements, empty ones included
	slash  int     // index of the first '/' in value, or -1
}

// maxStack is how many elements are kept on the stack before a header spills to the heap.
const maxStack = 16

// parseHeader appends the elements of h to dst, as negotiator 1.1 splits an Accept-style
// header with content-type 2's lenient parser: elements end at a comma outside a quoted
// parameter value, parameters at ';'. It returns the list and the number of elements,
// empty ones included.
func parseHeader(dst []entry, h string) ([]entry, int) {
	n := 0
	for pos := 0; pos < len(h); n++ {
		start := skipOWS(h, pos)
		end := skipValue(h, start, true)
		value := h[start:trimOWS(h, start, end)]
		it := params{h: h, i: end, comma: true}
		q, qQuoted, hasQ := "", false, false
		for {
			k, v, quoted, ok := it.next()
			if !ok {
				break
			}
			if !hasQ && token.EqualFold(k, "q") {
				q, qQuoted, hasQ = v, quoted, true
			}
		}
		dst = append(dst, entry{
			value: value, params: h[end:it.i], q: quality(q, qQuoted), index: n,
			slash: strings.IndexByte(value, '/'),
		})
		pos = it.i + 1
	}
	return dst, n
}

// quality reads a q parameter value: empty means 1, anything else goes through parseFloat.
func quality(v string, quoted bool) float64 {
	if quoted && strings.IndexByte(v, '\\') >= 0 {
		v = unescape(v)
	}
	if v == "" {
		return 1
	}
	return parseFloat(v)
}

// params iterates over parameters the way content-type 2 parses them. i starts at the
// ';' (or stop comma) that ends the value, and is left where parsing stopped: at the
// comma ending the element, or at the end of the string.
type params struct {
	h     string
	i     int
	comma bool // whether a comma outside quotes ends the element
}

// next returns the next parameter. key is OWS-trimmed but not lower-cased; a quoted value
// is returned without its quotes and still escaped. Parameters without '=' and quoted
// values that never close are skipped. ok is false when the element has no more.
func (p *params) next() (key, value string, quoted, ok bool) {
	h := p.h
outer:
	for p.i < len(h) {
		if p.comma && h[p.i] == ',' {
			return "", "", false, false
		}
		p.i = skipOWS(h, p.i+1)
		keyStart := p.i
		for p.i < len(h) {
			switch h[p.i] {
			case ',':
				if p.comma {
					return "", "", false, false
				}
			case ';':
				continue outer
			case '=':
				key = h[keyStart:trimOWS(h, keyStart, p.i)]
				p.i = skipOWS(h, p.i+1)
				if p.i < len(h) && h[p.i] == '"' {
					p.i++
					valueStart := p.i
					for p.i < len(h) {
						c := h[p.i]
						p.i++
						if c == '"' {
							value = h[valueStart : p.i-1]
							p.i = skipValue(h, p.i, p.comma)
							return key, value, true, true
						}
						if c == '\\' && p.i < len(h) {
							p.i++
						}
					}
					continue outer // never closed: dropped, and p.i is at the end
				}
				valueStart := p.i
				p.i = skipValue(h, p.i, p.comma)
				return key, h[valueStart:trimOWS(h, valueStart, p.i)], false, true
			}
			p.i++
		}
	}
	return "", "", false, false
}

// lookup returns the first value of the parameter named key (case-insensitively) in the
// parameters starting at h[i], stopping at a comma when comma is set.
func lookup(h string, i int, comma bool, key string) (value string, quoted, ok bool) {
	it := params{h: h, i: i, comma: comma}
	for {
		k, v, q, more := it.next()
		if !more {
			return "", false, false
		}
		if token.EqualFold(k, key) {
			return v, q, true
		}
	}
}

// skipOWS returns the index of the first byte at or after i that is not SP or HTAB.
func skipOWS(h string, i int) int {
	for i < len(h) && (h[i] == ' ' || h[i] == '\t') {
		i++
	}
	return i
}

// trimOWS returns end moved back over SP and HTAB, but not before start.
func trimOWS(h string, start, end int) int {
	for end > start && (h[end-1] == ' ' || h[end-1] == '\t') {
		end--
	}
	return end
}

// skipValue returns the index of the first ';' at or after i, or of a ',' if comma is
// set, or len(h).
func skipValue(h string, i int, comma bool) int {
	for i < len(h) && h[i] != ';' && !(comma && h[i] == ',') {
		i++
	}
	return i
}

// unescape removes the backslashes of a quoted-string body.
func unescape(v string) string {
	var b strings.Builder
	b.Grow(len(v))
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			i++
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

// valueEqualFold reports whether a parameter value (quoted and escaped, or not) equals
// the parameter value b (likewise), ignoring ASCII case.
func valueEqualFold(a string, aQuoted bool, b string, bQuoted bool) bool {
	i, j := 0, 0
	for {
		ca, okA := nextChar(a, &i, aQuoted)
		cb, okB := nextChar(b, &j, bQuoted)
		if !okA || !okB {
			return okA == okB
		}
		if token.Lower(ca) != token.Lower(cb) {
			return false
		}
	}
}

// nextChar returns the byte of v at *i after unescaping, and advances *i.
func nextChar(v string, i *int, quoted bool) (byte, bool) {
	if *i >= len(v) {
		return 0, false
	}
	if quoted && v[*i] == '\\' && *i+1 < len(v) {
		*i++
	}
	c := v[*i]
	*i++
	return c, true
}

// parseFloat mirrors JavaScript's parseFloat over a header value read as Latin-1: it
// skips leading white space, reads the longest decimal literal (or Infinity) and returns
// NaN when there is none.
func parseFloat(s string) float64 {
	i := 0
	for i < len(s) && isJSSpaceByte(s[i]) {
		i++
	}
	start := i
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	if strings.HasPrefix(s[i:], "Infinity") {
		if s[start] == '-' {
			return math.Inf(-1)
		}
		return math.Inf(1)
	}
	digits := 0
	for i < len(s) && isDigit(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return math.NaN()
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			i = j
		}
	}
	f, _ := strconv.ParseFloat(s[start:i], 64) // out of range gives ±Inf or 0, like JavaScript
	return f
}

// isJSSpaceByte reports whether the Latin-1 character c is white space to parseFloat.
func isJSSpaceByte(c byte) bool {
	return c == ' ' || ('\t' <= c && c <= '\r') || c == 0xa0
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
