#!/usr/bin/env bash
# Load and soak run of expresso's server (issue 10), over 127.0.0.1 only:
#   1. wrk on plaintext, JSON, a param route, a 404 and a panic route, with
#      the server's RSS and goroutines sampled before, during and after, and
#      the size of its log after the panic route;
#   2. 1,000 connections that each send an unfinished 1 MiB header, with
#      the server's RSS (default limits, then MaxHeaderBytes = 1 MiB, the
#      old default, for comparison);
#   3. SIGTERM under keep-alive load: requests sent vs answered, from a Go
#      client that counts every request it wrote, and from wrk;
#   4. SIGTERM with handlers that outlast Config.ShutdownTimeout: how long
#      the process takes to exit and how many handlers saw their context
#      cancelled.
# Needs Go and wrk (apt-get install -y wrk). Knobs (environment): DURATION
# (10s per wrk run), CONNS (64), ADDR (127.0.0.1:18090), OUT
# (results/soak.txt).
set -euo pipefail
cd "$(dirname "$0")/.." # the benchmarks module

DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
ADDR=${ADDR:-127.0.0.1:18090}
OUT=${OUT:-results/soak.txt}
BIN=$(mktemp -d)
LOGS=$(mktemp -d)
SERVER_PID=""
mkdir -p "$(dirname "$OUT")"
: >"$OUT"

command -v wrk >/dev/null || { echo "wrk is required (apt-get install -y wrk)" >&2; exit 1; }
go build -o "$BIN/soak" ./soak
SOAK=$BIN/soak

say() { echo "$*" | tee -a "$OUT"; }

# start NAME FLAGS...: start the server, wait until it answers.
start() {
	local name=$1; shift
	"$SOAK" serve -addr "$ADDR" -log "$LOGS/$name.log" "$@" >"$LOGS/$name.out" 2>&1 &
	SERVER_PID=$!
	for _ in $(seq 100); do
		curl -fsS -o /dev/null "http://$ADDR/plaintext" 2>/dev/null && return 0
		sleep 0.05
	done
	echo "server $name did not start" >&2; cat "$LOGS/$name.out" >&2; exit 1
}

# stop NAME: SIGTERM the server, wait for it, print its last line.
stop() {
	local name=$1 t0 t1
	t0=$(date +%s%N)
	kill -TERM "$SERVER_PID"
	wait "$SERVER_PID" || true
	t1=$(date +%s%N)
	say "  $name exited $(( (t1 - t0) / 1000000 )) ms after SIGTERM: $(tail -1 "$LOGS/$name.out")"
	SERVER_PID=""
}
trap '[[ -n "$SERVER_PID" ]] && kill -9 "$SERVER_PID" 2>/dev/null; rm -rf "$BIN"' EXIT

stats() { say "  $("$SOAK" stats -addr "$ADDR" -pid "$SERVER_PID" -label "$1")"; }

say "== soak $(date -u +%FT%TZ), $(nproc) cores, $(go version | cut -d' ' -f3), wrk -t2 -c$CONNS -d$DURATION"
say "== 1. wrk per route"
start routes
stats "before"
for path in /plaintext /json /user/42 /nope /panic; do
	( sleep "$(( ${DURATION%s} / 2 ))"; stats "during $path" ) &
	sampler=$!
	out=$(wrk -t2 -c"$CONNS" -d"$DURATION" "http://$ADDR$path")
	wait "$sampler"
	rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
	total=$(awk '/requests in/ {print $1}' <<<"$out")
	errs=$(awk '/Socket errors/ {print $0}' <<<"$out")
	non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
	say "  $path: $total requests, $rps req/s, non-2xx ${non2xx:-0}, socket errors: ${errs:-none}"
	stats "after $path"
done
sleep 3
stats "idle 3 s after the runs"
stop routes
say "  server log after all runs: $(wc -c <"$LOGS/routes.log") bytes, $(grep -c 'stack=' "$LOGS/routes.log" || true) panic stacks; summary: $(grep -o 'msg="expresso: [0-9]* more panics[^"]*' "$LOGS/routes.log" | sed 's/^msg="//' || true)"

say "== 2. 1,000 unfinished 1 MiB headers"
start headers
say "  default limits: $("$SOAK" headers -addr "$ADDR" -pid "$SERVER_PID" -conns 1000 -size $((1 << 20)) -hold 5s)"
stop headers
start headers-old -maxheader $((1 << 20))
say "  MaxHeaderBytes 1 MiB (the old default): $("$SOAK" headers -addr "$ADDR" -pid "$SERVER_PID" -conns 1000 -size $((1 << 20)) -hold 5s)"
stop headers-old

say "== 3. SIGTERM under keep-alive load"
for round in 1 2 3; do
	start keepalive
	"$SOAK" keepalive -addr "$ADDR" -conns "$CONNS" -duration 6s >"$LOGS/ka.out" &
	client=$!
	sleep 3
	stop keepalive
	wait "$client"
	say "  round $round, Go client: $(cat "$LOGS/ka.out")"
done
for round in 1 2 3; do
	start wrk-term
	wrk -t2 -c"$CONNS" -d6s "http://$ADDR/plaintext" >"$LOGS/wrk-term.out" &
	client=$!
	sleep 3
	stop wrk-term
	wait "$client"
	say "  round $round, wrk: $(awk '/requests in/ {print $1" answered"} /Socket errors/ {print "socket errors:" substr($0, index($0, ":")+1)}' "$LOGS/wrk-term.out" | paste -sd' ')"
done

say "== 4. SIGTERM with 16 handlers that outlast ShutdownTimeout (2 s)"
start drain -shutdown 2s
curls=()
for _ in $(seq 16); do
	curl -s -o /dev/null "http://$ADDR/slow?ms=60000" &
	curls+=($!)
done
sleep 0.5
stop drain
wait "${curls[@]}" || true
