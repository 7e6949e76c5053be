// Precision-driven measure phases (Lancet, ATC 2019): instead of a fixed length, a measure phase
// runs until the 95% order-statistic interval of the clean p99 (or p99.9) is within ±target% of
// its value, or until its cap. The profile gives the default; flags override it. The measure
// phase's fixed length becomes its minimum, so a phase is never shorter than before.
import type { Profile } from './scenario.ts';

export type PrecisionPercentile = 'p99' | 'p999';
export const PRECISION_PERCENTILES: readonly PrecisionPercentile[] = ['p99', 'p999'];

export interface PrecisionOptions {
  /** Half-width target in percent of the value; null turns precision-driven phases off. */
  target_pct?: number | null;
  of?: PrecisionPercentile;
  /** The measure phase's cap in seconds. */
  max_measure_s?: number;
}

export interface PrecisionPlan {
  /** The 95% interval must lie within ±target_pct% of the percentile's value. */
  target_pct: number;
  /** Which clean percentile the target applies to. */
  of: PrecisionPercentile;
  /** A phase that has not reached the target by then stops and is reported "not measured to precision". */
  max_measure_s: number;
  /** How often the harness re-evaluates the interval while the driver keeps its schedule. */
  check_every_s: number;
}

/** Often enough that a phase overshoots its target by at most a second of samples. */
export const CHECK_EVERY_S = 1;
/** Without a cap from the profile or --precision-cap, a phase may run this many times its minimum. */
export const DEFAULT_CAP_FACTOR = 4;

type Resolved = { ok: true; value: PrecisionPlan | null } | { ok: false; errors: string[] };

/** The profile's precision with the flags' overrides; `measure_s` is the phase's minimum. */
export function precisionPlan(profile: Profile, o: PrecisionOptions, measure_s: number): Resolved {
  const fromProfile = profile.precision;
  const target_pct = o.target_pct === undefined ? fromProfile?.target_pct ?? null : o.target_pct;
  const errors: string[] = [];
  if (target_pct === null) {
    if (o.of !== undefined || o.max_measure_s !== undefined) errors.push('--precision-of and --precision-cap need a precision target (--precision 5%)');
    return errors.length ? { ok: false, errors } : { ok: true, value: null };
  }
  if (!(Number.isFinite(target_pct) && target_pct > 0 && target_pct < 100)) errors.push(`--precision must be a percentage above 0 and below 100, got ${target_pct}`);
  const of = o.of ?? fromProfile?.of ?? 'p99';
  if (!PRECISION_PERCENTILES.includes(of)) errors.push(`--precision-of must be one of ${PRECISION_PERCENTILES.join(', ')}, got "${of}"`);
  // A --duration beyond the profile's cap raises the cap to it (the phase then has its fixed
  // length); only an explicit --precision-cap below the minimum is a contradiction.
  const max_measure_s = o.max_measure_s ?? Math.max(measure_s, fromProfile?.max_measure_s ?? DEFAULT_CAP_FACTOR * measure_s);
  if (!(Number.isFinite(max_measure_s) && max_measure_s >= measure_s)) {
    errors.push(`--precision-cap (${max_measure_s} s) must be a number of seconds at least the measure phase's minimum (--duration, ${measure_s} s)`);
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { target_pct, of, max_measure_s, check_every_s: CHECK_EVERY_S } };
}

/** "5%", "5" or "off" as a flag value; undefined when it is none of them. */
export function parsePrecisionFlag(v: string): number | null | undefined {
  const t = v.trim();
  if (t === 'off' || t === 'none') return null;
  const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(t);
  return m ? Number(m[1]) : undefined;
}
