#!/usr/bin/env bash
# Throughput of POST /v1/events on one pinned core: the server on core 1 (THREADS=1), wrk on
# core 0, three runs. Prints req/s, events/s (= req/s × 100) and the events per CPU-second the
# server actually received (from /proc/PID/stat), which stays meaningful on a shared machine.
#
# usage: profile/run-wrk.sh [seconds-per-run] [port]     (from processors/rust, after a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-10}
PORT=${2:-18111}
LUA=$(mktemp --suffix=.lua)
python3 profile/events_lua.py > "$LUA"
PORT=$PORT THREADS=1 taskset -c 1 target/release/processor &
SP=$!
trap 'kill -TERM $SP 2>/dev/null; rm -f "$LUA"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
TICK=$(getconf CLK_TCK)
for i in 1 2 3; do
  c0=$(awk '{print $14+$15}' "/proc/$SP/stat")
  out=$(taskset -c 0 wrk -t1 -c16 -d"${DUR}s" -s "$LUA" "http://127.0.0.1:$PORT/v1/events")
  c1=$(awk '{print $14+$15}' "/proc/$SP/stat")
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  cpu=$(echo "($c1-$c0)/$TICK" | bc -l)
  printf 'run %d: %s req/s, %.0f events/s, server CPU %.2f s of %s s, %.0f events per server CPU-second\n' \
    "$i" "$rps" "$(echo "$rps*100" | bc -l)" "$cpu" "$DUR" "$(echo "$rps*100*$DUR/$cpu" | bc -l)"
done
