package vary_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso/internal/vary"
)

func TestAppend(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		header string
		fields []string
		expect string
	}{
		// jshttp/vary test/test.js, vary.append(header, field).
		{"should accept string", "", []string{"foo"}, "foo"},
		{"should accept string that is Vary header", "", []string{"foo, bar"}, "foo, bar"},
		{"should accept array of string", "", []string{"foo", "bar"}, "foo, bar"},
		{"should set value when header empty", "", []string{"Origin"}, "Origin"},
		{"should set value with array when header empty", "", []string{"Origin", "User-Agent"}, "Origin, User-Agent"},
		{"should preserve case when header empty", "", []string{"ORIGIN", "user-agent", "AccepT"}, "ORIGIN, user-agent, AccepT"},
		{"should set value when header has values", "Accept", []string{"Origin"}, "Accept, Origin"},
		{"should set value with array when header has values", "Accept", []string{"Origin", "User-Agent"}, "Accept, Origin, User-Agent"},
		{"should not duplicate existing value", "Accept", []string{"Accept"}, "Accept"},
		{"should compare case-insensitive", "Accept", []string{"accEPT"}, "Accept"},
		{"should preserve case of the existing header", "Accept", []string{"AccepT"}, "Accept"},
		{"should set * when field is *", "", []string{"*"}, "*"},
		{"should act as if all values already set", "*", []string{"Origin"}, "*"},
		{"should erradicate existing values", "Accept, Accept-Encoding", []string{"*"}, "*"},
		{"should update bad existing header", "Accept, Accept-Encoding, *", []string{"Origin"}, "*"},
		{"should set value when field is string", "", []string{"Accept"}, "Accept"},
		{"should set value when field is a vary header", "", []string{"Accept, Accept-Encoding"}, "Accept, Accept-Encoding"},
		{"should accept LWS", "", []string{"  Accept     ,     Origin    "}, "Accept, Origin"},
		{"should handle contained * in a string", "", []string{"Accept,*"}, "*"},
		{"should set value when field is array", "", []string{"Accept", "Accept-Language"}, "Accept, Accept-Language"},
		{"should ignore double-entries", "", []string{"Accept", "Accept"}, "Accept"},
		{"should be case-insensitive", "", []string{"Accept", "ACCEPT"}, "Accept"},
		{"should handle contained * in an array", "", []string{"Origin", "User-Agent", "*", "Accept"}, "*"},
		{"should handle existing values", "Accept, Accept-Encoding", []string{"origin", "accept", "accept-charset"}, "Accept, Accept-Encoding, origin, accept-charset"},
		// jshttp/vary test/test.js, vary(res, field) on an existing header.
		{"should preserve case of existing and new values", "AccepT", []string{"accEPT", "ORIGIN"}, "AccepT, ORIGIN"},
		{"should not duplicate a value of a joined array header", "Accept, Accept-Encoding", []string{"accept", "origin"}, "Accept, Accept-Encoding, origin"},
		// Edge cases checked against vary 1.1.2 under Node.
		{"should return the header when there are no fields", "Accept", nil, "Accept"},
		{"should keep no header when there are no fields", "", nil, ""},
		{"should dedupe within one comma-separated field", "", []string{"Accept, accept,ACCEPT"}, "Accept"},
		{"should keep the existing header byte for byte", " Accept ,origin", []string{"Origin", "Cookie"}, " Accept ,origin, Cookie"},
		{"should append after a header of spaces", " ", []string{"Accept"}, " , Accept"},
		{"should not trim tabs from existing items", "Accept\t", []string{"Accept"}, "Accept\t, Accept"},
		{"should find * with spaces around it in the header", "Accept,  * ", []string{"Origin"}, "*"},
		{"should treat a lone * header as all values", "*", []string{"*"}, "*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := vary.Append(tt.header, tt.fields...)
			require.NoError(t, err)
			assert.Equal(t, tt.expect, got)
		})
	}
}

func TestAppendInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		header string
		fields []string
	}{
		{`should not allow separator ":"`, "", []string{"invalid:header"}},
		{`should not allow separator " "`, "", []string{"invalid header"}},
		{"should not allow a newline", "", []string{"invalid\nheader"}},
		{"should not allow non-ASCII", "", []string{"invalid\u0080header"}},
		{"should not allow an empty field", "", []string{""}},
		{"should not allow an empty list item", "", []string{"Accept,"}},
		{"should not allow a tab around a name", "", []string{"Accept\t"}},
		{"should check fields even when the header is *", "*", []string{"a b"}},
		{"should check every field", "Accept", []string{"Origin", "bad:name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := vary.Append(tt.header, tt.fields...)
			assert.ErrorIs(t, err, vary.ErrInvalidField)
			assert.EqualError(t, err, "field argument contains an invalid header name")
			assert.Equal(t, tt.header, got)
		})
	}
}

func TestAppendDoesNotAllocateWhenUnchanged(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		_, _ = vary.Append("Accept, Origin", "origin")
		_, _ = vary.Append("Accept", "accept", "ACCEPT")
		_, _ = vary.Append("*", "Origin")
	})
	assert.Zero(t, allocs)
}

// appendRef is a direct, allocating transcription of jshttp/vary's append
// for a field given as an array whose elements are each split on commas.
func appendRef(header string, fields []string) (string, bool) {
	parse := func(s string) []string {
		items := strings.Split(s, ",")
		for i, item := range items {
			items[i] = strings.Trim(item, " ")
		}
		return items
	}
	var names []string
	for _, f := range fields {
		names = append(names, parse(f)...)
	}
	for _, n := range names {
		if n == "" || strings.IndexFunc(n, func(r rune) bool {
			return !strings.ContainsRune("!#$%&'*+-.^_`|~", r) &&
				!('0' <= r && r <= '9') && !('a' <= r && r <= 'z') && !('A' <= r && r <= 'Z')
		}) >= 0 {
			return "", false
		}
	}
	if header == "*" {
		return header, true
	}
	lowerASCII := func(s string) string {
		b := []byte(s)
		for i, c := range b {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 32
			}
		}
		return string(b)
	}
	vals := parse(lowerASCII(header))
	for _, n := range names {
		if n == "*" {
			return "*", true
		}
	}
	for _, v := range vals {
		if v == "*" {
			return "*", true
		}
	}
	val := header
	for _, n := range names {
		fld := lowerASCII(n)
		found := false
		for _, v := range vals {
			found = found || v == fld
		}
		if !found {
			vals = append(vals, fld)
			if val != "" {
				val += ", " + n
			} else {
				val = n
			}
		}
	}
	return val, true
}

func FuzzAppend(f *testing.F) {
	f.Add("Accept, Accept-Encoding", "origin, accept", "Accept-Charset")
	f.Add("", "  Accept     ,     Origin    ", "ORIGIN")
	f.Add("Accept,  * ", "Origin", "")
	f.Add(" ", "a", "A")
	f.Fuzz(func(t *testing.T, header, f1, f2 string) {
		got, err := vary.Append(header, f1, f2)
		expect, ok := appendRef(header, []string{f1, f2})
		if !ok {
			assert.ErrorIs(t, err, vary.ErrInvalidField)
			assert.Equal(t, header, got)
			return
		}
		require.NoError(t, err)
		assert.Equal(t, expect, got)
		again, err := vary.Append(got, f1, f2)
		require.NoError(t, err)
		assert.Equal(t, got, again, "appending the same fields twice must change nothing")
	})
}

func BenchmarkAppendUnchanged(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = vary.Append("Accept-Encoding, Origin", "Accept-Encoding")
	}
}

func BenchmarkAppendNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = vary.Append("Accept-Encoding", "Accept")
	}
}

func ExampleAppend() {
	v, err := vary.Append("Accept-Encoding", "Origin, accept-encoding", "Accept")
	fmt.Println(v, err)
	// Output: Accept-Encoding, Origin, Accept <nil>
}
