package expresso

import (
	"strconv"
	"strings"
	"unicode"
)

// This file compiles Express 5 path patterns (path-to-regexp 8 syntax):
// ":name" parameters, "*name" wildcards, "{…}" optional groups and "\"
// escapes. Each pattern expands into variants without groups; a variant is a
// path for httprouter plus, for segments httprouter cannot express (":a.:b",
// a wildcard that is not the last segment), a small matcher that runs on the
// value httprouter captured.

type tokKind uint8

const (
	tokText tokKind = iota
	tokParam
	tokWild
)

// token is one piece of a pattern: literal text, a parameter or a wildcard.
type token struct {
	kind tokKind
	text string // the literal, or the parameter name
}

// item is a parsed pattern element: a token, or an optional group.
type item struct {
	tok   token
	group []item
	isGrp bool
}

// patternError reports a malformed pattern.
func patternError(pattern, msg string, at int) string {
	return "expresso: invalid route pattern " + strconv.Quote(pattern) + ": " + msg + " at index " + strconv.Itoa(at)
}

// parsePattern parses pattern into variants (groups expanded), or panics
// with a message naming the pattern and the mistake.
func parsePattern(pattern string) [][]token {
	items, i := parseItems(pattern, 0, false)
	if i != len(pattern) {
		panic(patternError(pattern, "unexpected }", i))
	}
	var out [][]token
	expand(items, nil, &out)
	for k, v := range out {
		out[k] = mergeText(v)
	}
	return out
}

func parseItems(p string, i int, inGroup bool) ([]item, int) {
	var items []item
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			items = append(items, item{tok: token{kind: tokText, text: text.String()}})
			text.Reset()
		}
	}
	for i < len(p) {
		ch := p[i]
		switch ch {
		case '\\':
			if i+1 >= len(p) {
				panic(patternError(p, "trailing backslash", i))
			}
			text.WriteByte(p[i+1])
			i += 2
		case ':', '*':
			flush()
			name, n := parseName(p, i+1)
			if name == "" {
				what := "parameter"
				if ch == '*' {
					what = "wildcard"
				}
				panic(patternError(p, "missing "+what+" name", i))
			}
			kind := tokParam
			if ch == '*' {
				kind = tokWild
			}
			items = append(items, item{tok: token{kind: kind, text: name}})
			i = n
		case '{':
			flush()
			g, n := parseItems(p, i+1, true)
			if n >= len(p) || p[n] != '}' {
				panic(patternError(p, "unterminated group {", i))
			}
			items = append(items, item{group: g, isGrp: true})
			i = n + 1
		case '}':
			if !inGroup {
				panic(patternError(p, "unexpected }", i))
			}
			flush()
			return items, i
		case '(', ')', '[', ']', '?', '+', '!':
			panic(patternError(p, "unexpected "+string(ch)+" (escape it with \\ to match it literally)", i))
		default:
			text.WriteByte(ch)
			i++
		}
	}
	flush()
	return items, i
}

// parseName reads a parameter name (identifier characters or a "quoted"
// name) starting at i.
func parseName(p string, i int) (string, int) {
	if i < len(p) && p[i] == '"' {
		end := strings.IndexByte(p[i+1:], '"')
		if end < 0 {
			return "", i
		}
		return p[i+1 : i+1+end], i + end + 2
	}
	j := i
	for j < len(p) {
		r := rune(p[j])
		size := 1
		if r >= 0x80 {
			r, size = decodeRune(p[j:])
		}
		if !(r == '_' || r == '$' || unicode.IsLetter(r) || (j > i && unicode.IsDigit(r))) {
			break
		}
		j += size
	}
	return p[i:j], j
}

func decodeRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 1
}

// expand appends every variant of items (each group present or absent) to
// out, prefixed by prefix.
func expand(items []item, prefix []token, out *[][]token) {
	if len(items) == 0 {
		*out = append(*out, append([]token(nil), prefix...))
		return
	}
	it := items[0]
	if !it.isGrp {
		expand(items[1:], append(prefix, it.tok), out)
		return
	}
	// Present first, so that "/:file{.:ext}" tries the longer form first.
	var withGroup [][]token
	expand(it.group, nil, &withGroup)
	for _, g := range withGroup {
		expand(items[1:], append(append([]token(nil), prefix...), g...), out)
	}
	expand(items[1:], append([]token(nil), prefix...), out)
}

func mergeText(toks []token) []token {
	out := toks[:0]
	for _, t := range toks {
		if t.kind == tokText && len(out) > 0 && out[len(out)-1].kind == tokText {
			out[len(out)-1].text += t.text
			continue
		}
		if t.kind == tokText && t.text == "" {
			continue
		}
		out = append(out, t)
	}
	return out
}

// dynSeg says how to read parameters from one value httprouter captured.
type dynSeg struct {
	key  int     // index into names, for a plain ":name" segment or "/*name" tail
	toks []token // the tokens to match, for any other segment or tail
	tail bool    // a catch-all: the value is the rest of the path
}

// compiled is one variant of a pattern, ready for httprouter.
type compiled struct {
	hrPath string   // the httprouter path, with positional names :p0, *p1…
	dyn    []dynSeg // one per httprouter parameter, in order
	names  []string // the Express parameter names, in output order
}

// compileVariant turns toks into an httprouter path and matchers. Static
// text is lower-cased when ci is set (the request path is lower-cased too).
func compileVariant(pattern string, toks []token, ci bool) compiled {
	var c compiled
	var hr strings.Builder
	if len(toks) == 0 || toks[0].kind != tokText || toks[0].text[0] != '/' {
		panic("expresso: invalid route pattern " + strconv.Quote(pattern) + ": it must start with /")
	}
	segs := splitSegments(toks)
	for si, seg := range segs {
		hr.WriteByte('/')
		if hasWild(segs[si:]) {
			var rest []token
			for k, s := range segs[si:] {
				if k > 0 {
					rest = append(rest, token{kind: tokText, text: "/"})
				}
				rest = append(rest, s...)
			}
			rest = mergeText(rest)
			d := dynSeg{tail: true}
			if len(rest) == 1 {
				d.key = len(c.names)
				c.names = append(c.names, rest[0].text)
			} else {
				d.toks = rest
				c.names = appendNames(c.names, rest)
			}
			checkAdjacent(pattern, rest)
			hr.WriteString("*p" + strconv.Itoa(len(c.dyn)))
			c.dyn = append(c.dyn, d)
			break
		}
		switch {
		case len(seg) == 0:
			// An empty segment ("//"): nothing to add after the slash.
		case len(seg) == 1 && seg[0].kind == tokText && !strings.ContainsAny(seg[0].text, ":*"):
			if ci {
				hr.WriteString(lowerASCII(seg[0].text))
			} else {
				hr.WriteString(seg[0].text)
			}
		case len(seg) == 1 && seg[0].kind == tokParam:
			hr.WriteString(":p" + strconv.Itoa(len(c.dyn)))
			c.dyn = append(c.dyn, dynSeg{key: len(c.names)})
			c.names = append(c.names, seg[0].text)
		default:
			checkAdjacent(pattern, seg)
			hr.WriteString(":p" + strconv.Itoa(len(c.dyn)))
			c.dyn = append(c.dyn, dynSeg{toks: seg})
			c.names = appendNames(c.names, seg)
		}
	}
	c.hrPath = hr.String()
	for i, n := range c.names {
		for _, m := range c.names[:i] {
			if m == n {
				panic("expresso: invalid route pattern " + strconv.Quote(pattern) + ": parameter " + strconv.Quote(n) + " appears twice")
			}
		}
	}
	return c
}

func appendNames(names []string, toks []token) []string {
	for _, t := range toks {
		if t.kind != tokText {
			names = append(names, t.text)
		}
	}
	return names
}

// checkAdjacent rejects two parameters with no text between them, which
// path-to-regexp rejects too ("Missing text before").
func checkAdjacent(pattern string, toks []token) {
	for i := 1; i < len(toks); i++ {
		if toks[i].kind != tokText && toks[i-1].kind != tokText {
			panic("expresso: invalid route pattern " + strconv.Quote(pattern) + ": missing text between " +
				strconv.Quote(toks[i-1].text) + " and " + strconv.Quote(toks[i].text))
		}
	}
}

func hasWild(segs [][]token) bool {
	for _, s := range segs {
		for _, t := range s {
			if t.kind == tokWild {
				return true
			}
		}
	}
	return false
}

// splitSegments splits toks at every "/" in text, dropping the leading one.
func splitSegments(toks []token) [][]token {
	var segs [][]token
	var cur []token
	started := false
	for _, t := range toks {
		if t.kind != tokText {
			cur = append(cur, t)
			continue
		}
		parts := strings.Split(t.text, "/")
		for k, part := range parts {
			if k > 0 {
				if started {
					segs = append(segs, cur)
				}
				started = true
				cur = nil
			}
			if part != "" {
				cur = append(cur, token{kind: tokText, text: part})
			}
		}
	}
	return append(segs, cur)
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
