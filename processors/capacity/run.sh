#!/usr/bin/env bash
# Ingestion capacity of each processor on ONE pinned core: the processor on the last CPU with
# THREADS=1, wrk (closed loop, 1 thread, 32 connections) on the other CPUs, 100-event batches.
# Rounds are interleaved (go node rust, go node rust, ...) so drift hits each alike; prints each
# round and the median events/s per processor. Build first (`npm run build`; node20 needs only
# node's build). PROCESSORS picks the set, e.g. PROCESSORS="node node20" for the runtime alone.
#   usage: [PROCESSORS="go node rust"] processors/capacity/run.sh [rounds=3] [seconds=5]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rounds=${1:-3}
seconds=${2:-5}
cores=$(nproc)
[ "$cores" -ge 2 ] || { echo "needs at least 2 cores (processor and load on separate CPUs)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
server_cpu=$((cores - 1))
load_cpus="0-$((cores - 2))"
declare -A start=(
  [go]="$root/processors/go/bin/processor"
  [node]="$root/processors/node/runtime/bin/node $root/processors/node/dist/main.js"
  [node20]="node $root/processors/node/dist/main.js"
  [rust]="$root/processors/rust/target/release/processor"
)
processors=${PROCESSORS:-go node rust}
for p in $processors; do
  [ -n "${start[$p]:-}" ] || { echo "unknown processor \"$p\"; known: ${!start[*]}" >&2; exit 2; }
done
declare -A results
port=18931
for round in $(seq 1 "$rounds"); do
  for p in $processors; do
    PORT=$port THREADS=1 taskset -c "$server_cpu" ${start[$p]} >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done
    # A short warm-up (JIT, allocator, connection setup), then the measured run.
    taskset -c "$load_cpus" wrk -t1 -c32 -d1s -s "$here/events.lua" "http://127.0.0.1:$port/v1/events" >/dev/null
    rps=$(taskset -c "$load_cpus" wrk -t1 -c32 -d"${seconds}s" -s "$here/events.lua" "http://127.0.0.1:$port/v1/events" | awk '/Requests\/sec/ {print $2}')
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
    eps=$(awk -v r="$rps" 'BEGIN { printf "%d", r * 100 }')
    results[$p]="${results[$p]:-} $eps"
    printf 'round %d  %-5s %10.0f req/s  %10d events/s\n' "$round" "$p" "$rps" "$eps"
  done
done
echo
for p in $processors; do
  median=$(echo ${results[$p]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
  printf 'median %-5s %10d events/s on one core\n' "$p" "$median"
done
