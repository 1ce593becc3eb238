package htmlescape

import "strings"

// Escape returns s with each ampersand replaced by "&amp;", less-than sign
// by "&lt;", greater-than sign by "&gt;", double quote by "&quot;" and
// apostrophe by "&#39;". Every other byte is kept. If s has none of the five
// characters it is returned as is, without allocating.
func Escape(s string) string {
	i := strings.IndexAny(s, `&<>"'`)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	last := i
	for ; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&quot;"
		case '\'':
			esc = "&#39;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
	return b.String()
}
