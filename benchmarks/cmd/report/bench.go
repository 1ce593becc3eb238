package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

// benchID names one benchmark: BenchmarkHandler/PlainText/Gin has group
// "Handler", case "PlainText" and framework "Gin".
type benchID struct {
	Group, Case, Framework string
}

// benchStat is the benchstat-style summary of one benchmark over its runs:
// the median and its 95% confidence interval for each unit.
type benchStat struct {
	NsOp, BOp, AllocsOp benchmath.Summary
	Runs                int
}

// benchResults holds every benchmark of a go test -bench output.
type benchResults struct {
	Stats map[benchID]benchStat
	// Cases lists each group's cases in the order they first appear.
	Cases map[string][]string
	// Skips maps a skipped benchmark's name to its reason.
	Skips map[string]string
	// CPU is the "cpu:" line of the output.
	CPU string
}

// procsSuffix is the "-N" GOMAXPROCS suffix of a benchmark name.
var procsSuffix = regexp.MustCompile(`-\d+$`)

// parseBenchName splits "Handler/PlainText/Gin-2" into its parts.
func parseBenchName(name string) (benchID, bool) {
	name = procsSuffix.ReplaceAllString(strings.TrimPrefix(name, "Benchmark"), "")
	parts := strings.Split(name, "/")
	if len(parts) != 3 {
		return benchID{}, false
	}
	return benchID{Group: parts[0], Case: parts[1], Framework: parts[2]}, true
}

// readBench reads go test -bench -benchmem output, with any number of runs
// of each benchmark, and summarizes each benchmark as benchstat does: the
// median, with a distribution-free 95% confidence interval.
func readBench(data []byte) (*benchResults, error) {
	res := &benchResults{Stats: map[benchID]benchStat{}, Cases: map[string][]string{}, Skips: map[string]string{}}
	samples := map[benchID]map[string][]float64{}
	var order []benchID
	r := benchfmt.NewReader(bytes.NewReader(data), "bench")
	for r.Scan() {
		rec, ok := r.Result().(*benchfmt.Result)
		if !ok {
			continue // syntax errors are lines that are not results
		}
		id, ok := parseBenchName(rec.Name.String())
		if !ok {
			continue
		}
		if res.CPU == "" {
			res.CPU = rec.GetConfig("cpu")
		}
		if samples[id] == nil {
			samples[id] = map[string][]float64{}
			order = append(order, id)
		}
		for _, v := range rec.Values {
			unit, value := v.Unit, v.Value
			if v.OrigUnit != "" {
				unit, value = v.OrigUnit, v.OrigValue
			}
			samples[id][unit] = append(samples[id][unit], value)
		}
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	if len(order) == 0 {
		return nil, fmt.Errorf("no benchmark results found")
	}
	for _, id := range order {
		s := samples[id]
		res.Stats[id] = benchStat{
			NsOp:     summarize(s["ns/op"]),
			BOp:      summarize(s["B/op"]),
			AllocsOp: summarize(s["allocs/op"]),
			Runs:     len(s["ns/op"]),
		}
		if !contains(res.Cases[id.Group], id.Case) {
			res.Cases[id.Group] = append(res.Cases[id.Group], id.Case)
		}
	}
	res.Skips = readSkips(bytes.NewReader(data))
	return res, nil
}

// summarize returns the median of values and its 95% confidence interval.
func summarize(values []float64) benchmath.Summary {
	if len(values) == 0 {
		return benchmath.Summary{}
	}
	sample := benchmath.NewSample(values, &benchmath.DefaultThresholds)
	return benchmath.AssumeNothing.Summary(sample, 0.95)
}

// readSkips collects "--- SKIP: BenchmarkX" lines and the reason logged on
// the line after each.
func readSkips(r io.Reader) map[string]string {
	skips := map[string]string{}
	sc := bufio.NewScanner(r)
	pending := ""
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if pending != "" {
			if _, reason, ok := strings.Cut(line, ": "); ok {
				skips[pending] = reason
			} else {
				skips[pending] = line
			}
			pending = ""
		}
		if name, ok := strings.CutPrefix(line, "--- SKIP: "); ok {
			name, _, _ = strings.Cut(name, " ")
			pending = strings.TrimPrefix(name, "Benchmark")
		}
	}
	return skips
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
