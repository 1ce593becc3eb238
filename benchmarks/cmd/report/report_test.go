package main

import (
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/perf/benchmath"
)

const benchOutput = `goos: linux
goarch: amd64
pkg: github.com/expresso-go/expresso/benchmarks
cpu: Test CPU
BenchmarkHandler/PlainText/Expresso-2   	 100	 100.0 ns/op	 16 B/op	 1 allocs/op
BenchmarkHandler/PlainText/Gin-2        	 100	 200.0 ns/op	 48 B/op	 1 allocs/op
BenchmarkHandler/PlainText/Expresso-2   	 100	 300.0 ns/op	 16 B/op	 1 allocs/op
BenchmarkHandler/PlainText/Gin-2        	 100	 210.0 ns/op	 48 B/op	 1 allocs/op
BenchmarkHandler/PlainText/Expresso-2   	 100	 110.0 ns/op	 16 B/op	 1 allocs/op
BenchmarkHandler/PlainText/Gin-2        	 100	 190.0 ns/op	 48 B/op	 1 allocs/op
BenchmarkHandler/PlainText/Echo-2       	 100	 150.0 ns/op	 32 B/op	 2 allocs/op
BenchmarkHandler/PlainText/HttpRouter-2 	 100	 90.0 ns/op	 16 B/op	 1 allocs/op
BenchmarkHandler/JSON/Gin-2             	 100	 500.0 ns/op	 64 B/op	 2 allocs/op
BenchmarkRouting/GitHubAll/HttpRouter-2 	 100	 12000 ns/op	 0 B/op	 0 allocs/op
--- SKIP: BenchmarkRouting/StaticAll/ServeMux
    routing_test.go:70: ServeMux cannot register this route set: conflict
PASS
`

func TestReadBench(t *testing.T) {
	res, err := readBench([]byte(benchOutput))
	require.NoError(t, err)

	tests := []struct {
		name       string
		id         benchID
		wantNs     float64
		wantAllocs float64
		wantRuns   int
	}{
		{name: "should take the median of three runs", id: benchID{"Handler", "PlainText", "Expresso"}, wantNs: 110, wantAllocs: 1, wantRuns: 3},
		{name: "should keep each framework apart", id: benchID{"Handler", "PlainText", "Gin"}, wantNs: 200, wantAllocs: 1, wantRuns: 3},
		{name: "should read a single run", id: benchID{"Routing", "GitHubAll", "HttpRouter"}, wantNs: 12000, wantAllocs: 0, wantRuns: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := res.Stats[tt.id]
			require.True(t, ok)
			assert.Equal(t, tt.wantNs, s.NsOp.Center)
			assert.Equal(t, tt.wantAllocs, s.AllocsOp.Center)
			assert.Equal(t, tt.wantRuns, s.Runs)
		})
	}
	assert.Equal(t, []string{"PlainText", "JSON"}, res.Cases["Handler"])
	assert.Equal(t, "Test CPU", res.CPU)
	assert.Equal(t, map[string]string{"Routing/StaticAll/ServeMux": "ServeMux cannot register this route set: conflict"}, res.Skips)
}

func TestReadBenchRejectsAnOutputWithoutThreePartNames(t *testing.T) {
	_, err := readBench([]byte(rootOutput))
	assert.EqualError(t, err, "no benchmark results found")
}

func TestReadBenchRejectsAnOutputWithoutResults(t *testing.T) {
	_, err := readBench([]byte("PASS\nok  \tx\t0.1s\n"))
	assert.EqualError(t, err, "no benchmark results found")
}

func TestParseBenchName(t *testing.T) {
	tests := []struct {
		name, in string
		want     benchID
		ok       bool
	}{
		{name: "should split group, case and framework", in: "BenchmarkHandler/JSON/Gin-2", want: benchID{"Handler", "JSON", "Gin"}, ok: true},
		{name: "should accept a name without GOMAXPROCS suffix", in: "BenchmarkRouting/Param5/Chi", want: benchID{"Routing", "Param5", "Chi"}, ok: true},
		{name: "should reject a name of another shape", in: "BenchmarkFoo-2", ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseBenchName(tt.in)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

const rootOutput = `goos: linux
goarch: amd64
pkg: github.com/expresso-go/expresso
cpu: Test CPU
BenchmarkStaticSend/ETagOff-2        	 100	 100.0 ns/op	 0 B/op	 0 allocs/op
BenchmarkStaticSend/ETagOff-2        	 100	 95.0 ns/op	 0 B/op	 0 allocs/op
BenchmarkStaticSend/ETagOff-2        	 100	 105.0 ns/op	 0 B/op	 0 allocs/op
BenchmarkStaticSend/ETagOff-2        	 100	 98.0 ns/op	 0 B/op	 0 allocs/op
BenchmarkStaticSend/ETagOff-2        	 100	 102.0 ns/op	 0 B/op	 0 allocs/op
BenchmarkStaticSend/ETagOff-2        	 100	 100.0 ns/op	 0 B/op	 0 allocs/op
BenchmarkStaticSend/Defaults-2       	 100	 300.0 ns/op	 128 B/op	 1 allocs/op
BenchmarkParamSend/ETagOff-2         	 100	 150.0 ns/op	 16 B/op	 1 allocs/op
BenchmarkJSONSmallStruct/ETagOff-2   	 100	 400.0 ns/op	 0 B/op	 0 allocs/op
BenchmarkParamSendString-2           	 100	 140.0 ns/op	 0 B/op	 0 allocs/op
PASS
`

func TestReadRoot(t *testing.T) {
	res, err := readRoot([]byte(rootOutput))
	require.NoError(t, err)

	assert.Equal(t, []rootID{
		{"StaticSend", "ETagOff"}, {"StaticSend", "Defaults"}, {"ParamSend", "ETagOff"},
		{"JSONSmallStruct", "ETagOff"}, {"ParamSendString", ""},
	}, res.Order)
	tests := []struct {
		name       string
		id         rootID
		wantNs     float64
		wantB      float64
		wantAllocs float64
		wantRuns   int
	}{
		{name: "should take the median of six runs", id: rootID{"StaticSend", "ETagOff"}, wantNs: 100, wantB: 0, wantAllocs: 0, wantRuns: 6},
		{name: "should keep each config apart", id: rootID{"StaticSend", "Defaults"}, wantNs: 300, wantB: 128, wantAllocs: 1, wantRuns: 1},
		{name: "should read a benchmark without sub-benchmarks", id: rootID{"ParamSendString", ""}, wantNs: 140, wantB: 0, wantAllocs: 0, wantRuns: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := res.Stats[tt.id]
			require.True(t, ok)
			assert.Equal(t, tt.wantNs, s.NsOp.Center)
			assert.Equal(t, tt.wantB, s.BOp.Center)
			assert.Equal(t, tt.wantAllocs, s.AllocsOp.Center)
			assert.Equal(t, tt.wantRuns, s.Runs)
		})
	}
}

func TestReadRootRejectsAnOutputWithoutResults(t *testing.T) {
	_, err := readRoot([]byte("PASS\nok  \tx\t0.1s\n"))
	assert.EqualError(t, err, "no benchmark results found")
}

func TestWriteRoot(t *testing.T) {
	const table = "| Benchmark | Config | ns/op | B/op | allocs/op |\n|---|---|---|---|---|\n" +
		"| StaticSend | ETagOff | 100 ±5% | 0 | 0 |\n" +
		"| StaticSend | Defaults | 300 | 128 | 1 |\n" +
		"| ParamSend | ETagOff | 150 | 16 | 1 |\n" +
		"| JSONSmallStruct | ETagOff | 400 | 0 | 0 |\n" +
		"| ParamSendString | — | 140 | 0 | 0 |\n"
	allocating := strings.Replace(rootOutput, "400.0 ns/op\t 0 B/op\t 0 allocs/op", "400.0 ns/op\t 64 B/op\t 1 allocs/op", 1)
	require.NotEqual(t, rootOutput, allocating)
	tests := []struct {
		name   string
		output string
		want   []string
		reject []string
	}{
		{
			name:   "should list every benchmark and claim zero allocations when the ETagOff rows show none",
			output: rootOutput,
			want: []string{
				"## expresso's hot path (root package)\n\n", "Medians of 6 runs.\n\n" + table + "\n",
				"The `ETagOff` rows of `StaticSend` and `JSONSmallStruct` prove the zero-allocation claim",
				"`ParamSend` (ETag off) allocates 16 B because `c.Send(c.Param(\"name\"))` boxes a non-constant string into Send's `any`",
				"`c.SendString` avoids it",
			},
			reject: []string{"do not both show"},
		},
		{
			name:   "should not claim zero allocations when an ETagOff row allocates",
			output: allocating,
			want:   []string{"| JSONSmallStruct | ETagOff | 400 | 64 | 1 |", "do not both show 0 allocs/op"},
			reject: []string{"prove the zero-allocation claim"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := readRoot([]byte(tt.output))
			require.NoError(t, err)
			var b strings.Builder
			writeRoot(&b, res)
			for _, want := range tt.want {
				assert.Contains(t, b.String(), want)
			}
			for _, reject := range tt.reject {
				assert.NotContains(t, b.String(), reject)
			}
		})
	}
}

func TestWriteRootWritesNothingWithoutResults(t *testing.T) {
	var b strings.Builder
	writeRoot(&b, nil)
	assert.Equal(t, "", b.String())
}

func TestWithCI(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name string
		in   benchmath.Summary
		want string
	}{
		{name: "should give the median and its interval as a percentage", in: benchmath.Summary{Center: 100, Lo: 95, Hi: 103}, want: "100 ±5%"},
		{name: "should give the median alone for an infinite interval", in: benchmath.Summary{Center: 100, Lo: -inf, Hi: inf}, want: "100"},
		{name: "should give the median alone for a half-infinite interval", in: benchmath.Summary{Center: 100, Lo: 98, Hi: inf}, want: "100"},
		{name: "should give the median alone when the interval crosses zero", in: benchmath.Summary{Center: 1, Lo: -1, Hi: 2}, want: "1.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, withCI(tt.in))
		})
	}
}

const e2eOutput = "round\tserver\tendpoint\trequests_per_sec\tp50_us\tp99_us\terrors\n" +
	"1\texpresso\tplaintext\t100\t10\t50\t0\n" +
	"1\thttprouter\tplaintext\t120\t9\t40\t0\n" +
	"2\texpresso\tplaintext\t300\t30\t90\t2\n" +
	"3\texpresso\tplaintext\t200\t20\t70\t1\n"

func TestReadE2E(t *testing.T) {
	res, err := readE2E([]byte(e2eOutput))
	require.NoError(t, err)
	assert.Equal(t, e2eStat{RPS: 200, P50: 20, P99: 70, Rounds: 3, Errors: 3}, res.Stats[e2eID{"expresso", "plaintext"}])
	assert.Equal(t, e2eStat{RPS: 120, P50: 9, P99: 40, Rounds: 1}, res.Stats[e2eID{"httprouter", "plaintext"}])
	assert.Equal(t, []string{"expresso", "httprouter"}, res.Servers)
	assert.Equal(t, []string{"plaintext"}, res.Endpoints)
}

func TestReadE2ERejectsAShortLine(t *testing.T) {
	_, err := readE2E([]byte("1\texpresso\tplaintext\t100\n"))
	assert.EqualError(t, err, "e2e line 1: want 7 tab-separated fields, got 4")
}

func TestMedian(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		want   float64
	}{
		{name: "should take the middle of an odd count", values: []float64{3, 1, 2}, want: 2},
		{name: "should average the two middles of an even count", values: []float64{4, 1, 3, 2}, want: 2.5},
		{name: "should give 0 for no values", values: nil, want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, median(tt.values))
		})
	}
}

func TestNumberFormats(t *testing.T) {
	tests := []struct {
		name string
		fn   func(float64) string
		in   float64
		want string
	}{
		{name: "should give two decimals below 10", fn: number, in: 8.766, want: "8.77"},
		{name: "should give one decimal below 100", fn: number, in: 87.66, want: "87.7"},
		{name: "should group thousands", fn: number, in: 1234567.4, want: "1,234,567"},
		{name: "should print whole counts without decimals", fn: count, in: 12, want: "12"},
		{name: "should print a half count with one decimal", fn: count, in: 1.5, want: "1.5"},
		{name: "should print microseconds", fn: micros, in: 393, want: "393 µs"},
		{name: "should print milliseconds from 1000 µs", fn: micros, in: 6100, want: "6.10 ms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.fn(tt.in))
		})
	}
}

func testReport(t *testing.T) report {
	t.Helper()
	bench, err := readBench([]byte(benchOutput))
	require.NoError(t, err)
	e2e, err := readE2E([]byte(e2eOutput))
	require.NoError(t, err)
	root, err := readRoot([]byte(rootOutput))
	require.NoError(t, err)
	return report{Bench: bench, E2E: e2e, Root: root, Commands: "make bench", Notes: "A note.", Chart: "benchmarks/chart.svg"}
}

func TestTargets(t *testing.T) {
	want := []target{
		{
			Goal:     "Handler/PlainText: Expresso ≤ Gin and Echo",
			Measured: "110 ns vs Gin 200, Echo 150 (0.73× of the faster)",
			Status:   "✅",
		},
		{
			Goal:     "Handler/PlainText allocs/op, Expresso vs raw HttpRouter",
			Measured: "Expresso 1 (16 B), HttpRouter 1 (16 B)",
			Status:   "ℹ️",
		},
		{
			Goal:     "End to end /plaintext: Expresso ≥ 95% of HttpRouter's req/s",
			Measured: "200 vs 120 req/s (166.7%)",
			Status:   "✅",
		},
	}
	assert.Equal(t, want, targets(testReport(t)))
}

func TestWriteMarkdownHasEverySection(t *testing.T) {
	var b strings.Builder
	writeMarkdown(&b, testReport(t))
	md := b.String()
	for _, want := range []string{
		"## Machine", "## Commands", "```sh\nmake bench\n```", "## Targets", "![", "(benchmarks/chart.svg)",
		"## Handler benchmarks", "| PlainText | 110 | 90.0 | 200 | 150 |", "| 16 B · 1 |", "## Routing benchmarks",
		"## expresso's hot path (root package)", "| StaticSend | ETagOff | 100 ±5% | 0 | 0 |",
		"## End to end", "| Expresso | 200 | 1.67× |", "## Not measured",
		"- `Routing/StaticAll/ServeMux`: ServeMux cannot register this route set: conflict", "## Notes\n\nA note.",
	} {
		assert.Contains(t, md, want)
	}
}

func TestWriteSVGIsWellFormed(t *testing.T) {
	var b strings.Builder
	writeSVG(&b, chartPanels(testReport(t)))
	svg := b.String()
	dec := xml.NewDecoder(strings.NewReader(svg))
	rects, texts := 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "rect":
				rects++
			case "text":
				texts++
			}
		}
	}
	// One background, then one bar per framework and case: Handler has 4
	// PlainText bars and 1 JSON bar; end to end has 2.
	assert.Equal(t, 1+5+2, rects)
	assert.Contains(t, svg, ">110 ns</text>")
	assert.Contains(t, svg, ">GET /plaintext</text>")
	assert.True(t, strings.HasPrefix(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\""))
	assert.Positive(t, texts)
}
