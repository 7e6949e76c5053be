// Confidence intervals across repetitions. With 3–10 repetitions nothing parametric is honest, so
// a percentile bootstrap of the median: resample the repetition values with replacement, take
// each resample's median, read the interval off the spread. Seeded so a page shows the same
// interval on every load.

export interface Estimate {
  /** Median of the values. */
  estimate: number;
  low: number;
  high: number;
  n: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  const rand = mulberry32(opts.seed ?? 0x5eed);
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
