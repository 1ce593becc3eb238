// Package pathseg checks the segments of a file path taken from a request,
// as pillarjs/send does before it opens a file: a ".." segment (send splits
// on "/" and "\" on every system) and a dotfile segment. SendFile and
// middleware.Static share it.
package pathseg

// HasDotDot reports whether p has a ".." segment, segments being separated
// by "/" or "\".
func HasDotDot(p string) bool {
	start := 0
	for i := 0; i <= len(p); i++ {
		if i == len(p) || p[i] == '/' || p[i] == '\\' {
			if i-start == 2 && p[start] == '.' && p[start+1] == '.' {
				return true
			}
			start = i + 1
		}
	}
	return false
}

// HasDotfile reports whether a "/"-separated segment of p is a dotfile:
// longer than one character and starting with a dot.
func HasDotfile(p string) bool {
	start := 0
	for i := 0; i <= len(p); i++ {
		if i == len(p) || p[i] == '/' {
			if i-start > 1 && p[start] == '.' {
				return true
			}
			start = i + 1
		}
	}
	return false
}
