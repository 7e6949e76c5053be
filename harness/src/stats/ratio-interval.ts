// Confidence interval for the ratio B/A of a metric measured in independent repetitions.
//
// Why a t interval on logs rather than a bootstrap over repetitions: the unit of independence is
// the repetition (requests inside one are autocorrelated: one GC pause or one noisy neighbour
// moves hundreds of them), and there are only 3–5 repetitions. A percentile bootstrap over 3
// units has only 10 distinct resamples and its interval is systematically too narrow (coverage
// ~70% at a nominal 95%, see gate/README.md). Latency percentiles, RSS and throughput are
// positive and multiplicative, so their logs are close to normal and the ratio is a difference of
// log means: Welch's t on logs gives an interval whose coverage stays near nominal even at n = 3.
// Within one run the repetitions of two processors are interleaved, so repetition i of A and B
// saw the same machine state: pairing them (a one-sample t on the log differences) removes
// that shared drift.
import { mean, variance } from './describe.ts';
import { resolveOptions, type Estimate, type IntervalOptions } from './interval.ts';
import { tQuantile } from './student-t.ts';

export interface RatioOptions extends IntervalOptions {
  /** a[i] and b[i] were measured side by side (same repetition index, same run). */
  paired?: boolean;
}

function nonPositive(name: string, xs: readonly number[]): string[] {
  const bad = xs.filter((x) => !(x > 0) || !Number.isFinite(x));
  return bad.length ? [`${name} has ${bad.length} value(s) that are not positive and finite (${bad.slice(0, 3).join(', ')}); a ratio needs positive values`] : [];
}

/** Interval for B/A (the geometric-mean ratio), from per-repetition values of A and B. */
export function ratioInterval(a: readonly number[], b: readonly number[], opts?: RatioOptions): Estimate {
  const { confidence, min_n } = resolveOptions(opts);
  const reasons: string[] = [];
  if (a.length < min_n) reasons.push(`A has ${a.length} repetition(s), at least ${min_n} needed`);
  if (b.length < min_n) reasons.push(`B has ${b.length} repetition(s), at least ${min_n} needed`);
  reasons.push(...nonPositive('A', a), ...nonPositive('B', b));
  if (opts?.paired && a.length !== b.length) reasons.push(`paired comparison needs equal repetitions (A ${a.length}, B ${b.length})`);
  if (reasons.length) return { kind: 'insufficient', reasons, n_a: a.length, n_b: b.length };

  const la = a.map(Math.log);
  const lb = b.map(Math.log);
  const upper = (1 + confidence) / 2;
  if (opts?.paired) {
    const d = lb.map((x, i) => x - la[i]!);
    const m = mean(d);
    const se = Math.sqrt(variance(d) / d.length);
    const half = se === 0 ? 0 : tQuantile(upper, d.length - 1) * se;
    return { kind: 'interval', estimate: Math.exp(m), ci_low: Math.exp(m - half), ci_high: Math.exp(m + half), confidence, method: 'paired-log-t', n_a: a.length, n_b: b.length };
  }
  const va = variance(la) / la.length;
  const vb = variance(lb) / lb.length;
  const m = mean(lb) - mean(la);
  const se = Math.sqrt(va + vb);
  // Welch–Satterthwaite degrees of freedom: the two sides may be unequally noisy.
  const df = se === 0 ? la.length + lb.length - 2 : (va + vb) ** 2 / (va ** 2 / (la.length - 1) + vb ** 2 / (lb.length - 1));
  const half = se === 0 ? 0 : tQuantile(upper, df) * se;
  return { kind: 'interval', estimate: Math.exp(m), ci_low: Math.exp(m - half), ci_high: Math.exp(m + half), confidence, method: 'welch-log-t', n_a: a.length, n_b: b.length };
}
