// The arrival schedule, mirrored from the driver (harness/driver/src/schedule.rs) so the harness
// can plan request counts and tests can check the driver's intended times exactly.

export type ArrivalSchedule =
  | { kind: 'constant'; rate_per_s: number }
  /** Warmup runs at from_per_s; the rate then rises linearly to to_per_s over the measure phase. */
  | { kind: 'ramp'; from_per_s: number; to_per_s: number };

/** Intended time of request i in seconds after t0 (same floating-point steps as the driver). */
export function intendedSeconds(schedule: ArrivalSchedule, warmup_s: number, measure_s: number, i: number): number {
  if (schedule.kind === 'constant') return i / schedule.rate_per_s;
  const a = schedule.from_per_s;
  const b = schedule.to_per_s;
  const warm = a * warmup_s;
  if (i < warm) return i / a;
  const k = i - warm;
  const disc = a * a + (2 * (b - a) * k) / measure_s;
  if (disc < 0) return Number.POSITIVE_INFINITY;
  return warmup_s + (2 * k) / (a + Math.sqrt(disc));
}

/** All intended times (ns) of a run: every request whose intended time is before warmup_s + measure_s. */
export function intendedTimesNs(schedule: ArrivalSchedule, warmup_s: number, measure_s: number): Float64Array {
  const out: number[] = [];
  const end_s = warmup_s + measure_s;
  for (let i = 0; ; i++) {
    const t = intendedSeconds(schedule, warmup_s, measure_s, i);
    if (!(t < end_s)) break;
    out.push(Math.round(t * 1e9));
  }
  return Float64Array.from(out);
}
