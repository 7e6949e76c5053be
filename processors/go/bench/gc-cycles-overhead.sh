#!/usr/bin/env bash
# What recording GC cycles (runtime/trace streamed into golang.org/x/exp/trace) costs the Go
# processor on the ingest workload, measured the way every figure of the project is: open-loop
# harness runs, GC_CYCLES=off and GC_CYCLES=on interleaved pair by pair so that drift hits both
# arms alike, then `harness compare off on` (on/off ratios with 95% intervals over repetitions:
# p50/p99/p99.9, CPU per million events, RSS) and the collections per repetition of each arm (the
# reader's own garbage makes the collector run more often).
#
#   processors/go/bench/gc-cycles-overhead.sh [pairs] [profile] [harness run flags...]
#   (defaults: 5 pairs, the full profile; e.g. `... 5 full --rate-scale 2` for a busier core)
#
# A benchmark: run it on a quiet machine, not next to other work. Results go to
# artifacts/gc-cycles-overhead/<time>/{off,on}/ (OUT=dir to choose).
set -euo pipefail
pairs=${1:-5}
profile=${2:-full}
shift $(($# < 2 ? $# : 2))
root=$(cd "$(dirname "$0")/../../.." && pwd)
out=${OUT:-$root/artifacts/gc-cycles-overhead/$(date -u +%Y%m%dT%H%M%SZ)}
cd "$root"
if ! [[ $pairs =~ ^[1-9][0-9]*$ ]]; then
  echo "gc-cycles-overhead: pairs must be a whole number, got \"$pairs\"" >&2
  exit 2
fi

for i in $(seq "$pairs"); do
  for arm in off on; do
    echo "gc-cycles-overhead: pair $i/$pairs, GC_CYCLES=$arm" >&2
    npm run -s harness -- run --profile "$profile" --scenarios ingest --processors go --repetitions 1 --capacity 0 \
      --inject "go:GC_CYCLES=$arm" --results "$out/$arm" "$@" >/dev/null
  done
done

# compare refuses repetitions it cannot judge (driver-limited, too few); the counts below still print.
npm run -s harness -- compare "$out/off" "$out/on" || echo "gc-cycles-overhead: compare gave no verdict (see above)" >&2
node -e '
  const fs = require("node:fs"), path = require("node:path");
  for (const arm of ["off", "on"]) {
    const counts = [];
    for (const run of fs.readdirSync(path.join(process.argv[1], arm))) {
      const dir = path.join(process.argv[1], arm, run, "measurements");
      if (!fs.existsSync(dir)) continue;
      for (const f of fs.readdirSync(dir)) counts.push(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")).runtime?.gc_count ?? NaN);
    }
    console.log(`GC cycles per measurement, GC_CYCLES=${arm}: ${counts.join(", ")}`);
  }
' "$out"
echo "gc-cycles-overhead: runs in $out" >&2
