// Confidence interval for one quantity's level over repetitions (a claim such as "capacity per
// core ≥ 1M events/s" or "share of slow requests in a pause"), with the same small-sample t
// reasoning as ratio-interval.ts. Multiplicative quantities use logs (geometric mean); shares,
// which can be 0, use the plain mean clipped to their range.
import { mean, variance } from './describe.ts';
import { resolveOptions, type Estimate, type IntervalOptions } from './interval.ts';
import { tQuantile } from './student-t.ts';

export interface LevelOptions extends IntervalOptions {
  /** 'log': positive, multiplicative values; 'linear': values that may be 0 (shares, counts). */
  scale: 'log' | 'linear';
  /** Clip the interval to this range (e.g. [0, 1] for shares). */
  range?: [number, number];
}

export function levelInterval(xs: readonly number[], opts: LevelOptions): Estimate {
  const { confidence, min_n } = resolveOptions(opts);
  const reasons: string[] = [];
  if (xs.length < min_n) reasons.push(`${xs.length} repetition(s), at least ${min_n} needed`);
  if (opts.scale === 'log' && xs.some((x) => !(x > 0))) reasons.push('a value is not positive; a geometric mean needs positive values');
  if (xs.some((x) => !Number.isFinite(x))) reasons.push('a value is not finite');
  if (reasons.length) return { kind: 'insufficient', reasons, n_a: xs.length, n_b: 0 };

  const ys = opts.scale === 'log' ? xs.map(Math.log) : [...xs];
  const m = mean(ys);
  const se = Math.sqrt(variance(ys) / ys.length);
  const half = se === 0 ? 0 : tQuantile((1 + confidence) / 2, ys.length - 1) * se;
  const back = opts.scale === 'log' ? Math.exp : (y: number) => y;
  const [lo, hi] = opts.range ?? [-Infinity, Infinity];
  const clip = (v: number) => Math.min(hi, Math.max(lo, v));
  return {
    kind: 'interval',
    estimate: clip(back(m)),
    ci_low: clip(back(m - half)),
    ci_high: clip(back(m + half)),
    confidence,
    method: opts.scale === 'log' ? 'log-t' : 't',
    n_a: xs.length,
    n_b: 0,
  };
}
