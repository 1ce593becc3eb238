package contenttype

import "github.com/expresso-go/expresso/internal/token"

// appendParam appends "; key=value" for p, quoting the value unless it is
// a token. It appends nothing if the key is not a token or the value holds
// characters a quoted string cannot carry.
func appendParam(out []byte, p param) []byte {
	if !token.Is(p.key) {
		return out
	}
	mark := len(out)
	out = append(out, "; "...)
	out = appendLower(out, p.key)
	out = append(out, '=')
	valueStart := len(out)
	out = appendValue(out, p, false)
	value := out[valueStart:]
	switch {
	case token.Is(value):
		return out
	case isText(value):
		out = append(out[:valueStart], '"')
		out = appendValue(out, p, true)
		return append(out, '"')
	}
	return out[:mark]
}

// appendValue appends the value of p with its backslash escapes removed,
// escaping '\' and '"' again if quote is set.
func appendValue(out []byte, p param, quote bool) []byte {
	v := p.value
	for i := 0; i < len(v); i++ {
		c := v[i]
		if p.escaped && c == '\\' && i+1 < len(v) {
			i++
			c = v[i]
		}
		if quote && (c == '\\' || c == '"') {
			out = append(out, '\\')
		}
		out = append(out, c)
	}
	return out
}

func appendLower(out []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out = append(out, c)
	}
	return out
}

// isMediaType reports whether s is token "/" token.
func isMediaType(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			return token.Is(s[:i]) && token.Is(s[i+1:])
		}
	}
	return false
}

// isText reports whether every byte of s may appear in a quoted string:
// tab, printable ASCII, or any byte from 0x80 up.
func isText[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\t' && (c < 0x20 || c == 0x7F) {
			return false
		}
	}
	return true
}

// skipOWS returns the index of the first byte at or after i that is not a
// space or tab.
func skipOWS(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// skipValue returns the index of the first ';' at or after i, or len(s).
func skipValue(s string, i int) int {
	for i < len(s) && s[i] != ';' {
		i++
	}
	return i
}

func trimTrailingOWS(s string) string {
	for s != "" && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}
