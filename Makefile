# Benchmarks live in their own module under benchmarks/ (see
# benchmarks/README.md); these targets only run them.

.PHONY: bench bench-smoke

# bench reproduces BENCHMARKS.md and benchmarks/chart.svg (about 7 minutes
# on 2 cores).
bench:
	benchmarks/run.sh

# bench-smoke is a quick check that the whole pipeline works: one run of
# each benchmark, one short end-to-end round. Its numbers are not
# publishable, so it writes everything under benchmarks/results/raw/smoke/
# (git-ignored), leaving BENCHMARKS.md and benchmarks/results/ alone.
bench-smoke:
	COUNT=1 BENCHTIME=50ms ROUNDS=1 DURATION=2s WARMUP=1s RESULTS=results/raw/smoke \
		OUT=results/raw/smoke/BENCHMARKS.md SVG=results/raw/smoke/chart.svg benchmarks/run.sh
