// A distribution-free confidence interval for a median: the order statistics x_(r) and
// x_(n-r+1) with the largest r such that 2·P(Binomial(n, ½) ≤ r − 1) ≤ 1 − level. It covers the
// median with at least that probability whatever the distribution, so micro-benchmark samples
// (skewed, with outliers) need no normality. interop/python/bench/results.py computes the same
// interval for pyperf's values; both are tested against the same tabulated ranks.

export interface MedianInterval {
  low: number;
  high: number;
}

/** k ↦ log P(Binomial(n, ½) = k), from a table of log factorials (exact enough for n in the millions). */
function logBinomialPmfHalf(n: number): (k: number) => number {
  const logFact = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) logFact[i] = logFact[i - 1]! + Math.log(i);
  const logHalfN = n * Math.log(0.5);
  return (k) => logFact[n]! - logFact[k]! - logFact[n - k]! + logHalfN;
}

/** The rank r (1-based) of the lower end, or 0 when n is too small for `level`. */
export function lowerRank(n: number, level: number): number {
  const tail = (1 - level) / 2;
  const pmf = logBinomialPmfHalf(n);
  let below = 0;
  let r = 0;
  // Tiny relative slack: a tabulated boundary (n = 6 at 95%: 2 × 1/64 = 0.03125 ≤ 0.05) must not
  // flip on rounding in the sums.
  for (let j = 0; j < n; j++) {
    const p = Math.exp(pmf(j));
    if (below + p > tail * (1 + 1e-12)) break;
    below += p;
    r = j + 1;
  }
  return r;
}

/** The interval for the median of `values`, or null when there are too few (n < 6 at 95%). */
export function medianInterval(values: readonly number[], level = 0.95): MedianInterval | null {
  const xs = [...values].sort((a, b) => a - b);
  const r = lowerRank(xs.length, level);
  if (r === 0) return null;
  return { low: xs[r - 1]!, high: xs[xs.length - r]! };
}
