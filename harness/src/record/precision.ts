// Precision of one measure phase: how wide the clean percentile's 95% interval is relative to
// its value, and the stopping rule that ends a precision-driven phase. The same half-width
// function judges the live check (drive/precision-control.ts) and the recorded outcome, so a
// phase is never reported as reaching a precision by a different rule than the one it stopped on.
import type { PrecisionPlan } from '../plan/precision.ts';
import type { Precision } from '../results/schema.ts';

export interface IntervalLike {
  value: number;
  lo: number | null;
  hi: number | null;
}

/**
 * The farther bound from the value, in % of the value; null without an interval. The interval
 * is asymmetric (heavy tails stretch the upper bound), so "within ±5%" means both bounds are.
 */
export function halfWidthPct(e: IntervalLike | null | undefined): number | null {
  if (!e || e.lo === null || e.hi === null || !(e.value > 0)) return null;
  return (100 * Math.max(e.value - e.lo, e.hi - e.value)) / e.value;
}

export function reachesTarget(e: IntervalLike | null | undefined, target_pct: number): boolean {
  const h = halfWidthPct(e);
  return h !== null && h <= target_pct;
}

export interface LiveState {
  /** Seconds of the measure phase scheduled so far. */
  measured_s: number;
  /** The clean percentile's estimate over everything seen so far; null: nothing to judge yet. */
  estimate: IntervalLike | null;
}

/**
 * Stop once the phase has run its minimum and the interval is within the target; the cap is the
 * driver's schedule itself, so it needs no check here.
 */
export function shouldStop(p: PrecisionPlan, min_measure_s: number, s: LiveState): boolean {
  return s.measured_s >= min_measure_s && reachesTarget(s.estimate, p.target_pct);
}

export interface PhaseOutcome {
  measured_s: number;
  stopped_by: Precision['stopped_by'];
  checks: number;
}

/** The recorded outcome, judged on the final clean figure of the whole phase. */
export function precisionOutcome(p: PrecisionPlan, min_measure_s: number, final: IntervalLike | null | undefined, o: PhaseOutcome): Precision {
  return {
    target_pct: p.target_pct,
    of: p.of,
    reached: reachesTarget(final, p.target_pct),
    half_width_pct: halfWidthPct(final),
    min_measure_s,
    max_measure_s: p.max_measure_s,
    measured_s: o.measured_s,
    stopped_by: o.stopped_by,
    checks: o.checks,
  };
}
