#!/usr/bin/env bash
# Ingestion capacity of each processor on ONE pinned core: the processor on the last CPU with
# THREADS=1, wrk (closed loop, 1 thread, 32 connections) on the other CPUs, 100-event batches.
# Rounds are interleaved (cpp go node rust, cpp go node rust, ...) so drift hits each alike;
# prints each round and the median events/s per processor. The processors are the harness's
# default set (every processors/*/processor.json not marked "run_by_default": false), or
# PROCESSORS="node node20" etc., each started with its manifest's start command from its own
# folder, as the harness starts it. Build first (`npm run build`).
#   usage: [PROCESSORS="..."] processors/capacity/run.sh [rounds=3] [seconds=5]
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

if [ -z "${PROCESSORS:-}" ]; then
  # The harness's default set: every manifest but those marked "run_by_default": false.
  PROCESSORS=$(node -e '
    const fs = require("node:fs"), path = require("node:path");
    const dir = path.join(process.argv[1], "processors");
    const names = fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, "processor.json")));
    console.log(names.filter((n) => require(path.join(dir, n, "processor.json")).run_by_default !== false).sort().join(" "));
  ' "$root")
fi
for p in $PROCESSORS; do
  [ -f "$root/processors/$p/processor.json" ] || { echo "unknown processor \"$p\": no processors/$p/processor.json" >&2; exit 2; }
done
# The manifest's start command, one argument per line (the harness runs it with the processor
# folder as working directory).
start_command() {
  node -e 'const m = require(process.argv[1]); console.log(m.start.command.join("\n"))' "$root/processors/$1/processor.json"
}

declare -A results
port=18931
for round in $(seq 1 "$rounds"); do
  for p in $PROCESSORS; do
    mapfile -t command < <(start_command "$p")
    (cd "$root/processors/$p" && PORT=$port THREADS=1 exec taskset -c "$server_cpu" "${command[@]}") >/dev/null 2>&1 &
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
for p in $PROCESSORS; do
  median=$(echo ${results[$p]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
  printf 'median %-5s %10d events/s on one core\n' "$p" "$median"
done
