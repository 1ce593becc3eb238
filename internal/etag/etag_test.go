package etag_test

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso/internal/etag"
)

var bodyTests = []struct {
	name   string
	body   string
	strong string
}{
	{"should hash a short body", "kajdslfkasdf", `"c-IgR/L5SF7CJQff4wxKGF/vfPuZ0"`},
	{"should write a three-digit hex length", strings.Repeat("-", 999), `"3e7-qPnkJ3CVdVhFJQvUBfF10TmVA7g"`},
	{"should hash hello world", "hello, world!", `"d-HwnTDHB9U/PRbFMN1z1wps51lqk"`},
	{"should use the fixed tag for an empty body", "", `"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"`},
	{"should hash hey", "hey", `"3-f1UKn0xEFzo3Zk2TjxNV8PkqR6c"`},
	{"should hash an html body", "<p>hey</p>", `"a-TCBUSok3wduEtDfkQYiOkVWpRqk"`},
	{"should hash a json body", `{"name":"tobi"}`, `"f-qIK0X/nQnRj+NhHq0jdAWOGlL/c"`},
	{"should hash tobi", "tobi", `"4-whnE3Et/9r56cJBFm8bQaoeaFXc"`},
	{"should hash a status text", "Created", `"7-rM9AyJuqT6iOan/xHh+AW+7K/T8"`},
	{"should count utf-8 bytes", "日本語", `"9-wSFAoP+05WSBtP4KeiUEDC6vqco"`},
	{"should hash a 10 KB body", strings.Repeat("x", 10240), `"2800-6RzFycN0N7D66ydTNdz/krkt9qk"`},
}

func TestAppend(t *testing.T) {
	t.Parallel()
	for _, tt := range bodyTests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.strong, string(etag.Append(nil, []byte(tt.body), false)))
			assert.Equal(t, "W/"+tt.strong, string(etag.Append(nil, []byte(tt.body), true)))
		})
	}
}

func TestAppendString(t *testing.T) {
	t.Parallel()
	for _, tt := range bodyTests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.strong, string(etag.AppendString(nil, tt.body, false)))
			assert.Equal(t, "W/"+tt.strong, string(etag.AppendString(nil, tt.body, true)))
		})
	}
}

func TestAppendKeepsPrefix(t *testing.T) {
	t.Parallel()
	dst := []byte("ETag: ")
	got := etag.AppendString(dst, "hey", true)
	assert.Equal(t, `ETag: W/"3-f1UKn0xEFzo3Zk2TjxNV8PkqR6c"`, string(got))
}

func TestAppendStat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		size   int64
		mtime  int64
		weak   bool
		expect string
	}{
		{"should write size and mtime in hex", 4, 1700000000123, true, `W/"4-18bcfe5687b"`},
		{"should write zeroes", 0, 0, true, `W/"0-0"`},
		{"should write a negative mtime with a minus sign", 1234567, -1000, true, `W/"12d687--3e8"`},
		{"should leave out W/ when strong", 4, 1700000000123, false, `"4-18bcfe5687b"`},
		{"should fit the largest values in MaxLen", math.MinInt64, math.MinInt64, true, `W/"-8000000000000000--8000000000000000"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := etag.AppendStat(nil, tt.size, tt.mtime, tt.weak)
			assert.Equal(t, tt.expect, string(got))
			assert.LessOrEqual(t, len(got), etag.MaxLen)
		})
	}
}

func TestMaxLen(t *testing.T) {
	t.Parallel()
	// A body of length 2^60 needs 16 hex digits; build the tag from a fake
	// length by checking the arithmetic against a real 16-digit rendering.
	longest := `W/"` + fmt.Sprintf("%x", uint64(math.MaxUint64)) + "-" + strings.Repeat("A", 27) + `"`
	assert.Equal(t, len(longest), etag.MaxLen)
	got := etag.AppendString(nil, strings.Repeat("z", 1<<12), true)
	assert.Less(t, len(got), etag.MaxLen)
}

func TestAppendDoesNotAllocate(t *testing.T) {
	body := []byte("hello, world!")
	dst := make([]byte, 0, etag.MaxLen)
	allocs := testing.AllocsPerRun(100, func() {
		_ = etag.Append(dst[:0], body, true)
		_ = etag.AppendString(dst[:0], "hello, world!", true)
		_ = etag.AppendStat(dst[:0], 4, 1700000000123, true)
	})
	assert.Zero(t, allocs)
}

func benchmarkBody(b *testing.B, body string) {
	dst := make([]byte, 0, etag.MaxLen)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		dst = etag.AppendString(dst[:0], body, true)
	}
}

func BenchmarkAppendString13B(b *testing.B) { benchmarkBody(b, "hello, world!") }

func BenchmarkAppendString10KB(b *testing.B) { benchmarkBody(b, strings.Repeat("x", 10240)) }

func BenchmarkAppend10KB(b *testing.B) {
	body := bytes.Repeat([]byte("x"), 10240)
	dst := make([]byte, 0, etag.MaxLen)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		dst = etag.Append(dst[:0], body, true)
	}
}

func BenchmarkAppendStat(b *testing.B) {
	dst := make([]byte, 0, etag.MaxLen)
	b.ReportAllocs()
	for b.Loop() {
		dst = etag.AppendStat(dst[:0], 4096, 1700000000123, true)
	}
}

func ExampleAppendString() {
	fmt.Println(string(etag.AppendString(nil, "hello, world!", true)))
	// Output: W/"d-HwnTDHB9U/PRbFMN1z1wps51lqk"
}
