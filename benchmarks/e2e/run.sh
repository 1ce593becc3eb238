#!/usr/bin/env bash
# End-to-end throughput: each framework's server pinned to CPU 0, wrk pinned
# to CPU 1, over 127.0.0.1 only. Frameworks alternate across rounds; every
# run is bounded by wrk's -d. Writes wrk's raw output under
# $RESULTS/raw/e2e/ and one TSV line per run to $RESULTS/e2e.tsv.
#
# Knobs (environment): RESULTS (results), ROUNDS (3), DURATION (4s), WARMUP
# (1s), CONNS (32), ENDPOINTS ("plaintext json"), SERVERS (all eight).
set -euo pipefail

cd "$(dirname "$0")/.." # the benchmarks module

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-4s}
WARMUP=${WARMUP:-1s}
CONNS=${CONNS:-32}
ENDPOINTS=${ENDPOINTS:-"plaintext json"}
SERVERS=${SERVERS:-"expresso expresso-defaults httprouter gin echo chi nethttp fiber"}
BASE_PORT=${BASE_PORT:-18080}

RESULTS=${RESULTS:-results}
RAW=$RESULTS/raw/e2e
TSV=$RESULTS/e2e.tsv
COMMANDS=${COMMANDS:-$RESULTS/commands.txt}
BIN=$(mktemp -d)
SERVER_PID=""

# stop_server: SIGTERM the server this script started, SIGKILL it if it is
# still there 5 s later.
stop_server() {
	[[ -n "$SERVER_PID" ]] || return 0
	kill "$SERVER_PID" 2>/dev/null || true
	for _ in $(seq 50); do
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$SERVER_PID" 2>/dev/null || true
	wait "$SERVER_PID" 2>/dev/null || true
	SERVER_PID=""
}

cleanup() {
	stop_server
	rm -rf "$BIN"
}
trap cleanup EXIT

# install PACKAGE...: apt-get, run once, as root or through sudo.
APT_UPDATED=""
install() {
	local sudo=""
	if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
	if [[ -z "$APT_UPDATED" ]]; then
		$sudo apt-get update -qq
		APT_UPDATED=1
	fi
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}
command -v wrk >/dev/null || { echo "e2e: installing wrk" >&2; install wrk; }
command -v taskset >/dev/null || { echo "e2e: installing util-linux (taskset)" >&2; install util-linux; }
command -v curl >/dev/null || { echo "e2e: installing curl" >&2; install curl; }

# Pin the server to CPU 0 and wrk to CPU 1 when there are two CPUs.
PIN_SERVER=(taskset -c 0)
PIN_WRK=(taskset -c 1)
if [[ $(nproc) -lt 2 ]]; then
	echo "e2e: fewer than 2 CPUs, not pinning" >&2
	PIN_SERVER=()
	PIN_WRK=()
fi

echo "e2e: building servers" >&2
for s in $SERVERS; do
	s=${s%-defaults}
	[[ -x "$BIN/$s" ]] || go build -o "$BIN/$s" "./e2e/$s"
done

# command_of SERVER: the server binary and its flags.
command_of() {
	case "$1" in
	expresso-defaults) echo "$BIN/expresso -defaults" ;;
	*) echo "$BIN/$1" ;;
	esac
}

# wait_ready PORT: poll until the server answers /plaintext, for up to 10 s.
wait_ready() {
	for _ in $(seq 100); do
		if curl -fs -o /dev/null "http://127.0.0.1:$1/plaintext"; then return 0; fi
		sleep 0.1
	done
	return 1
}

# check_body PORT: the server must send the right body, or its numbers mean
# nothing.
check_body() {
	local got
	got=$(curl -fs "http://127.0.0.1:$1/plaintext")
	[[ "$got" == "Hello, World!" ]] || { echo "e2e: /plaintext answered '$got'" >&2; return 1; }
	got=$(curl -fs "http://127.0.0.1:$1/json")
	[[ "$got" == '{"message":"Hello, World!"}' ]] || { echo "e2e: /json answered '$got'" >&2; return 1; }
	got=$(curl -fs "http://127.0.0.1:$1/user/42")
	[[ "$got" == "42" ]] || { echo "e2e: /user/42 answered '$got'" >&2; return 1; }
}

# parse_wrk ROUND SERVER ENDPOINT FILE: one TSV line from wrk --latency
# output; latencies in microseconds; errors = socket errors + non-2xx/3xx.
parse_wrk() {
	awk -v round="$1" -v server="$2" -v endpoint="$3" '
		function us(v) {
			if (v ~ /us$/) return v + 0
			if (v ~ /ms$/) return v * 1000
			if (v ~ /s$/) return v * 1000000
			return v + 0
		}
		$1 == "50%" { p50 = us($2) }
		$1 == "99%" { p99 = us($2) }
		$1 == "Requests/sec:" { rps = $2 }
		/Non-2xx or 3xx responses:/ { errors += $NF }
		/Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
		END {
			if (rps == "") { print "e2e: no Requests/sec in wrk output" > "/dev/stderr"; exit 1 }
			printf "%s\t%s\t%s\t%s\t%.0f\t%.0f\t%d\n", round, server, endpoint, rps, p50, p99, errors
		}' "$4"
}

mkdir -p "$RAW"
printf 'round\tserver\tendpoint\trequests_per_sec\tp50_us\tp99_us\terrors\n' >"$TSV"
{
	echo "# end to end (benchmarks/e2e/run.sh), rounds: $ROUNDS, server order rotated each round"
	echo "taskset -c 0 <server> -port PORT    # one of: $SERVERS"
	echo "taskset -c 1 wrk -t1 -c$CONNS -d$WARMUP http://127.0.0.1:PORT/plaintext    # warm-up, discarded"
	echo "taskset -c 1 wrk -t1 -c$CONNS -d$DURATION --latency http://127.0.0.1:PORT/ENDPOINT    # ENDPOINT in: $ENDPOINTS"
} >>"$COMMANDS"

read -r -a servers <<<"$SERVERS"
n=${#servers[@]}
for ((round = 1; round <= ROUNDS; round++)); do
	for ((i = 0; i < n; i++)); do
		idx=$(((i + round - 1) % n)) # rotate the order each round
		server=${servers[$idx]}
		port=$((BASE_PORT + idx))
		read -r -a cmd <<<"$(command_of "$server")"
		"${PIN_SERVER[@]}" "${cmd[@]}" -port "$port" >"$RAW/server-$server.log" 2>&1 &
		SERVER_PID=$!
		if ! wait_ready "$port"; then
			echo "e2e: $server did not start; see $RAW/server-$server.log" >&2
			exit 1
		fi
		check_body "$port"
		"${PIN_WRK[@]}" wrk -t1 -c"$CONNS" -d"$WARMUP" "http://127.0.0.1:$port/plaintext" >/dev/null
		for endpoint in $ENDPOINTS; do
			out="$RAW/round$round-$server-$endpoint.txt"
			"${PIN_WRK[@]}" wrk -t1 -c"$CONNS" -d"$DURATION" --latency "http://127.0.0.1:$port/$endpoint" >"$out"
			line=$(parse_wrk "$round" "$server" "$endpoint" "$out")
			echo "$line" >>"$TSV"
			echo "e2e: $line" >&2
		done
		stop_server
	done
done
echo "e2e: wrote $TSV" >&2
