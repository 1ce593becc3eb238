#!/usr/bin/env bash
# Reproduces BENCHMARKS.md and benchmarks/chart.svg from scratch:
#   1. the correctness tests (a benchmark of a broken handler is worthless);
#   2. every go test benchmark, COUNT runs each;
#   3. the root package's hot-path benchmarks (bench_test.go), COUNT runs each;
#   4. the end-to-end runs with wrk (e2e/run.sh; E2E=0 skips them);
#   5. the report (cmd/report).
# Budget on 2 cores: about 3.5 min of benchmarks, 4 min end to end.
#
# COUNT is 6 because benchstat's distribution-free 95% interval of a median
# is infinite below 6 runs.
#
# Knobs (environment): COUNT (6), BENCHTIME (200ms), E2E (1), RESULTS
# (results), OUT (../BENCHMARKS.md), SVG (chart.svg), and those of e2e/run.sh (ROUNDS,
# DURATION, WARMUP, CONNS, ENDPOINTS, SERVERS).
set -euo pipefail

cd "$(dirname "$0")" # the benchmarks module

COUNT=${COUNT:-6}
BENCHTIME=${BENCHTIME:-200ms}
E2E=${E2E:-1}
RESULTS=${RESULTS:-results}
OUT=${OUT:-../BENCHMARKS.md}
SVG=${SVG:-chart.svg}
export RESULTS COMMANDS=$RESULTS/commands.txt

mkdir -p "$RESULTS/raw"
TESTS='TestAllFrameworksAgree|TestRoutersServeEveryRoute|TestRouteSets'
BENCH="go test -run '^\$' -bench . -benchmem -count $COUNT -benchtime $BENCHTIME -timeout 30m ."
ROOTBENCH="go test -run '^\$' -bench . -benchmem -count $COUNT -benchtime $BENCHTIME ."
{
	echo "# in benchmarks/"
	echo "go test -count 1 -run '$TESTS' ."
	echo "$BENCH | tee $RESULTS/bench.txt"
	echo "(cd .. && $ROOTBENCH) | tee $RESULTS/root-bench.txt    # the root package"
} >"$COMMANDS"

echo "bench: checking every framework's answers" >&2
go test -count 1 -run "$TESTS" .

echo "bench: go test benchmarks, $COUNT runs of $BENCHTIME each" >&2
eval "$BENCH" | tee "$RESULTS/bench.txt"

echo "bench: root package hot path, $COUNT runs of $BENCHTIME each" >&2
(cd .. && eval "$ROOTBENCH") | tee "$RESULTS/root-bench.txt"

if [[ "$E2E" != 0 ]]; then
	./e2e/run.sh
else
	rm -f "$RESULTS/e2e.tsv"
fi

REPORT="go run ./cmd/report -bench $RESULTS/bench.txt -root $RESULTS/root-bench.txt -e2e $RESULTS/e2e.tsv -commands $COMMANDS -notes notes.md -out $OUT -svg $SVG"
echo "$REPORT" >>"$COMMANDS"
mkdir -p "$(dirname "$OUT")" "$(dirname "$SVG")"
$REPORT
echo "bench: wrote $OUT and $SVG (paths relative to benchmarks/)" >&2
