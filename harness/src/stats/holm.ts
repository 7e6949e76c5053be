// Holm–Bonferroni: a family of m tests whose chance of one or more false rejections stays at α,
// uniformly more powerful than Bonferroni. Sort the p-values ascending; the k-th smallest is
// compared with α / (m − k + 1), and testing stops at the first that fails. A gate over 40
// comparisons would otherwise be 40 chances of a false alarm.

export interface HolmStep {
  p_raw: number;
  /** max over the j ≤ k smallest of min(1, (m − j + 1)·p_(j)): reject when ≤ α. */
  p_adjusted: number;
  /** 1-based position in ascending order of p_raw (ties keep input order). */
  rank: number;
  /** α / (m − rank + 1): the level this test is held to. */
  level: number;
  rejected: boolean;
}

/** One step per p-value, in input order. */
export function holm(ps: readonly number[], alpha: number): HolmStep[] {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`holm: alpha must be in (0, 1), got ${alpha}`);
  const m = ps.length;
  const order = ps.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p || x.i - y.i);
  const out = new Array<HolmStep>(m);
  let running = 0;
  order.forEach(({ p, i }, k) => {
    const factor = m - k;
    running = Math.max(running, Math.min(1, factor * p));
    out[i] = { p_raw: p, p_adjusted: running, rank: k + 1, level: alpha / factor, rejected: running <= alpha };
  });
  return out;
}
