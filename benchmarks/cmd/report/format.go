package main

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/perf/benchmath"
)

// frameworkOrder is the column order of every table and of the chart.
var frameworkOrder = []string{"Expresso", "ExpressoDefaults", "HttpRouter", "Gin", "Echo", "Chi", "ServeMux", "Fiber"}

// serverNames maps e2e/run.sh's server names to the frameworks' names.
var serverNames = map[string]string{
	"expresso": "Expresso", "expresso-defaults": "ExpressoDefaults", "httprouter": "HttpRouter",
	"gin": "Gin", "echo": "Echo", "chi": "Chi", "nethttp": "ServeMux", "fiber": "Fiber",
}

// serverName returns the framework name of an e2e server.
func serverName(server string) string {
	if n, ok := serverNames[server]; ok {
		return n
	}
	return server
}

// columns returns the frameworks of frameworkOrder that have is true,
// followed by any others in the order given.
func columns(present []string) []string {
	var cols []string
	for _, f := range frameworkOrder {
		if contains(present, f) {
			cols = append(cols, f)
		}
	}
	for _, f := range present {
		if !contains(cols, f) {
			cols = append(cols, f)
		}
	}
	return cols
}

// number formats v with a precision that suits its size: 8.77, 87.7,
// 1,234.
func number(v float64) string {
	switch a := math.Abs(v); {
	case a < 10:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case a < 100:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return grouped(int64(math.Round(v)))
}

// grouped formats n with commas between groups of three digits.
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// count formats a median of counts (B/op, allocs/op): whole numbers
// without decimals.
func count(v float64) string {
	if v == math.Trunc(v) {
		return grouped(int64(v))
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// withCI formats a median with its confidence interval as benchstat does:
// "123 ±2%". Where the interval is infinite (fewer than 6 runs) or cannot be
// put as a percentage, it gives the median alone: "123".
func withCI(s benchmath.Summary) string {
	pct := s.PctRangeString()
	if !strings.HasSuffix(pct, "%") {
		return number(s.Center)
	}
	return number(s.Center) + " ±" + pct
}

// ratio formats a/b as "0.93×".
func ratio(a, b float64) string {
	if b == 0 {
		return "—"
	}
	return strconv.FormatFloat(a/b, 'f', 2, 64) + "×"
}

// micros formats a latency given in microseconds.
func micros(us float64) string {
	if us >= 1000 {
		return strconv.FormatFloat(us/1000, 'f', 2, 64) + " ms"
	}
	return strconv.FormatFloat(us, 'f', 0, 64) + " µs"
}

// mark returns the status mark of a check.
func mark(ok bool) string {
	if ok {
		return "✅"
	}
	return "❌"
}
