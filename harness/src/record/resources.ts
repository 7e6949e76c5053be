// Memory, CPU and runtime pauses of one measurement, on the driver's clock (seconds after t0,
// the start of warmup). Steady RSS is the median over the measure phase: the footprint a
// service settles at under this load, which peak RSS alone would overstate.
import type { Resources, Runtime } from '../results/schema.ts';
import type { SamplerResult, TimedReading } from '../sample/index.ts';
import { median } from '../stats/describe.ts';

/** 0 when there are no samples (a resource figure is a byte count, never NaN). */
const medianOf = (values: number[]) => (values.length === 0 ? 0 : median(values));

/** The reading closest to time t (seconds after t0). */
function nearest(readings: readonly TimedReading[], t0_unix_ms: number, t_s: number): TimedReading | undefined {
  let best: TimedReading | undefined;
  let bestGap = Infinity;
  for (const r of readings) {
    const gap = Math.abs((r.unix_ms - t0_unix_ms) / 1000 - t_s);
    if (gap < bestGap) {
      best = r;
      bestGap = gap;
    }
  }
  return best;
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
  const start = nearest(s.readings, t0_ms, warmup_s);
  const end = nearest(s.readings, t0_ms, warmup_s + measure_s);
  const cpu_s = start && end ? Math.max(0, end.cpu_s - start.cpu_s) : 0;
  const last = s.readings[s.readings.length - 1]!;
  return {
    idle_rss_bytes,
    peak_rss_bytes: Math.max(last.peak_rss_bytes, ...s.readings.map((r) => r.rss_bytes)),
    steady_rss_bytes: Math.round(medianOf((during.length ? during : samples).map((x) => x.rss_bytes))),
    cpu_s,
    cpu_s_per_million_events: measure_events > 0 ? cpu_s / (measure_events / 1e6) : null,
    cpu_utilisation: measure_s > 0 ? cpu_s / measure_s : 0,
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
