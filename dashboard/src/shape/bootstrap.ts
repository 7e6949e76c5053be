// Confidence intervals across repetitions. With 3–10 repetitions nothing parametric is honest, so
// a percentile bootstrap of the median: resample the repetition values with replacement, take
// each resample's median, read the interval off the spread. Seeded so a page shows the same
// interval on every load.
import { median } from '../../../harness/src/stats/describe.ts';
import { seededRng } from '../../../harness/src/stats/rng.ts';

export interface Estimate {
  /** Median of the values. */
  estimate: number;
  low: number;
  high: number;
  n: number;
}

// The harness's own median and seeded PRNG: the dashboard's intervals use the same arithmetic.
export { median };


function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

export interface BootstrapOptions {
  resamples?: number;
  confidence?: number;
  seed?: number;
}

/** Median with a percentile-bootstrap interval. One value gives a zero-width interval (n says why). */
export function bootstrapMedian(values: readonly number[], opts: BootstrapOptions = {}): Estimate {
  const n = values.length;
  const estimate = median(values);
  if (n < 2) return { estimate, low: estimate, high: estimate, n };
  const resamples = opts.resamples ?? 2000;
  const alpha = 1 - (opts.confidence ?? 0.95);
  const rand = seededRng(opts.seed ?? 0x5eed);
  // Typed arrays sorted in place (numeric order, no allocation per resample): the Overview runs
  // this ~80 times × 2000 resamples on every load. Same draws, same medians as a plain median().
  const medians = new Float64Array(resamples);
  const sample = new Float64Array(n);
  const mid = n >> 1;
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) sample[i] = values[Math.floor(rand() * n)] as number;
    sample.sort();
    medians[r] = n % 2 ? (sample[mid] as number) : ((sample[mid - 1] as number) + (sample[mid] as number)) / 2;
  }
  const sorted = medians.sort();
  return { estimate, low: quantileSorted(sorted, alpha / 2), high: quantileSorted(sorted, 1 - alpha / 2), n };
}
