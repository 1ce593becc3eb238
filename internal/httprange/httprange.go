package httprange

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Range is a byte range, both ends inclusive.
type Range struct {
	Start, End int64
}

// Result says what a Range header amounts to.
type Result int8

const (
	// Satisfiable means at least one range is left.
	Satisfiable Result = iota
	// Malformed means the header has no '=' (range-parser's -2): the whole
	// resource is sent.
	Malformed
	// Unsatisfiable means every range was dropped (range-parser's -1): the
	// answer is a 416.
	Unsatisfiable
)

// huge stands for a number too large for any resource; parseInt's result
// for longer digit strings loses precision in JavaScript but stays larger
// than any size, which is all that matters here.
const huge = int64(1) << 62

// Parse parses header, a Range header value, against a resource of size
// bytes. It appends the combined ranges to dst and returns them with the
// result; with a result other than Satisfiable the slice is dst unchanged.
// The unit before '=' is not checked: send only calls the parser when the
// header matches `^ *bytes=`.
func Parse(dst []Range, size int64, header string) ([]Range, Result) {
	eq := strings.IndexByte(header, '=')
	if eq < 0 {
		return dst, Malformed
	}
	base := len(dst)
	rest := header[eq+1:]
	for {
		item := rest
		comma := strings.IndexByte(rest, ',')
		if comma >= 0 {
			item = rest[:comma]
		}
		if r, ok := parseItem(size, item); ok {
			dst = append(dst, r)
		}
		if comma < 0 {
			break
		}
		rest = rest[comma+1:]
	}
	if len(dst) == base {
		return dst, Unsatisfiable
	}
	return append(dst[:base], combine(dst[base:])...), Satisfiable
}

// parseItem reads one "start-end" item.
func parseItem(size int64, item string) (Range, bool) {
	first, second, hasDash := item, "", false
	if i := strings.IndexByte(item, '-'); i >= 0 {
		first, second, hasDash = item[:i], item[i+1:], true
		if j := strings.IndexByte(second, '-'); j >= 0 {
			second = second[:j]
		}
	}
	start, okStart := parseInt(first)
	end, okEnd := parseInt(second)
	if !hasDash {
		okEnd = false
	}
	switch {
	case !okStart:
		if !okEnd {
			return Range{}, false
		}
		start, end = size-end, size-1
	case !okEnd:
		end = size - 1
	}
	if end > size-1 {
		end = size - 1
	}
	if start > end || start < 0 {
		return Range{}, false
	}
	return Range{Start: start, End: end}, true
}

// combine merges overlapping and adjacent ranges in place, keeping the
// merged ranges in the order of the earliest item each one absorbed, as
// range-parser's combineRanges. It returns the shortened slice.
func combine(rs []Range) []Range {
	if len(rs) < 2 {
		return rs
	}
	type indexed struct {
		r   Range
		idx int
	}
	var buf [8]indexed
	ord := buf[:0]
	for i, r := range rs {
		ord = append(ord, indexed{r, i})
	}
	slices.SortStableFunc(ord, func(a, b indexed) int { return cmp64(a.r.Start, b.r.Start) })
	j := 0
	for i := 1; i < len(ord); i++ {
		cur := &ord[j]
		if next := ord[i]; next.r.Start > cur.r.End+1 {
			j++
			ord[j] = next
		} else {
			cur.r.End = max(cur.r.End, next.r.End)
			cur.idx = min(cur.idx, next.idx)
		}
	}
	ord = ord[:j+1]
	slices.SortFunc(ord, func(a, b indexed) int { return a.idx - b.idx })
	for i, o := range ord {
		rs[i] = o.r
	}
	return rs[:len(ord)]
}

func cmp64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// parseInt reads s as JavaScript's parseInt(s, 10): leading white space,
// an optional sign, then decimal digits up to the first other character.
// It reports false when there is no digit (NaN). Values beyond huge are
// clamped to ±huge.
func parseInt(s string) (int64, bool) {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isJSSpace(r) {
			break
		}
		i += n
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var v int64
	digits := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		digits++
		if v < huge {
			v = v*10 + int64(s[i]-'0')
		}
	}
	if digits == 0 {
		return 0, false
	}
	v = min(v, huge)
	if neg {
		v = -v
	}
	return v, true
}

// isJSSpace reports whether JavaScript's String.prototype.trim (and so
// parseInt) treats r as white space.
func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}
