package fresh

import (
	"net/http"
	"strings"
	"time"
)

// minDateLen is the length of the shortest string [http.ParseTime] accepts,
// an ANSI C date with a one-digit day and hour ("Mon Jan 2 1:04:05 2006").
// Shorter strings are rejected without calling it, which keeps garbage
// dates from allocating a parse error.
const minDateLen = 22

// Fresh reports whether a response with the given ETag and Last-Modified
// values is fresh for a request with the given If-None-Match,
// If-Modified-Since and Cache-Control values. An empty string means the
// header is absent. The rules are those of jshttp/fresh:
//
//   - with neither If-None-Match nor If-Modified-Since the response is stale;
//   - a Cache-Control list item equal to no-cache (case-sensitive, surrounding
//     whitespace ignored) makes it stale;
//   - If-None-Match, when present, decides alone: exactly "*" is fresh, even
//     without an ETag; otherwise it is fresh only if the ETag is not empty
//     and some comma-separated item of it matches the ETag weakly;
//   - with only If-Modified-Since it is fresh when both dates parse and
//     Last-Modified is not later than If-Modified-Since.
//
// The caller checks the method and the status (Express only asks for GET,
// HEAD and QUERY requests with a 2xx or 304 status).
func Fresh(ifNoneMatch, ifModifiedSince, cacheControl, etag, lastModified string) bool {
	if ifNoneMatch == "" && ifModifiedSince == "" {
		return false
	}
	if cacheControl != "" && hasNoCache(cacheControl) {
		return false
	}
	if ifNoneMatch != "" {
		if ifNoneMatch == "*" {
			return true
		}
		if etag == "" {
			return false
		}
		return matchList(ifNoneMatch, etag, false)
	}
	if lastModified == "" {
		return false
	}
	lm, ok := parseDate(lastModified)
	if !ok {
		return false
	}
	ims, ok := parseDate(ifModifiedSince)
	if !ok {
		return false
	}
	return !lm.After(ims)
}

// WeakMatch reports whether some item of the comma-separated entity-tag list
// weakly matches etag, as pillarjs/send checks If-Match. Items are trimmed of
// spaces and empty items are skipped. "*" is not special here: the caller
// handles an If-Match of exactly "*". An empty etag matches nothing.
func WeakMatch(list, etag string) bool {
	if etag == "" {
		return false
	}
	return matchList(list, etag, true)
}

// matchList walks list the way jshttp's parseTokenList splits it: items are
// separated by ',', and spaces (only 0x20) before and after an item are
// dropped while inner spaces are kept. With skipEmpty, empty items are not
// compared (send's parser); without it they are (fresh's parser), which
// matters only for the tag "W/".
func matchList(list, etag string, skipEmpty bool) bool {
	start, end := 0, 0
	for i := 0; i < len(list); i++ {
		switch list[i] {
		case ' ':
			if start == end {
				start, end = i+1, i+1
			}
		case ',':
			if (start != end || !skipEmpty) && weakEqual(list[start:end], etag) {
				return true
			}
			start, end = i+1, i+1
		default:
			end = i + 1
		}
	}
	return (start != end || !skipEmpty) && weakEqual(list[start:end], etag)
}

// weakEqual reports t == etag || t == "W/"+etag || "W/"+t == etag without
// building the prefixed strings.
func weakEqual(t, etag string) bool {
	switch len(t) - len(etag) {
	case 0:
		return t == etag
	case 2:
		return t[:2] == "W/" && t[2:] == etag
	case -2:
		return etag[:2] == "W/" && etag[2:] == t
	}
	return false
}

// hasNoCache reports whether the Cache-Control value has an item that is
// exactly no-cache once whitespace is trimmed, which is what jshttp/fresh's
// /(?:^|,)\s*?no-cache\s*?(?:,|$)/ finds.
func hasNoCache(cc string) bool {
	for {
		item, rest, found := strings.Cut(cc, ",")
		if trimSpace(item) == "no-cache" {
			return true
		}
		if !found {
			return false
		}
		cc = rest
	}
}

// trimSpace trims the bytes that JavaScript's \s matches in a header value
// Node has decoded as Latin-1: tab, LF, VT, FF, CR, space and NBSP (0xA0).
func trimSpace(s string) string {
	for s != "" && isSpace(s[0]) {
		s = s[1:]
	}
	for s != "" && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

func isSpace(c byte) bool {
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0
}

// parseDate parses a date as JavaScript's Date.parse does for the forms
// clients send: the HTTP forms of [http.ParseTime], RFC 1123 with a numeric
// zone ("+0000"), and ISO 8601 (a date alone is midnight UTC; a date-time
// without a zone is taken as UTC, which is where Date.parse and a server
// in UTC agree).
func parseDate(s string) (time.Time, bool) {
	if len(s) >= minDateLen {
		if t, err := http.ParseTime(s); err == nil {
			return t, true
		}
	}
	if len(s) < len("2006-01-02") {
		return time.Time{}, false
	}
	for _, layout := range [...]string{
		time.RFC1123Z, "Mon, 2 Jan 2006 15:04:05 -0700", time.RFC3339Nano,
		"2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
