// The latency trend test of one step: is latency growing across the measure phase? A processor
// past its limit builds a backlog, and the backlog shows as a p50 that rises second after second
// even while each second's rate looks fine (Theodolite's lag-trend check, Karimov et al.'s
// "sustainable" definition). The slope of the per-second p50 against time, by ordinary least
// squares, with its t interval; growing means the whole interval lies above zero AND latency rose
// by a material share over the phase: a significant slope of a few µs/s on a flat 200 µs p50 is
// not a backlog.
import { median } from '../stats/describe.ts';
import { tQuantile } from '../stats/student-t.ts';
import type { Trend } from '../results/sweep-schema.ts';

/** Growth below this share of the median p50 over the phase is not a backlog, however significant. */
export const DEFAULT_MIN_RISE_SHARE = 0.2;
const CONFIDENCE = 0.95;

export interface TrendPoint {
  t_s: number;
  p50_us: number;
}

export function latencyTrend(points: readonly TrendPoint[], min_rise_share = DEFAULT_MIN_RISE_SHARE): Trend {
  const n = points.length;
  const none: Trend = { points: n, slope_us_per_s: null, ci_low_us_per_s: null, ci_high_us_per_s: null, rise_share: null, growing: false };
  // Two points always fit a line exactly: no residual, no interval.
  if (n < 3) return none;
  const mx = points.reduce((s, p) => s + p.t_s, 0) / n;
  const my = points.reduce((s, p) => s + p.p50_us, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.t_s - mx) ** 2;
    sxy += (p.t_s - mx) * (p.p50_us - my);
  }
  if (sxx === 0) return none;
  const slope = sxy / sxx;
  let ssr = 0;
  for (const p of points) ssr += (p.p50_us - (my + slope * (p.t_s - mx))) ** 2;
  const se = Math.sqrt(ssr / (n - 2) / sxx);
  const half = tQuantile((1 + CONFIDENCE) / 2, n - 2) * se;
  const span_s = Math.max(...points.map((p) => p.t_s)) - Math.min(...points.map((p) => p.t_s)) + 1;
  const level = median(points.map((p) => p.p50_us));
  const rise_share = level > 0 ? (slope * span_s) / level : null;
  return {
    points: n,
    slope_us_per_s: slope,
    ci_low_us_per_s: slope - half,
    ci_high_us_per_s: slope + half,
    rise_share,
    growing: slope - half > 0 && rise_share !== null && rise_share >= min_rise_share,
  };
}
