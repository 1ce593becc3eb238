package expresso

import "strings"

// matchRegion matches s against toks, as the regular expression
// path-to-regexp would build: parameters take one or more characters other
// than "/", wildcards one or more of any, both greedily with backtracking
// (checked against Express 5.3 with path-to-regexp 8.4). It stores one value per parameter or wildcard
// in vals and reports whether s matched entirely.
func matchRegion(toks []token, s string, ci bool, vals []string) bool {
	if len(toks) == 0 {
		return s == ""
	}
	t := toks[0]
	switch t.kind {
	case tokText:
		if len(s) < len(t.text) {
			return false
		}
		if ci {
			if !strings.EqualFold(s[:len(t.text)], t.text) {
				return false
			}
		} else if s[:len(t.text)] != t.text {
			return false
		}
		return matchRegion(toks[1:], s[len(t.text):], ci, vals)
	case tokParam:
		// The longest run this parameter may take.
		max := strings.IndexByte(s, '/')
		if max < 0 {
			max = len(s)
		}
		for n := max; n >= 1; n-- {
			if matchRegion(toks[1:], s[n:], ci, vals[1:]) {
				vals[0] = s[:n]
				return true
			}
		}
		return false
	default: // tokWild
		for n := len(s); n >= 1; n-- {
			if matchRegion(toks[1:], s[n:], ci, vals[1:]) {
				vals[0] = s[:n]
				return true
			}
		}
		return false
	}
}
