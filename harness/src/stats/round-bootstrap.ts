// Bootstrap over rounds, offered as `--method bootstrap` (never chosen by the rule in
// location.ts): resample the rounds with replacement and take the mean of their values (per-round
// log-ratios, or each side's log values apart for unpaired data). Seeded, so a report shows the
// same interval every time. Its interval is the percentile one; its p-value for a centre θ is the
// share of resampled means on the far side of θ, so interval and test agree.
import { mean } from './describe.ts';
import { seededRng } from './rng.ts';

export const BOOTSTRAP_RESAMPLES = 9999;

/** Sorted bootstrap means of `b` minus those of `a` (a empty: one-sample, the means of `b`). */
export function bootstrapMeans(b: readonly number[], a: readonly number[], seed = 1, resamples = BOOTSTRAP_RESAMPLES): Float64Array {
  const rng = seededRng(seed);
  const draw = (xs: readonly number[]) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += xs[Math.floor(rng() * xs.length)]!;
    return s / xs.length;
  };
  const out = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) out[r] = draw(b) - (a.length ? draw(a) : 0);
  return out.sort();
}

export function bootstrapPoint(b: readonly number[], a: readonly number[]): number {
  return mean(b) - (a.length ? mean(a) : 0);
}

export function bootstrapInterval(sorted: Float64Array, confidence: number): [number, number] {
  // The k-th smallest and k-th largest, k = ⌊tail·(B + 1)⌋: the bounds the p-values below invert.
  const k = Math.max(1, Math.floor(((1 - confidence) / 2) * (sorted.length + 1)));
  return [sorted[k - 1]!, sorted[sorted.length - k]!];
}

/** One-sided p for "the centre is above θ": (1 + resampled means ≤ θ) / (resamples + 1). */
export function bootstrapPAbove(sorted: Float64Array, theta: number): number {
  let k = 0;
  while (k < sorted.length && sorted[k]! <= theta) k++;
  return (1 + k) / (sorted.length + 1);
}

export function bootstrapPBelow(sorted: Float64Array, theta: number): number {
  let k = 0;
  while (k < sorted.length && sorted[sorted.length - 1 - k]! >= theta) k++;
  return (1 + k) / (sorted.length + 1);
}
