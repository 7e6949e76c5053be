// Distribution-free confidence intervals for a percentile, from order statistics (the method
// Lancet, ATC 2019, sizes its runs with): the number of samples below the true p-quantile is
// Binomial(n, p), so the ranks np ∓ z·√(np(1−p)) bound a 95% interval. It assumes independent
// samples; latencies under load are autocorrelated (a stall delays a run of requests), which
// measure/ checks with the lag-1 correlation before trusting the interval.

export const Z95 = 1.959964;

/** 1-based ranks [lo, hi] of the interval, or undefined when n is too small for one (p99: n < 299). */
export function quantileRankInterval(n: number, p: number, z = Z95): { lo: number; hi: number } | undefined {
  if (!(p > 0 && p < 1) || n <= 0) return undefined;
  const centre = n * p;
  const half = z * Math.sqrt(n * p * (1 - p));
  const lo = Math.floor(centre - half);
  const hi = Math.ceil(centre + half) + 1;
  if (lo < 1 || hi > n) return undefined;
  return { lo, hi };
}

export interface PercentileEstimate {
  /** The p-quantile (nearest rank, ceil(np)). */
  value: number;
  /** 95% order-statistic interval; null when there are too few samples for one. */
  lo: number | null;
  hi: number | null;
}

/** p-quantile of ascending `sorted` with its interval. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number, z = Z95): PercentileEstimate | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  const value = sorted[Math.min(n - 1, Math.max(0, Math.ceil(n * p) - 1))]!;
  const r = quantileRankInterval(n, p, z);
  return { value, lo: r ? sorted[r.lo - 1]! : null, hi: r ? sorted[r.hi - 1]! : null };
}

/** Lag-1 autocorrelation of a series in time order (independence check for the interval). */
export function lag1Correlation(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 3) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i]!;
  mean /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - mean;
    den += d * d;
    if (i > 0) num += d * (xs[i - 1]! - mean);
  }
  return den === 0 ? 0 : num / den;
}
