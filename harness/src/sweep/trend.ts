// The latency trend test of one step: is a backlog growing across the measure phase? A processor
// past its limit builds a backlog, and the backlog shows as a p50 that rises second after second
// even while each second's rate looks fine (Theodolite's lag-trend check, Karimov et al.'s
// "sustainable" definition). The slope of the per-second p50 against time, by ordinary least
// squares, with its t interval.
//
// Growing means the whole interval lies above zero AND the slope is one a backlog can have. A queue
// fed at (1 + x) × the rate it is served at adds x seconds of waiting per second, whatever the
// rate: 1% over the limit is +10,000 µs/s. So a slope of a few dozen µs/s, however significant, is
// not a queue filling: it is the service time drifting (on this VM, platform noise: a reads sweep
// called Go unsustainable at 261 req/s with its p50 rising 440 → 520 µs at 13% CPU, a queue 0.04
// requests longer by Little's law, against a closed-loop ceiling of 3.9k req/s). The floor lies
// between the two, as measured over the 841 steps of this VM's first 14 sweeps: the significant
// slopes of steps short of their limit reached +0.5 ms/s (at 3–74% CPU), real backlogs started at
// +7.1 ms/s (at 82–97% CPU; p50 8 ms and up). 0.25% over (+2.5 ms/s) is 5× the drift and below
// the slowest backlog; a step one 2% resolution past the limit fills at 8× the floor.
import { median } from '../stats/describe.ts';
import { tQuantile } from '../stats/student-t.ts';
import type { Trend } from '../results/sweep-schema.ts';

/** The smallest overload the trend test counts (share over the served rate): +2.5 ms of waiting per second. */
export const DEFAULT_MIN_OVERLOAD = 0.0025;
const CONFIDENCE = 0.95;
const US_PER_S = 1e6;

export interface TrendPoint {
  t_s: number;
  p50_us: number;
}

export function latencyTrend(points: readonly TrendPoint[], min_overload = DEFAULT_MIN_OVERLOAD): Trend {
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
  return {
    points: n,
    slope_us_per_s: slope,
    ci_low_us_per_s: slope - half,
    ci_high_us_per_s: slope + half,
    rise_share: level > 0 ? (slope * span_s) / level : null,
    growing: slope - half > 0 && slope >= min_overload * US_PER_S,
  };
}
