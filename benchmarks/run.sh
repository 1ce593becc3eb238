#!/usr/bin/env bash
# Reproduces BENCHMARKS.md and benchmarks/chart.svg from scratch:
#   1. the correctness tests (a benchmark of a broken handler is worthless);
#   2. every go test benchmark, COUNT runs each;
#   3. the end-to-end runs with wrk (e2e/run.sh; E2E=0 skips them);
#   4. the report (cmd/report).
# Budget on 2 cores: about 2.5 min of benchmarks, 4 min end to end.
#
# Knobs (environment): COUNT (5), BENCHTIME (200ms), E2E (1), RESULTS
# (results), OUT (../BENCHMARKS.md), SVG (chart.svg), and those of e2e/run.sh (ROUNDS,
# DURATION, WARMUP, CONNS, ENDPOINTS, SERVERS).
set -euo pipefail

cd "$(dirname "$0")" # the benchmarks module

COUNT=${COUNT:-5}
BENCHTIME=${BENCHTIME:-200ms}
E2E=${E2E:-1}
RESULTS=${RESULTS:-results}
OUT=${OUT:-../BENCHMARKS.md}
SVG=${SVG:-chart.svg}
export RESULTS COMMANDS=$RESULTS/commands.txt

mkdir -p "$RESULTS/raw"
TESTS='TestAllFrameworksAgree|TestRoutersServeEveryRoute|TestRouteSets'
BENCH="go test -run '^\$' -bench . -benchmem -count $COUNT -benchtime $BENCHTIME -timeout 30m ."
{
	echo "# in benchmarks/"
	echo "go test -count 1 -run '$TESTS' ."
	echo "$BENCH | tee $RESULTS/bench.txt"
} >"$COMMANDS"

echo "bench: checking every framework's answers" >&2
go test -count 1 -run "$TESTS" .

echo "bench: go test benchmarks, $COUNT runs of $BENCHTIME each" >&2
eval "$BENCH" | tee "$RESULTS/bench.txt"

if [[ "$E2E" != 0 ]]; then
	./e2e/run.sh
else
	rm -f "$RESULTS/e2e.tsv"
fi

REPORT="go run ./cmd/report -bench $RESULTS/bench.txt -e2e $RESULTS/e2e.tsv -commands $COMMANDS -notes notes.md -out $OUT -svg $SVG"
echo "$REPORT" >>"$COMMANDS"
mkdir -p "$(dirname "$OUT")" "$(dirname "$SVG")"
$REPORT
echo "bench: wrote $OUT and $SVG (paths relative to benchmarks/)" >&2
