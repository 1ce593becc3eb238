package cookie

// isCookieOctet reports whether c is an RFC 6265 cookie-octet: printable
// US-ASCII except space, '"', ',', ';' and '\'.
func isCookieOctet(c byte) bool {
	return c == 0x21 ||
		0x23 <= c && c <= 0x2B ||
		0x2D <= c && c <= 0x3A ||
		0x3C <= c && c <= 0x5B ||
		0x5D <= c && c <= 0x7E
}

// isCookieValue reports whether s is a string of cookie-octets, optionally
// wrapped in one pair of double quotes. The empty string and `""` qualify.
func isCookieValue(s string) bool {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	for i := 0; i < len(s); i++ {
		if !isCookieOctet(s[i]) {
			return false
		}
	}
	return true
}

// isAlnum reports whether c is an ASCII letter or digit.
func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isDomain reports whether s matches jshttp/cookie's domain pattern: an
// optional leading '.', then dot-separated labels of 1 to 63 letters,
// digits and hyphens that start and end with a letter or digit. A trailing
// dot or an empty label fails.
func isDomain(s string) bool {
	if len(s) > 0 && s[0] == '.' {
		s = s[1:]
	}
	for {
		end := 0
		for end < len(s) && s[end] != '.' {
			end++
		}
		if !isLabel(s[:end]) {
			return false
		}
		if end == len(s) {
			return true
		}
		s = s[end+1:]
	}
}

// isLabel reports whether s is one domain label (see isDomain).
func isLabel(s string) bool {
	if len(s) == 0 || len(s) > 63 || !isAlnum(s[0]) || !isAlnum(s[len(s)-1]) {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if !isAlnum(s[i]) && s[i] != '-' {
			return false
		}
	}
	return true
}

// isPath reports whether every byte of s lies in 0x20-0x3A or 0x3D-0x7E,
// jshttp/cookie's path pattern (which leaves out ';' and also '<').
func isPath(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7E || c == ';' || c == '<' {
			return false
		}
	}
	return true
}
