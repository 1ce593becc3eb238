package main

import (
	"fmt"
	"slices"
	"strings"
)

// target is one line of the scorecard.
type target struct {
	Goal, Measured, Status string
}

// targets checks the measured numbers against the goals of the issue:
// expresso no slower than Gin and Echo on every handler benchmark, within
// 1.15× of raw httprouter on routing, and at least 95% of httprouter's req/s
// end to end on plain text and JSON. Allocation counts are shown for the
// reader to judge, as the writer's header map allocates one []string per
// header set in every framework.
func targets(r report) []target {
	var ts []target
	stat := func(group, c, f string) (benchStat, bool) {
		s, ok := r.Bench.Stats[benchID{group, c, f}]
		return s, ok
	}
	for _, c := range r.Bench.Cases["Handler"] {
		e, ok := stat("Handler", c, "Expresso")
		g, okG := stat("Handler", c, "Gin")
		ec, okE := stat("Handler", c, "Echo")
		if !ok || !okG || !okE {
			continue
		}
		best := min(g.NsOp.Center, ec.NsOp.Center)
		ts = append(ts, target{
			Goal:     fmt.Sprintf("Handler/%s: Expresso ≤ Gin and Echo", c),
			Measured: fmt.Sprintf("%s ns vs Gin %s, Echo %s (%s of the faster)", number(e.NsOp.Center), number(g.NsOp.Center), number(ec.NsOp.Center), ratio(e.NsOp.Center, best)),
			Status:   mark(e.NsOp.Center <= g.NsOp.Center && e.NsOp.Center <= ec.NsOp.Center),
		})
	}
	for _, c := range r.Bench.Cases["Routing"] {
		e, ok := stat("Routing", c, "Expresso")
		h, okH := stat("Routing", c, "HttpRouter")
		if !ok || !okH {
			continue
		}
		ts = append(ts, target{
			Goal:     fmt.Sprintf("Routing/%s: Expresso ≤ 1.15× HttpRouter", c),
			Measured: fmt.Sprintf("%s ns vs %s ns (%s), %s allocs/op", number(e.NsOp.Center), number(h.NsOp.Center), ratio(e.NsOp.Center, h.NsOp.Center), count(e.AllocsOp.Center)),
			Status:   mark(e.NsOp.Center <= 1.15*h.NsOp.Center),
		})
	}
	for _, c := range []string{"PlainText", "Param", "JSON"} {
		e, ok := stat("Handler", c, "Expresso")
		h, okH := stat("Handler", c, "HttpRouter")
		if !ok || !okH {
			continue
		}
		ts = append(ts, target{
			Goal:     fmt.Sprintf("Handler/%s allocs/op, Expresso vs raw HttpRouter", c),
			Measured: fmt.Sprintf("Expresso %s (%s B), HttpRouter %s (%s B)", count(e.AllocsOp.Center), count(e.BOp.Center), count(h.AllocsOp.Center), count(h.BOp.Center)),
			Status:   "ℹ️",
		})
	}
	if r.E2E != nil {
		for _, ep := range []string{"plaintext", "json"} {
			e, ok := r.E2E.Stats[e2eID{serverOf("Expresso", r.E2E), ep}]
			h, okH := r.E2E.Stats[e2eID{serverOf("HttpRouter", r.E2E), ep}]
			if !ok || !okH || h.RPS == 0 {
				continue
			}
			ts = append(ts, target{
				Goal:     fmt.Sprintf("End to end /%s: Expresso ≥ 95%% of HttpRouter's req/s", ep),
				Measured: fmt.Sprintf("%s vs %s req/s (%.1f%%)", grouped(int64(e.RPS)), grouped(int64(h.RPS)), 100*e.RPS/h.RPS),
				Status:   mark(e.RPS >= 0.95*h.RPS),
			})
		}
	}
	return ts
}

func writeTargets(b *strings.Builder, r report) {
	ts := targets(r)
	if len(ts) == 0 {
		return
	}
	met := 0
	for _, t := range ts {
		if t.Status == "✅" {
			met++
		}
	}
	fmt.Fprintf(b, "## Targets\n\n%d of %d checked targets met.\n\n| Target | Measured (medians) | |\n|---|---|---|\n", met, countChecked(ts))
	for _, t := range ts {
		fmt.Fprintf(b, "| %s | %s | %s |\n", t.Goal, t.Measured, t.Status)
	}
	b.WriteString("\n")
}

func countChecked(ts []target) int {
	n := 0
	for _, t := range ts {
		if t.Status == "✅" || t.Status == "❌" {
			n++
		}
	}
	return n
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
