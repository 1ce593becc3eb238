package httprange_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso/internal/httprange"
)

type rg = httprange.Range

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		size   int64
		header string
		expect []rg
		result httprange.Result
	}{
		// jshttp/range-parser 1.2.1 test/range-parser.js, with combine.
		{"should return malformed for a header without =", 200, "malformed", nil, httprange.Malformed},
		{"should return unsatisfiable when start exceeds the size", 200, "bytes=500-20", nil, httprange.Unsatisfiable},
		{"should return unsatisfiable when start is the size", 200, "bytes=200-", nil, httprange.Unsatisfiable},
		{"should return unsatisfiable for a start after the end", 200, "bytes=20-10", nil, httprange.Unsatisfiable},
		{"should return unsatisfiable for an empty item", 200, "bytes=", nil, httprange.Unsatisfiable},
		{"should return unsatisfiable for a suffix of zero", 200, "bytes=-0", nil, httprange.Unsatisfiable},
		{"should return unsatisfiable for a suffix larger than the size", 9, "bytes=-100", nil, httprange.Unsatisfiable},
		{"should return unsatisfiable for any range of an empty resource", 0, "bytes=0-", nil, httprange.Unsatisfiable},
		{"should parse a single range", 1000, "bytes=0-499", []rg{{0, 499}}, httprange.Satisfiable},
		{"should cap the end at the size", 200, "bytes=0-499", []rg{{0, 199}}, httprange.Satisfiable},
		{"should parse an open-ended range", 1000, "bytes=400-", []rg{{400, 999}}, httprange.Satisfiable},
		{"should parse a suffix range", 1000, "bytes=-400", []rg{{600, 999}}, httprange.Satisfiable},
		{"should parse a suffix of the whole size", 9, "bytes=-9", []rg{{0, 8}}, httprange.Satisfiable},
		{"should parse a start without a dash as open-ended", 1000, "bytes=40", []rg{{40, 999}}, httprange.Satisfiable},
		{"should parse 0-0", 1000, "bytes=0-0", []rg{{0, 0}}, httprange.Satisfiable},
		{"should ignore white space and a plus as parseInt", 1000, "bytes= 1 - +5 ", []rg{{1, 5}}, httprange.Satisfiable},
		{"should stop at the first non-digit as parseInt", 1000, "bytes=1x-5y", []rg{{1, 5}}, httprange.Satisfiable},
		{"should ignore a third part", 1000, "bytes=1-5-9", []rg{{1, 5}}, httprange.Satisfiable},
		{"should skip invalid items among valid ones", 1000, "bytes=x-y, 1-2", []rg{{1, 2}}, httprange.Satisfiable},
		{"should keep disjoint ranges in order", 1000, "bytes=40-80,81-90,-1", []rg{{40, 90}, {999, 999}}, httprange.Satisfiable},
		{"should combine overlapping ranges", 150, "bytes=0-4,90-99,5-75,100-199,101-102", []rg{{0, 75}, {90, 149}}, httprange.Satisfiable},
		{"should combine adjacent ranges", 9, "bytes=0-1,2-3", []rg{{0, 3}}, httprange.Satisfiable},
		{"should combine out-of-order overlapping ranges into one", 9, "bytes=4-6,0-4", []rg{{0, 6}}, httprange.Satisfiable},
		{"should leave gaps apart", 9, "bytes=0-0,2-2", []rg{{0, 0}, {2, 2}}, httprange.Satisfiable},
		{"should clamp huge numbers", 9, "bytes=1-99999999999999999999999", []rg{{1, 8}}, httprange.Satisfiable},
		{"should drop a huge start", 9, "bytes=99999999999999999999999-", nil, httprange.Unsatisfiable},
		{"should drop a huge suffix", 9, "bytes=-99999999999999999999999", nil, httprange.Unsatisfiable},
		{"should parse another unit the same way", 9, "items=0-1", []rg{{0, 1}}, httprange.Satisfiable},
		{"should treat a non-breaking space as white space", 9, "bytes=\u00a02-3", []rg{{2, 3}}, httprange.Satisfiable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, res := httprange.Parse(nil, tt.size, tt.header)
			assert.Equal(t, tt.result, res)
			assert.Equal(t, tt.expect, got)
		})
	}
}

func TestParseAppendsToDst(t *testing.T) {
	t.Parallel()
	dst := []rg{{7, 7}}
	got, res := httprange.Parse(dst, 9, "bytes=0-1,3-4")
	require.Equal(t, httprange.Satisfiable, res)
	assert.Equal(t, []rg{{7, 7}, {0, 1}, {3, 4}}, got)
	got, res = httprange.Parse(dst, 9, "bytes=9-")
	require.Equal(t, httprange.Unsatisfiable, res)
	assert.Equal(t, dst, got)
}

func TestParseManyRanges(t *testing.T) {
	t.Parallel()
	h := "bytes=" + strings.Repeat("0-0,", 100) + "1-1"
	got, res := httprange.Parse(nil, 9, h)
	require.Equal(t, httprange.Satisfiable, res)
	assert.Equal(t, []rg{{0, 1}}, got)
}

func TestParseAllocatesNothing(t *testing.T) {
	var buf [4]rg
	allocs := testing.AllocsPerRun(100, func() {
		httprange.Parse(buf[:0], 1000, "bytes=0-4,90-99,5-75")
	})
	assert.Equal(t, 0.0, allocs)
}

func FuzzParse(f *testing.F) {
	f.Add(int64(9), "bytes=0-4")
	f.Add(int64(150), "bytes=0-4,90-99,5-75,100-199,101-102")
	f.Add(int64(0), "bytes=-1")
	f.Add(int64(1000), "bytes= 1 - +5 ,x-,-,,")
	f.Fuzz(func(t *testing.T, size int64, header string) {
		if size < 0 {
			size = -size
		}
		size &= 1<<53 - 1 // JavaScript's safe integers
		got, res := httprange.Parse(nil, size, header)
		if res != httprange.Satisfiable {
			require.Empty(t, got)
			if res == httprange.Malformed {
				require.NotContains(t, header, "=")
			}
			return
		}
		require.NotEmpty(t, got)
		for i, r := range got {
			require.LessOrEqual(t, int64(0), r.Start, "%v", got)
			require.LessOrEqual(t, r.Start, r.End, "%v", got)
			require.Less(t, r.End, size, "%v", got)
			for _, o := range got[:i] {
				apart := r.Start > o.End+1 || o.Start > r.End+1
				require.True(t, apart, "ranges %v and %v should have been combined", o, r)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	var buf [4]rg
	for b.Loop() {
		httprange.Parse(buf[:0], 1000, "bytes=0-499")
	}
}
