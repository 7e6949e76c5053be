// Wilcoxon's signed-rank test and the Hodges–Lehmann interval for the centre of paired differences
// (here: per-round log-ratios). Distribution-free for any continuous distribution symmetric about
// its centre, and robust where the t interval is not: one round that hit a platform stall moves a
// mean and a standard deviation a lot, and a rank only by one.
//
// Everything is read off the n(n+1)/2 Walsh averages (d_i + d_j)/2, i ≤ j: the estimate is their
// median, the interval two of their order statistics, and the test statistic W+ for a centre θ
// equals the number of Walsh averages above θ. So the interval and the p-values can never
// disagree: the interval excludes θ exactly when the one-sided p-value is below its tail level.
// The null distribution of W+ is exact (a small dynamic programme), not the normal approximation.

/** P(W+ ≤ w) for w = 0 … n(n+1)/2, under the null (each rank's sign a fair coin). */
export function signedRankCdf(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  // Probabilities rather than counts: 2^n overflows exact integers beyond n = 53.
  let pmf = new Float64Array(max + 1);
  pmf[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    const next = new Float64Array(max + 1);
    const top = (rank * (rank + 1)) / 2;
    for (let w = 0; w <= top; w++) next[w] = 0.5 * (pmf[w]! + (w >= rank ? pmf[w - rank]! : 0));
    pmf = next;
  }
  const cdf = new Float64Array(max + 1);
  let s = 0;
  for (let w = 0; w <= max; w++) cdf[w] = s += pmf[w]!;
  return cdf;
}

/** The sorted Walsh averages of `d`. */
export function walshAverages(d: readonly number[]): Float64Array {
  const out = new Float64Array((d.length * (d.length + 1)) / 2);
  let k = 0;
  for (let i = 0; i < d.length; i++) for (let j = i; j < d.length; j++) out[k++] = (d[i]! + d[j]!) / 2;
  return out.sort();
}

export interface SignedRank {
  n: number;
  walsh: Float64Array;
  cdf: Float64Array;
}

export function signedRank(d: readonly number[]): SignedRank {
  return { n: d.length, walsh: walshAverages(d), cdf: signedRankCdf(d.length) };
}

/** The Hodges–Lehmann estimate: the median of the Walsh averages. */
export function hodgesLehmann(s: SignedRank): number {
  const w = s.walsh;
  const mid = w.length >> 1;
  return w.length % 2 ? w[mid]! : (w[mid - 1]! + w[mid]!) / 2;
}

/**
 * The largest c with P(W+ ≤ c) ≤ tail, or −1 when even c = 0 is too likely (too few pairs:
 * P(W+ = 0) = 2^−n, so a two-sided 95% interval needs n ≥ 6).
 */
export function criticalCount(cdf: Float64Array, tail: number): number {
  let c = -1;
  // Tiny relative slack so a tabulated boundary (n = 6: P(W+ ≤ 0) = 1/64) cannot flip on rounding.
  while (c + 1 < cdf.length && cdf[c + 1]! <= tail * (1 + 1e-12)) c++;
  return c;
}

/** The two-sided interval at `confidence`, or null when n is too small for it. */
export function hodgesLehmannInterval(s: SignedRank, confidence: number): [number, number] | null {
  const c = criticalCount(s.cdf, (1 - confidence) / 2);
  if (c < 0) return null;
  // P(θ < walsh[c]) = P(W+ ≤ c): the (c+1)-th smallest Walsh average is the lower bound.
  return [s.walsh[c]!, s.walsh[s.walsh.length - 1 - c]!];
}

/** Walsh averages above θ (ties count half): W+ of the differences shifted by θ. */
function countAbove(walsh: Float64Array, theta: number): number {
  let above = 0;
  let equal = 0;
  for (const w of walsh) {
    if (w > theta) above++;
    else if (w === theta) equal++;
  }
  return above + equal / 2;
}

/** One-sided p-value for "the centre is above θ": P(W+ ≥ observed) under the null. */
export function signedRankPAbove(s: SignedRank, theta: number): number {
  const observed = Math.floor(countAbove(s.walsh, theta));
  // P(W+ ≥ k) = 1 − P(W+ ≤ k − 1); the symmetric form avoids cancellation in the far tail.
  const max = s.walsh.length;
  return observed <= 0 ? 1 : Math.min(1, s.cdf[max - observed]!);
}

/** One-sided p-value for "the centre is below θ". */
export function signedRankPBelow(s: SignedRank, theta: number): number {
  const below = Math.floor(s.walsh.length - countAbove(s.walsh, theta));
  return below <= 0 ? 1 : Math.min(1, s.cdf[s.walsh.length - below]!);
}
