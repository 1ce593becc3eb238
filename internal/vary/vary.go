package vary

import (
	"errors"
	"github.com/expresso-go/expresso/internal/token"
)

// ErrInvalidField is returned when a field name is not an RFC 9110 token.
// The text is jshttp/vary's.
var ErrInvalidField = errors.New("field argument contains an invalid header name")

// Append returns the Vary header value that results from adding fields to
// header, the existing value ("" when there is none).
//
// Each field may itself be a comma-separated list; spaces around the names
// are ignored. Every name must be a token, otherwise Append returns header
// and [ErrInvalidField]. If header is "*", or any name on either side is
// "*", the result is "*". Otherwise each name not already present (compared
// case-insensitively, counting names added earlier in the same call) is
// appended with ", " in the case it was given; header itself is kept byte
// for byte. With no fields, or when every name is already present, header is
// returned unchanged and nothing is allocated.
//
// jshttp/vary does not split the elements of an array argument; Append
// splits every field, so Append(h, "a, b") and Append(h, "a", "b") agree.
func Append(header string, fields ...string) (string, error) {
	for _, f := range fields {
		for i := 0; i <= len(f); {
			var name string
			name, i = next(f, i)
			if !token.Is(name) {
				return header, ErrInvalidField
			}
		}
	}
	if header == "*" {
		return header, nil
	}
	if has(header, "*", false) {
		return "*", nil
	}
	for _, f := range fields {
		if has(f, "*", false) {
			return "*", nil
		}
	}
	extra := 0 // bytes Append adds
	for fi, f := range fields {
		for i := 0; i <= len(f); {
			start := i
			var name string
			name, i = next(f, i)
			if !seen(header, fields[:fi], f[:start], name) {
				extra += len(", ") + len(name)
			}
		}
	}
	if extra == 0 {
		return header, nil
	}
	buf := make([]byte, 0, len(header)+extra)
	buf = append(buf, header...)
	for fi, f := range fields {
		for i := 0; i <= len(f); {
			start := i
			var name string
			name, i = next(f, i)
			if seen(header, fields[:fi], f[:start], name) {
				continue
			}
			if len(buf) > 0 {
				buf = append(buf, ", "...)
			}
			buf = append(buf, name...)
		}
	}
	return string(buf), nil
}

// seen reports whether name is in the header list, in one of the earlier
// fields, or in the part of the current field before it.
func seen(header string, earlier []string, before, name string) bool {
	if has(header, name, true) {
		return true
	}
	for _, f := range earlier {
		if has(f, name, true) {
			return true
		}
	}
	return has(before, name, true)
}

// next returns the item of the comma-separated list s that starts at index
// i, without the spaces around it, and the index just past the comma that
// ends it (len(s)+1 for the last item). Like jshttp's parse, only spaces
// (0x20) are trimmed and an empty list has one empty item.
func next(s string, i int) (string, int) {
	end := len(s)
	for j := i; j < len(s); j++ {
		if s[j] == ',' {
			end = j
			break
		}
	}
	item := s[i:end]
	for item != "" && item[0] == ' ' {
		item = item[1:]
	}
	for item != "" && item[len(item)-1] == ' ' {
		item = item[:len(item)-1]
	}
	return item, end + 1
}

// has reports whether an item of the comma-separated list s equals name,
// ignoring ASCII case if fold is set.
func has(s, name string, fold bool) bool {
	for i := 0; i <= len(s); {
		var item string
		item, i = next(s, i)
		if item == name || (fold && token.EqualFold(item, name)) {
			return true
		}
	}
	return false
}
