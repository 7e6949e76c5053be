#!/usr/bin/env bash
# The C++ processor under AddressSanitizer + UndefinedBehaviorSanitizer: the unit tests (ctest),
# then the sanitized server (THREADS=2) with the golden vectors and a seeded fuzz of request
# bodies, then SIGTERM (LeakSanitizer checks at exit). Fails on any sanitizer report, test
# failure, vector failure or fuzz finding.
#   usage: processors/cpp/sanitize/run.sh [seed=1] [requests=3000]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cpp=$(cd "$here/.." && pwd)
root=$(cd "$cpp/../.." && pwd)
seed=${1:-1}
requests=${2:-3000}
logs="$cpp/build/asan/sanitizer-logs"

step() { printf '\n==> %s\n' "$*"; }

step "build with -fsanitize=address,undefined and run the unit tests (ctest)"
(cd "$cpp" && cmake --workflow --preset asan-test)

rm -rf "$logs" && mkdir -p "$logs"
# halt_on_error: the first report ends the process, so a finding cannot scroll by unnoticed.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:log_path=$logs/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$logs/ubsan"
port=$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

step "start the sanitized server on port $port (THREADS=2)"
PORT=$port THREADS=2 "$cpp/build/asan/processor" >"$logs/server.out" 2>&1 &
pid=$!
trap 'kill -KILL $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done

cd "$root"
status=0
step "golden vectors"
node --import tsx "$here/run-vectors.ts" --url "http://127.0.0.1:$port" || status=1
step "seeded body fuzz (seed $seed, $requests requests)"
node --import tsx "$here/fuzz-bodies.ts" --url "http://127.0.0.1:$port" --seed "$seed" --requests "$requests" || status=1

step "SIGTERM: graceful stop, LeakSanitizer at exit"
kill -TERM "$pid" 2>/dev/null || echo "the server had already exited"
if wait "$pid"; then echo "exit code 0"; else echo "exit code $? (expected 0)"; status=1; fi
trap - EXIT

if compgen -G "$logs/asan.*" >/dev/null || compgen -G "$logs/ubsan.*" >/dev/null; then
  echo "sanitizer reports:"
  cat "$logs"/asan.* "$logs"/ubsan.* 2>/dev/null | head -200
  status=1
else
  echo "no sanitizer reports"
fi
[ "$status" -eq 0 ] && echo "sanitize: PASS" || echo "sanitize: FAIL"
exit "$status"
