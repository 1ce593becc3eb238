package main

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
	return report{Bench: bench, E2E: e2e, Commands: "make bench", Notes: "A note.", Chart: "benchmarks/chart.svg"}
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
		"## Handler benchmarks", "| PlainText | 110 ±", "| 16 B · 1 |", "## Routing benchmarks",
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
