#!/bin/bash
# Used for the "Core second pass" section of BENCHMARKS.md; build first:
#   (cd benchmarks && go test -c -o /tmp/bench.test .)
# Interleaved runs: 6 rounds, framework order reversed on alternate rounds.
fws=(Expresso Gin Echo HttpRouter)
for round in 1 2 3 4 5 6; do
  if [ $((round%2)) = 0 ]; then order=(HttpRouter Echo Gin Expresso); else order=("${fws[@]}"); fi
  for fw in "${order[@]}"; do
    /tmp/bench.test -test.run '^$' -test.bench "^BenchmarkRouting\$/^(Static1|Param1|GitHubAll)\$/^$fw\$" -test.benchtime 100ms -test.benchmem 2>&1 | grep '^Benchmark'
    /tmp/bench.test -test.run '^$' -test.bench "^BenchmarkHandler\$/^(PlainText|JSON|Param)\$/^$fw\$" -test.benchtime 100ms -test.benchmem 2>&1 | grep '^Benchmark'
  done
done
