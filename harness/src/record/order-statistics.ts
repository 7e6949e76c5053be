// Distribution-free confidence intervals for a percentile, from order statistics (the method
// Lancet, ATC 2019, sizes its runs with): the number of samples below the true p-quantile is
// Binomial(n, p), so the ranks np ∓ z·√(np(1−p)) bound a 95% interval. It assumes independent
// samples; latencies under load are autocorrelated (a stall delays a run of requests), so the
// interval is checked with the lag-1 correlation and widened when the check fails (below).

export const Z95 = 1.959964;

/**
 * 1-based ranks [lo, hi] of the interval, or undefined when n is too small for one (p99: n < 563).
 * `n_eff` (default n) is the effective sample size of dependent samples: the binomial spread of
 * the count below the quantile is that of n_eff independent samples, scaled to the n ranks.
 */
export function quantileRankInterval(n: number, p: number, z = Z95, n_eff = n): { lo: number; hi: number } | undefined {
  if (!(p > 0 && p < 1) || n <= 0 || !(n_eff > 0)) return undefined;
  const centre = n * p;
  const half = z * n * Math.sqrt((p * (1 - p)) / Math.min(n, n_eff));
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

/** p-quantile of ascending `sorted` with its interval (from `n_eff` effective samples, default all). */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number, z = Z95, n_eff = sorted.length): PercentileEstimate | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  const value = sorted[Math.min(n - 1, Math.max(0, Math.ceil(n * p) - 1))]!;
  const r = quantileRankInterval(n, p, z, n_eff);
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

/**
 * The independence check. Above this lag-1 correlation the samples are treated as dependent: at
 * the sample sizes of a measure phase (thousands), the correlation of independent samples has a
 * standard error of 1/√n ≤ 0.02, so 0.05 is well beyond chance.
 */
export const LAG1_LIMIT = 0.05;

export interface Dependence {
  lag1: number;
  /** False when |lag1| exceeds LAG1_LIMIT. */
  independent: boolean;
  /** Samples the interval is computed from: n, or n (1 − ρ) / (1 + ρ) when the check failed with ρ > 0. */
  n_eff: number;
}

/**
 * What the check does when it fails: the interval is widened, not merely flagged. Latencies under
 * open-loop load are nearly always positively correlated (a queue or a stall slows a run of
 * consecutive requests), so a flag would be on almost every phase and say nothing, while the
 * interval computed as if the samples were independent would be too narrow and a precision-driven
 * phase would stop too early. The AR(1) effective sample size n (1 − ρ) / (1 + ρ) (the variance
 * inflation of a mean of an AR(1) series) keeps the order-statistic method and asks for more
 * samples as the dependence grows; a phase where n_eff is too small for an interval at all has
 * none and is "not measured to precision". A negative ρ (alternating fast and slow) would narrow
 * the interval, which is not taken: n stays n.
 */
export function dependenceOf(n: number, lag1: number): Dependence {
  const independent = Math.abs(lag1) <= LAG1_LIMIT;
  const n_eff = independent || lag1 <= 0 ? n : (n * (1 - lag1)) / (1 + lag1);
  return { lag1, independent, n_eff };
}
