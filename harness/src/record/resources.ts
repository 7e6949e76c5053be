// Memory, CPU and runtime pauses of one measurement, on the driver's clock (seconds after t0,
// the start of warmup). Steady RSS is the median over the measure phase: the footprint a
// service settles at under this load, which peak RSS alone would overstate.
import type { InstructionCount, Resources, Runtime } from '../results/schema.ts';
import type { SamplerResult, TimedReading } from '../sample/index.ts';
import { instructionsBetween } from '../sample/instructions.ts';
import { clockTicks } from '../sample/proc.ts';
import { median } from '../stats/describe.ts';

/** 0 when there are no samples (a resource figure is a byte count, never NaN). */
const medianOf = (values: number[]) => (values.length === 0 ? 0 : median(values));

/**
 * CPU seconds at wall time t, interpolated between the two readings around it. The readings come
 * every 100 ms; taking the nearest one instead put up to 50 ms of warmup (or of the stop) into
 * the measure phase's CPU, about ±2% of a 3 s phase at 70% of a core. Undefined outside them.
 */
export function cpuAt(readings: readonly TimedReading[], unix_ms: number): number | undefined {
  let before: TimedReading | undefined;
  let after: TimedReading | undefined;
  for (const r of readings) {
    if (r.unix_ms <= unix_ms && (!before || r.unix_ms >= before.unix_ms)) before = r;
    if (r.unix_ms >= unix_ms && (!after || r.unix_ms <= after.unix_ms)) after = r;
  }
  if (!before || !after) return undefined;
  if (after.unix_ms === before.unix_ms) return before.cpu_s;
  return before.cpu_s + ((after.cpu_s - before.cpu_s) * (unix_ms - before.unix_ms)) / (after.unix_ms - before.unix_ms);
}

/** Where cpu_s comes from, stored with every result. */
export function cpuSource(): string {
  const tick_ms = 1000 / clockTicks();
  return `/proc/<pid>/stat utime + stime (all threads), ${tick_ms} ms ticks (USER_HZ ${clockTicks()}), read every 100 ms; the measure phase's bounds interpolated between the readings around them`;
}

function instructionsOf(s: SamplerResult, from_unix_ms: number, to_unix_ms: number, measure_events: number): InstructionCount {
  if (s.instructions.status === 'not-supported') return { status: 'not-supported', reason: s.instructions.reason };
  const total = instructionsBetween(s.instructions, from_unix_ms, to_unix_ms);
  if (total === null) return { status: 'not-supported', reason: 'perf stat did not cover the whole measure phase' };
  return { status: 'measured', instructions: Math.round(total), per_event: measure_events > 0 ? total / measure_events : null };
}

export function resourcesOf(
  s: SamplerResult,
  t0_unix_ns: number,
  warmup_s: number,
  measure_s: number,
  idle_rss_bytes: number,
  measure_events: number,
): Resources | null {
  if (s.readings.length === 0) return null;
  const t0_ms = t0_unix_ns / 1e6;
  const samples = s.readings.map((r) => ({ t_s: (r.unix_ms - t0_ms) / 1000, rss_bytes: r.rss_bytes, cpu_s: r.cpu_s }));
  const during = samples.filter((x) => x.t_s >= warmup_s && x.t_s <= warmup_s + measure_s);
  const from_ms = t0_ms + warmup_s * 1000;
  const to_ms = t0_ms + (warmup_s + measure_s) * 1000;
  const start = cpuAt(s.readings, from_ms);
  const end = cpuAt(s.readings, to_ms);
  const cpu_s = start !== undefined && end !== undefined ? Math.max(0, end - start) : 0;
  const last = s.readings[s.readings.length - 1]!;
  return {
    idle_rss_bytes,
    peak_rss_bytes: Math.max(last.peak_rss_bytes, ...s.readings.map((r) => r.rss_bytes)),
    steady_rss_bytes: Math.round(medianOf((during.length ? during : samples).map((x) => x.rss_bytes))),
    cpu_s,
    cpu_s_per_million_events: measure_events > 0 ? cpu_s / (measure_events / 1e6) : null,
    cpu_utilisation: measure_s > 0 ? cpu_s / measure_s : 0,
    cpu_source: cpuSource(),
    instructions: instructionsOf(s, from_ms, to_ms, measure_events),
    samples,
  };
}

export function runtimeOf(s: SamplerResult, t0_unix_ns: number, window_s: number): Runtime | null {
  const m = s.last_metrics;
  if (!m) return null;
  const pauses = s.pauses
    .map((p) => ({ start_s: (p.end_unix_ns - p.duration_ns - t0_unix_ns) / 1e9, duration_us: p.duration_ns / 1000, kind: p.kind }))
    .filter((p) => p.start_s + p.duration_us / 1e6 >= 0 && p.start_s <= window_s);
  const first = s.first_metrics;
  return {
    collector: m.gc.collector,
    gc_count: first ? Math.max(0, m.gc.count - first.gc.count) : m.gc.count,
    pause_total_us: pauses.reduce((sum, p) => sum + p.duration_us, 0),
    pause_max_us: pauses.reduce((mx, p) => Math.max(mx, p.duration_us), 0),
    heap_bytes_max: s.heap_bytes_max,
    pauses,
    extra: m.extra ?? {},
  };
}
