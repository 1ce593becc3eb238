package fresh_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso/internal/fresh"
)

const (
	jan1    = "Sat, 01 Jan 2000 00:00:00 GMT"
	jan1One = "Sat, 01 Jan 2000 01:00:00 GMT"
)

type req struct{ inm, ims, cc string }

type res struct{ etag, lastModified string }

func TestFresh(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		req    req
		res    res
		expect bool
	}{
		// jshttp/fresh test/fresh.js, with the 1.0 change that
		// If-None-Match alone decides when present.
		{"should be stale when a non-conditional GET is performed", req{}, res{}, false},
		{"should be fresh when ETags match", req{inm: `"foo"`}, res{etag: `"foo"`}, true},
		{"should be stale when ETags mismatch", req{inm: `"foo"`}, res{etag: `"bar"`}, false},
		{"should be fresh when at least one matches", req{inm: ` "bar" , "foo"`}, res{etag: `"foo"`}, true},
		{"should be stale when etag is missing", req{inm: `"foo"`}, res{}, false},
		{"should be fresh on exact weak match", req{inm: `W/"foo"`}, res{etag: `W/"foo"`}, true},
		{"should be fresh when a weak tag meets a strong ETag", req{inm: `W/"foo"`}, res{etag: `"foo"`}, true},
		{"should be fresh on exact strong match", req{inm: `"foo"`}, res{etag: `"foo"`}, true},
		{"should be fresh when a strong tag meets a weak ETag", req{inm: `"foo"`}, res{etag: `W/"foo"`}, true},
		{"should be fresh when * is given", req{inm: "*"}, res{etag: `"foo"`}, true},
		{"should be fresh when * is given and there is no ETag", req{inm: "*"}, res{}, true},
		{"should ignore * if not the only value", req{inm: `*, "bar"`}, res{etag: `"foo"`}, false},
		{"should be stale when modified since the date", req{ims: jan1}, res{lastModified: jan1One}, false},
		{"should be fresh when unmodified since the date", req{ims: jan1One}, res{lastModified: jan1}, true},
		{"should be fresh when modified exactly at the date", req{ims: jan1}, res{lastModified: jan1}, true},
		{"should be stale when Last-Modified is missing", req{ims: jan1}, res{}, false},
		{"should be stale with invalid If-Modified-Since date", req{ims: "foo"}, res{lastModified: jan1}, false},
		{"should be stale with invalid Last-Modified date", req{ims: jan1}, res{lastModified: "foo"}, false},
		{"should be fresh when both match", req{inm: `"foo"`, ims: jan1One}, res{etag: `"foo"`, lastModified: jan1}, true},
		{"should be fresh when only ETag matches", req{inm: `"foo"`, ims: jan1}, res{etag: `"foo"`, lastModified: jan1One}, true},
		{"should be stale when only Last-Modified matches", req{inm: `"foo"`, ims: jan1One}, res{etag: `"bar"`, lastModified: jan1}, false},
		{"should be stale when none match", req{inm: `"foo"`, ims: jan1}, res{etag: `"bar"`, lastModified: jan1One}, false},
		{"should be stale with Cache-Control: no-cache", req{cc: " no-cache"}, res{}, false},
		{"should be stale with no-cache when ETags match", req{inm: `"foo"`, cc: " no-cache"}, res{etag: `"foo"`}, false},
		{"should be stale with no-cache when unmodified since the date", req{ims: jan1One, cc: " no-cache"}, res{lastModified: jan1}, false},
		// Edge cases checked against fresh 2.0.0 under Node.
		{"should be stale with no-cache and *", req{inm: "*", cc: "no-cache"}, res{}, false},
		{"should find no-cache among other directives", req{inm: "*", cc: " max-age=0 ,  no-cache\t"}, res{}, false},
		{"should treat NBSP as whitespace around no-cache", req{inm: "*", cc: "\xa0no-cache"}, res{}, false},
		{"should not take no-cache with a value as no-cache", req{inm: "*", cc: "no-cache=foo"}, res{}, true},
		{"should not take no-cache after a space-separated word", req{inm: "*", cc: "x no-cache"}, res{}, true},
		{"should compare no-cache case-sensitively", req{inm: "*", cc: "No-Cache"}, res{}, true},
		{"should not trim * in If-None-Match", req{inm: " *"}, res{}, false},
		{"should not trim tabs from list items", req{inm: "\"foo\"\t"}, res{etag: `"foo"`}, false},
		{"should match an empty item against the tag W/", req{inm: ", "}, res{etag: "W/"}, true},
		{"should not compare a tag with a doubled W/", req{inm: `W/W/"foo"`}, res{etag: `"foo"`}, false},
		{"should parse RFC 850 dates", req{ims: "Saturday, 01-Jan-00 01:00:00 GMT"}, res{lastModified: jan1}, true},
		{"should parse ANSI C dates", req{ims: "Sat Jan  1 01:00:00 2000"}, res{lastModified: jan1}, true},
		// fresh reads dates with Date.parse, which takes these forms too.
		{"should parse ISO 8601 dates", req{ims: "2000-01-01T01:00:00Z"}, res{lastModified: jan1}, true},
		{"should parse ISO 8601 dates with milliseconds", req{ims: "2000-01-01T01:00:00.000Z"}, res{lastModified: jan1}, true},
		{"should parse an ISO 8601 date-time with an offset", req{ims: "2000-01-01T02:00:00+01:00"}, res{lastModified: jan1}, true},
		{"should parse an ISO 8601 date alone as midnight UTC", req{ims: "2000-01-01"}, res{lastModified: jan1}, true},
		{"should find a Last-Modified after an ISO 8601 date alone", req{ims: "1999-12-31"}, res{lastModified: jan1}, false},
		{"should parse RFC 1123 dates with a numeric zone", req{ims: "Sat, 01 Jan 2000 01:00:00 +0000"}, res{lastModified: jan1}, true},
		{"should not parse garbage", req{ims: "yesterday-ish"}, res{lastModified: jan1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.expect, fresh.Fresh(tt.req.inm, tt.req.ims, tt.req.cc, tt.res.etag, tt.res.lastModified))
		})
	}
}

func TestWeakMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		list   string
		etag   string
		expect bool
	}{
		{"should match an equal tag", `"foo"`, `"foo"`, true},
		{"should match a weak item against a strong tag", `W/"foo"`, `"foo"`, true},
		{"should match a strong item against a weak tag", `"foo"`, `W/"foo"`, true},
		{"should match any item of a list", `"bar", "baz" ,"foo"`, `"foo"`, true},
		{"should not match different tags", `"bar", "baz"`, `"foo"`, false},
		{"should keep inner spaces", `"f oo"`, `"f oo"`, true},
		{"should not treat * as a wildcard", "*", `"foo"`, false},
		{"should skip empty items", ", ,", "W/", false},
		{"should match nothing when the tag is empty", `W/`, "", false},
		{"should match nothing in an empty list", "", `"foo"`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.expect, fresh.WeakMatch(tt.list, tt.etag))
		})
	}
}

func TestNoAllocations(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		fresh.Fresh(`"a", "b", W/"c"`, "", "max-age=0", `"c"`, "")
		fresh.Fresh("", jan1One, "", "", jan1)
		fresh.Fresh("", "garbage", "", "", jan1)
		fresh.WeakMatch(`"a", "b"`, `"b"`)
	})
	assert.Zero(t, allocs)
}

// noCacheRef is jshttp/fresh's regular expression, run on the value decoded
// as Latin-1 the way Node decodes header values.
var noCacheRef = regexp.MustCompile(`(?:^|,)[\t\n\v\f\r \x{a0}]*?no-cache[\t\n\v\f\r \x{a0}]*?(?:,|$)`)

func latin1(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

// freshRef is a direct, allocating transcription of jshttp/fresh 2.0.0.
func freshRef(inm, ims, cc, etag, lastModified string) bool {
	if inm == "" && ims == "" {
		return false
	}
	if cc != "" && noCacheRef.MatchString(latin1(cc)) {
		return false
	}
	if inm != "" {
		if inm == "*" {
			return true
		}
		if etag == "" {
			return false
		}
		for _, item := range strings.Split(inm, ",") {
			m := strings.Trim(item, " ")
			if m == etag || m == "W/"+etag || "W/"+m == etag {
				return true
			}
		}
		return false
	}
	lm, err1 := http.ParseTime(lastModified)
	since, err2 := http.ParseTime(ims)
	return lastModified != "" && err1 == nil && err2 == nil && !lm.After(since)
}

func FuzzFresh(f *testing.F) {
	f.Add(`"foo"`, "", "", `"foo"`, "")
	f.Add(` "bar" , W/"foo"`, jan1, "no-cache", `"foo"`, jan1)
	f.Add("", jan1One, "max-age=0, no-cache", "", jan1)
	f.Add("*", "", "\xa0no-cache,", "", "")
	f.Add(", ", "", "", "W/", "")
	f.Fuzz(func(t *testing.T, inm, ims, cc, etag, lastModified string) {
		assert.Equal(t, freshRef(inm, ims, cc, etag, lastModified), fresh.Fresh(inm, ims, cc, etag, lastModified))
		if etag != "" {
			expect := false
			for _, item := range strings.Split(inm, ",") {
				m := strings.Trim(item, " ")
				expect = expect || (m != "" && (m == etag || m == "W/"+etag || "W/"+m == etag))
			}
			assert.Equal(t, expect, fresh.WeakMatch(inm, etag))
		}
	})
}

func FuzzShortDatesNeverParse(f *testing.F) {
	f.Add("Mon Jan 2 1:04:05 2006")
	f.Add("Sat, 01 Jan 2000 00:00:00 GMT")
	f.Fuzz(func(t *testing.T, s string) {
		_, err := http.ParseTime(s)
		if err == nil {
			assert.GreaterOrEqual(t, len(s), 22, "ParseTime accepted %q", s)
		}
	})
}

func TestShortestDateParses(t *testing.T) {
	t.Parallel()
	got, err := http.ParseTime("Mon Jan 2 1:04:05 2006")
	assert.NoError(t, err)
	assert.Equal(t, time.Date(2006, 1, 2, 1, 4, 5, 0, time.UTC), got)
	assert.True(t, fresh.Fresh("", "Mon Jan 2 1:04:05 2006", "", "", "Mon, 02 Jan 2006 01:04:05 GMT"))
}

func BenchmarkFreshETag(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		fresh.Fresh(`W/"a-abc", W/"d-HwnTDHB9U/PRbFMN1z1wps51lqk"`, "", "", `W/"d-HwnTDHB9U/PRbFMN1z1wps51lqk"`, "")
	}
}

func BenchmarkFreshModifiedSince(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		fresh.Fresh("", jan1One, "max-age=0", "", jan1)
	}
}

func ExampleFresh() {
	fmt.Println(fresh.Fresh(`W/"3-f1UKn0xEFzo3Zk2TjxNV8PkqR6c"`, "", "", `W/"3-f1UKn0xEFzo3Zk2TjxNV8PkqR6c"`, ""))
	fmt.Println(fresh.Fresh(`W/"3-f1UKn0xEFzo3Zk2TjxNV8PkqR6c"`, "", "no-cache", `W/"3-f1UKn0xEFzo3Zk2TjxNV8PkqR6c"`, ""))
	// Output:
	// true
	// false
}
