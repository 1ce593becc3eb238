package analyzer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/expresso-go/expresso/cmd/expressovet/analyzer"
)

// ExampleAnalyzer runs the Analyzer from Go code, as a driver such as
// gopls or golangci-lint does, on testdata/src/example.
func ExampleAnalyzer() {
	gopath, _ := filepath.Abs("testdata")
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, "example")
	if err != nil {
		fmt.Println(err)
		return
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for act := range graph.All() {
		if !act.IsRoot || act.Analyzer != analyzer.Analyzer {
			continue
		}
		diags := slices.SortedFunc(slices.Values(act.Diagnostics), func(a, b analysis.Diagnostic) int {
			return int(a.Pos - b.Pos)
		})
		for _, d := range diags {
			pos := act.Package.Fset.Position(d.Pos)
			msg, _, _ := strings.Cut(d.Message, ":")
			fmt.Printf("%s:%d: %s (%d fix)\n", filepath.Base(pos.Filename), pos.Line, msg, len(d.SuggestedFixes))
		}
	}
	// Output:
	// example.go:9: the error of c.SendStatus is dropped and the handler runs on past the send (1 fix)
	// example.go:11: c.JSON after c.SendStatus (line 9) sent the response (0 fix)
}
