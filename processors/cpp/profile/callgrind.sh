#!/usr/bin/env bash
# Where the C++ processor spends its instructions, with valgrind's callgrind (perf has no
# hardware counters on this VM, and instruction counts do not depend on what else runs): the
# release build with debug info (preset "profile": same -O3/LTO/jemalloc), THREADS=1, a fixed
# amount of work from drive.ts, then SIGTERM and the top functions by self and inclusive cost.
# Under valgrind the server runs ~50x slower: the output is a count, not a speed.
#   usage: processors/cpp/profile/callgrind.sh [batches=2000] [fastq_bodies=200]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cpp=$(cd "$here/.." && pwd)
root=$(cd "$cpp/../.." && pwd)
batches=${1:-2000}
reads=${2:-200}
out="$cpp/build/profile/callgrind.out"
command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install -y valgrind" >&2; exit 2; }

(cd "$cpp" && cmake --workflow --preset profile)
port=$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
rm -f "$out"
PORT=$port THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$out" "$cpp/build/profile/processor" 2>"$cpp/build/profile/valgrind.log" &
pid=$!
trap 'kill -KILL $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done

(cd "$root" && node --import tsx "$here/drive.ts" --url "http://127.0.0.1:$port" --batches "$batches" --reads "$reads")
kill -TERM "$pid"
wait "$pid"
trap - EXIT

echo
echo "== self cost (instructions), top 25"
callgrind_annotate --inclusive=no "$out" 2>/dev/null | sed -n '/^Ir/,$p' | head -30
echo
echo "== inclusive cost, top 25"
callgrind_annotate --inclusive=yes "$out" 2>/dev/null | sed -n '/^Ir/,$p' | head -30
echo
echo "full profile: $out (callgrind_annotate, or kcachegrind)"
