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
	samples, err := readSamples(data)
	if err != nil {
		return nil, err
	}
	res := &benchResults{Stats: map[benchID]benchStat{}, Cases: map[string][]string{}, CPU: samples.CPU}
	for _, name := range samples.Names {
		id, ok := parseBenchName(name)
		if !ok {
			continue
		}
		res.Stats[id] = samples.stat(name)
		if !contains(res.Cases[id.Group], id.Case) {
			res.Cases[id.Group] = append(res.Cases[id.Group], id.Case)
		}
	}
	if len(res.Stats) == 0 {
		return nil, fmt.Errorf("no benchmark results found")
	}
	res.Skips = readSkips(bytes.NewReader(data))
	return res, nil
}

// benchSamples holds every run of every benchmark of a go test -bench
// output.
type benchSamples struct {
	// Names lists the benchmarks, without "Benchmark" and the GOMAXPROCS
	// suffix, in the order they first appear.
	Names []string
	// Values maps a name to its values by unit ("ns/op", "B/op", …).
	Values map[string]map[string][]float64
	// CPU is the "cpu:" line of the output.
	CPU string
}

// readSamples collects the values of every benchmark result in data.
func readSamples(data []byte) (benchSamples, error) {
	s := benchSamples{Values: map[string]map[string][]float64{}}
	r := benchfmt.NewReader(bytes.NewReader(data), "bench")
	for r.Scan() {
		rec, ok := r.Result().(*benchfmt.Result)
		if !ok {
			continue // syntax errors are lines that are not results
		}
		name := procsSuffix.ReplaceAllString(strings.TrimPrefix(rec.Name.String(), "Benchmark"), "")
		if s.CPU == "" {
			s.CPU = rec.GetConfig("cpu")
		}
		if s.Values[name] == nil {
			s.Values[name] = map[string][]float64{}
			s.Names = append(s.Names, name)
		}
		for _, v := range rec.Values {
			unit, value := v.Unit, v.Value
			if v.OrigUnit != "" {
				unit, value = v.OrigUnit, v.OrigValue
			}
			s.Values[name][unit] = append(s.Values[name][unit], value)
		}
	}
	if err := r.Err(); err != nil {
		return benchSamples{}, err
	}
	if len(s.Names) == 0 {
		return benchSamples{}, fmt.Errorf("no benchmark results found")
	}
	return s, nil
}

// stat summarizes the runs of one benchmark.
func (s benchSamples) stat(name string) benchStat {
	v := s.Values[name]
	return benchStat{
		NsOp:     summarize(v["ns/op"]),
		BOp:      summarize(v["B/op"]),
		AllocsOp: summarize(v["allocs/op"]),
		Runs:     len(v["ns/op"]),
	}
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
