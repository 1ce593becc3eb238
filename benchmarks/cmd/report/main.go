// Command report turns benchmark results into BENCHMARKS.md and an SVG bar
// chart.
//
// It reads the output of go test -bench (several runs of each benchmark,
// e.g. -count 6) in the benchmarks module and in the root package, and the
// TSV written by e2e/run.sh; takes the median of each benchmark as
// benchstat does; and writes the tables, a scorecard of the targets, the
// machine's description and each framework's version.
//
// Usage, from the benchmarks directory:
//
//	go run ./cmd/report -bench results/bench.txt -root results/root-bench.txt -e2e results/e2e.tsv -out ../BENCHMARKS.md -svg chart.svg
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

func main() {
	benchPath := flag.String("bench", "results/bench.txt", "output of go test -bench -benchmem")
	e2ePath := flag.String("e2e", "results/e2e.tsv", "end-to-end results written by e2e/run.sh (optional)")
	rootPath := flag.String("root", "results/root-bench.txt", "output of go test -bench -benchmem in the root package (optional)")
	commandsPath := flag.String("commands", "results/commands.txt", "the commands the run used (optional)")
	notesPath := flag.String("notes", "notes.md", "hand-written notes appended to the report (optional)")
	out := flag.String("out", "../BENCHMARKS.md", "Markdown file to write")
	svg := flag.String("svg", "chart.svg", "SVG chart to write")
	flag.Parse()
	if err := generate(*benchPath, *e2ePath, *rootPath, *commandsPath, *notesPath, *out, *svg); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

// generate reads the results and writes the Markdown report and the chart.
func generate(benchPath, e2ePath, rootPath, commandsPath, notesPath, out, svg string) error {
	data, err := os.ReadFile(benchPath)
	if err != nil {
		return err
	}
	bench, err := readBench(data)
	if err != nil {
		return fmt.Errorf("%s: %w", benchPath, err)
	}
	r := report{Bench: bench, Machine: readMachine()}
	if data, err := readOptional(e2ePath); err != nil {
		return err
	} else if data != nil {
		if r.E2E, err = readE2E(data); err != nil {
			return fmt.Errorf("%s: %w", e2ePath, err)
		}
	}
	if data, err := readOptional(rootPath); err != nil {
		return err
	} else if data != nil {
		if r.Root, err = readRoot(data); err != nil {
			return fmt.Errorf("%s: %w", rootPath, err)
		}
	}
	commands, err := readOptional(commandsPath)
	if err != nil {
		return err
	}
	r.Commands = string(commands)
	notes, err := readOptional(notesPath)
	if err != nil {
		return err
	}
	r.Notes = string(notes)
	if rel, err := filepath.Rel(filepath.Dir(out), svg); err == nil {
		r.Chart = filepath.ToSlash(rel)
	}
	var md, chart bytes.Buffer
	writeMarkdown(&md, r)
	writeSVG(&chart, chartPanels(r))
	if err := os.WriteFile(out, md.Bytes(), 0o644); err != nil {
		return err
	}
	return os.WriteFile(svg, chart.Bytes(), 0o644)
}

// readOptional reads a file that may be missing, returning nil then.
func readOptional(path string) ([]byte, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return data, err
}
