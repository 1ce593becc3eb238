package main

import (
	"fmt"
	"strings"
)

// rootID names one benchmark of the root package: StaticSend/ETagOff has
// benchmark "StaticSend" and config "ETagOff"; a benchmark without
// sub-benchmarks has config "".
type rootID struct {
	Bench, Config string
}

// rootResults holds the benchmarks of the root package (bench_test.go).
type rootResults struct {
	Stats map[rootID]benchStat
	// Order lists the benchmarks in the order they first appear.
	Order []rootID
}

// readRoot reads the go test -bench -benchmem output of the root package
// and summarizes each benchmark as readBench does.
func readRoot(data []byte) (*rootResults, error) {
	samples, err := readSamples(data)
	if err != nil {
		return nil, err
	}
	res := &rootResults{Stats: map[rootID]benchStat{}}
	for _, name := range samples.Names {
		bench, config, _ := strings.Cut(name, "/")
		id := rootID{Bench: bench, Config: config}
		res.Stats[id] = samples.stat(name)
		res.Order = append(res.Order, id)
	}
	return res, nil
}

// zeroAllocs reports whether every one of ids has results and a median of
// 0 allocs/op.
func (res *rootResults) zeroAllocs(ids ...rootID) bool {
	for _, id := range ids {
		s, ok := res.Stats[id]
		if !ok || s.AllocsOp.Center != 0 {
			return false
		}
	}
	return true
}

// writeRoot writes the table of the root package's hot-path benchmarks and
// what they show.
func writeRoot(b *strings.Builder, res *rootResults) {
	if res == nil || len(res.Order) == 0 {
		return
	}
	runs := 0
	for _, s := range res.Stats {
		runs = max(runs, s.Runs)
	}
	fmt.Fprintf(b, "## expresso's hot path (root package)\n\n"+
		"The root package's own benchmarks (`bench_test.go`): a full request through `App.ServeHTTP` with a writer "+
		"that reuses its header map, in three configurations: `ETagOff` (production, no ETag), `Defaults` (production, "+
		"Express's default weak ETag) and `Development`. Medians of %d runs.\n\n", runs)
	b.WriteString("| Benchmark | Config | ns/op | B/op | allocs/op |\n|---|---|---|---|---|\n")
	for _, id := range res.Order {
		s := res.Stats[id]
		config := id.Config
		if config == "" {
			config = "—"
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", id.Bench, config, withCI(s.NsOp), count(s.BOp.Center), count(s.AllocsOp.Center))
	}
	b.WriteString("\n")
	if res.zeroAllocs(rootID{"StaticSend", "ETagOff"}, rootID{"JSONSmallStruct", "ETagOff"}) {
		b.WriteString("The `ETagOff` rows of `StaticSend` and `JSONSmallStruct` prove the zero-allocation claim for a " +
			"static route and for JSON of a small struct. ")
	} else {
		b.WriteString("The `ETagOff` rows of `StaticSend` and `JSONSmallStruct` do not both show 0 allocs/op: this run " +
			"does not bear out the zero-allocation claim. ")
	}
	b.WriteString("`Defaults` adds the one allocation that holds the weak ETag string; `Development` adds stack capture " +
		"for refusal messages. `ParamSend` (ETag off) allocates 16 B because `c.Send(c.Param(\"name\"))` boxes a non-constant " +
		"string into Send's `any` (Send may hand it to encoding/json, so Go moves the string header to the heap); " +
		"`c.SendString` avoids it (`ParamSendString`, production with ETag off).\n\n")
}
