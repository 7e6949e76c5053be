// Evidence for what a gc entry covers during incremental marking (README, "/metrics"). Run it
// with V8's own GC tracing, which goes to stdout next to this script's lines:
//
//   npm run build && node --trace-gc --trace-incremental-marking dist/bench/gc-marking-evidence.js \
//     | grep -E 'perf_hooks (incremental|major)|Mark-Compact|IncrementalMarking\] Start marking'
//
// It allocates for three seconds while keeping a growing share alive, so V8 runs a few
// incremental mark-sweep-compacts. Each shows as one `incremental` entry (the start of marking)
// and one `major` entry (the final pause); V8's Mark-Compact line reports the main-thread marking
// steps in between ("+ N ms in M steps since start of marking"), for which no entry exists.

import { constants, performance, PerformanceObserver } from 'node:perf_hooks';

const KINDS = new Map<number, string>([
  [constants.NODE_PERFORMANCE_GC_MINOR, 'minor'],
  [constants.NODE_PERFORMANCE_GC_MAJOR, 'major'],
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental'],
  [constants.NODE_PERFORMANCE_GC_WEAKCB, 'weakcb'],
]);

const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = (e as { detail?: { kind?: number } }).detail?.kind;
    console.log(`perf_hooks ${KINDS.get(kind ?? -1) ?? String(kind)} start=${e.startTime.toFixed(3)} ms duration=${e.duration.toFixed(3)} ms`);
  }
});
observer.observe({ entryTypes: ['gc'] });

const live: object[] = [];
const until = performance.now() + 3000;
function allocate(): void {
  for (let i = 0; i < 20_000; i++) {
    const o = { a: i, b: `x${i}`, c: [i, i + 1] };
    if (i % 10 === 0) live.push(o);
  }
  if (live.length > 400_000) live.splice(0, 200_000);
  if (performance.now() < until) setImmediate(allocate);
  else setTimeout(() => observer.disconnect(), 100);
}
// V8's --trace-gc times count from isolate start, perf_hooks' from timeOrigin; print the offset.
console.log(`perf_hooks timeline now=${performance.now().toFixed(3)} ms`);
allocate();
