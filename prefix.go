package expresso

import "strings"

// prefixVariant matches a Use path prefix on segment boundaries.
type prefixVariant struct {
	segs  [][]token
	names []string
	ci    bool
}

// compilePrefix compiles a Use path. "/" (or "") matches every path and
// compiles to nil. Wildcards are not supported in prefixes.
func compilePrefix(p string, ci bool) []prefixVariant {
	if p == "" || p == "/" {
		return nil
	}
	var out []prefixVariant
	for _, toks := range parsePattern(p) {
		if len(toks) == 0 || toks[0].kind != tokText || toks[0].text[0] != '/' {
			panic("expresso: invalid Use path " + quote(p) + ": it must start with /")
		}
		segs := splitSegments(toks)
		if n := len(segs); n > 0 && len(segs[n-1]) == 0 {
			segs = segs[:n-1] // a trailing slash is ignored
		}
		v := prefixVariant{ci: ci}
		for _, s := range segs {
			for _, t := range s {
				if t.kind == tokWild {
					panic("expresso: invalid Use path " + quote(p) + ": wildcards are not supported in Use prefixes; use a route or a parameter")
				}
			}
			checkAdjacent(p, s)
			v.segs = append(v.segs, s)
			v.names = appendNames(v.names, s)
		}
		if len(v.segs) == 0 {
			return nil
		}
		out = append(out, v)
	}
	return out
}

// match reports the length of the prefix of path (which starts with "/")
// that v matches, storing parameter values in vals.
func (v *prefixVariant) match(path string, vals []string) (int, bool) {
	i, k := 0, 0
	for _, seg := range v.segs {
		if i >= len(path) || path[i] != '/' {
			return 0, false
		}
		end := strings.IndexByte(path[i+1:], '/')
		if end < 0 {
			end = len(path)
		} else {
			end += i + 1
		}
		text := path[i+1 : end]
		switch {
		case len(seg) == 0:
			if text != "" {
				return 0, false
			}
		case len(seg) == 1 && seg[0].kind == tokText:
			if !(text == seg[0].text || v.ci && strings.EqualFold(text, seg[0].text)) {
				return 0, false
			}
		case len(seg) == 1:
			if text == "" {
				return 0, false
			}
			vals[k] = text
			k++
		default:
			n := 0
			for _, t := range seg {
				if t.kind != tokText {
					n++
				}
			}
			if !matchRegion(seg, text, v.ci, vals[k:k+n]) {
				return 0, false
			}
			k += n
		}
		i = end
	}
	return i, true
}

func quote(s string) string { return "\"" + s + "\"" }
