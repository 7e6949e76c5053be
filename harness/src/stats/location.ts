// The centre of a sample on the analysis scale (log values for ratios and levels, plain values for
// shares), with its interval and one-sided p-values, by one of a few methods. A sample is plain
// data (JSON), so a comparison can carry it and the gate and the claims can test it against a
// limit and at a Holm-adjusted level later without re-reading the runs.
//
// The rule for paired data (per-round log-ratios, `chooseMethod`):
//   fewer than 12 pairs  paired t on the logs. The only one of the three with an honest interval
//                        this small: the signed-rank test's smallest one-sided p-value is 2^−n
//                        (n = 6 cannot reach a Holm level of 0.025/4), and a bootstrap over 3–5
//                        rounds covers 80–89% for a nominal 95% (gate/README.md).
//   12 pairs or more     Wilcoxon signed-rank with the Hodges–Lehmann interval: exact, needs no
//                        normality, and one round that met a platform stall moves it by one rank
//                        where it would inflate the t interval's standard deviation. 2^−12 =
//                        0.00024 reaches the Holm level of a gate with 100 comparisons.
//   bootstrap over rounds never by the rule (`--method bootstrap` only): its percentile interval
//                        under-covers at the round counts runs have, and its p-values resolve only
//                        to 1/(resamples + 1), too coarse for the far tail Holm levels reach.
import { mean, variance } from './describe.ts';
import type { Estimate, IntervalMethod } from './interval.ts';
import { bootstrapInterval, bootstrapMeans, bootstrapPAbove, bootstrapPBelow, bootstrapPoint } from './round-bootstrap.ts';
import { hodgesLehmann, hodgesLehmannInterval, signedRank, signedRankPAbove, signedRankPBelow, type SignedRank } from './signed-rank.ts';
import { tCdf, tQuantile } from './student-t.ts';

export type PairedMethod = 'paired-log-t' | 'wilcoxon-hl' | 'round-bootstrap';
export type UnpairedMethod = 'welch-log-t' | 'bootstrap';

export type LocationSample =
  /**
   * One value per matched round: log(B) − log(A); or one value per repetition of a level (its
   * logs, 'log-t', or plain values, 't': a one-sample t is the paired t's arithmetic).
   */
  | { design: 'paired'; method: PairedMethod | 'log-t' | 't'; d: number[] }
  /** Two independent sides (log values): their means' difference. */
  | { design: 'unpaired'; method: UnpairedMethod; a: number[]; b: number[] };

export const SIGNED_RANK_MIN_PAIRS = 12;

export function chooseMethod(pairs: number): { method: PairedMethod; why: string } {
  if (pairs < SIGNED_RANK_MIN_PAIRS) return { method: 'paired-log-t', why: `${pairs} pairs: paired t on the logs (fewer than ${SIGNED_RANK_MIN_PAIRS}, where the signed-rank test's p-values are too coarse)` };
  return { method: 'wilcoxon-hl', why: `${pairs} pairs: Wilcoxon signed-rank with the Hodges–Lehmann interval (${SIGNED_RANK_MIN_PAIRS} or more)` };
}

export const METHOD_TEXT: Record<IntervalMethod, string> = {
  'paired-log-t': 'paired t on log-ratios',
  'wilcoxon-hl': 'Wilcoxon signed-rank (Hodges–Lehmann)',
  'round-bootstrap': 'bootstrap over rounds',
  'welch-log-t': "Welch's t on logs (unpaired)",
  bootstrap: 'bootstrap over repetitions (unpaired)',
  'log-t': 't on logs',
  t: 't',
};

export function sizeOf(s: LocationSample): { n_a: number; n_b: number } {
  return s.design === 'paired' ? { n_a: s.d.length, n_b: s.d.length } : { n_a: s.a.length, n_b: s.b.length };
}

const ranks = new WeakMap<LocationSample, SignedRank>();
const boots = new WeakMap<LocationSample, Float64Array>();

function signedRankOf(s: LocationSample & { design: 'paired' }): SignedRank {
  let r = ranks.get(s);
  if (!r) ranks.set(s, (r = signedRank(s.d)));
  return r;
}

function bootOf(s: LocationSample): Float64Array {
  let b = boots.get(s);
  if (!b) boots.set(s, (b = s.design === 'paired' ? bootstrapMeans(s.d, []) : bootstrapMeans(s.b, s.a)));
  return b;
}

/** Mean, standard error and degrees of freedom of the t methods. */
function tParts(s: LocationSample): { m: number; se: number; df: number } {
  if (s.design === 'paired') return { m: mean(s.d), se: Math.sqrt(variance(s.d) / s.d.length), df: s.d.length - 1 };
  const va = variance(s.a) / s.a.length;
  const vb = variance(s.b) / s.b.length;
  const se = Math.sqrt(va + vb);
  // Welch–Satterthwaite: the two sides may be unequally noisy.
  const df = se === 0 ? s.a.length + s.b.length - 2 : (va + vb) ** 2 / (va ** 2 / (s.a.length - 1) + vb ** 2 / (s.b.length - 1));
  return { m: mean(s.b) - mean(s.a), se, df };
}

const isT = (s: LocationSample) => s.method === 'paired-log-t' || s.method === 'welch-log-t' || s.method === 'log-t' || s.method === 't';

/** The point estimate on the analysis scale. */
export function centre(s: LocationSample): number {
  if (isT(s)) return tParts(s).m;
  if (s.method === 'wilcoxon-hl') return hodgesLehmann(signedRankOf(s as LocationSample & { design: 'paired' }));
  return s.design === 'paired' ? bootstrapPoint(s.d, []) : bootstrapPoint(s.b, s.a);
}

/** The two-sided interval on the analysis scale, or null when the method cannot reach `confidence` with this n. */
export function interval(s: LocationSample, confidence: number): [number, number] | null {
  if (isT(s)) {
    const { m, se, df } = tParts(s);
    const half = se === 0 ? 0 : tQuantile((1 + confidence) / 2, df) * se;
    return [m - half, m + half];
  }
  if (s.method === 'wilcoxon-hl') return hodgesLehmannInterval(signedRankOf(s as LocationSample & { design: 'paired' }), confidence);
  return bootstrapInterval(bootOf(s), confidence);
}

/** One-sided p-value for "the true centre is above θ" (on the analysis scale). */
export function pAbove(s: LocationSample, theta: number): number {
  if (isT(s)) {
    const { m, se, df } = tParts(s);
    if (se === 0) return m > theta ? 0 : 1;
    return 1 - tCdf((m - theta) / se, df);
  }
  if (s.method === 'wilcoxon-hl') return signedRankPAbove(signedRankOf(s as LocationSample & { design: 'paired' }), theta);
  return bootstrapPAbove(bootOf(s), theta);
}

/** One-sided p-value for "the true centre is below θ". */
export function pBelow(s: LocationSample, theta: number): number {
  if (isT(s)) {
    const { m, se, df } = tParts(s);
    if (se === 0) return m < theta ? 0 : 1;
    return tCdf((m - theta) / se, df);
  }
  if (s.method === 'wilcoxon-hl') return signedRankPBelow(signedRankOf(s as LocationSample & { design: 'paired' }), theta);
  return bootstrapPBelow(bootOf(s), theta);
}

/** Two-sided p-value for "the true centre is θ". */
export function pTwoSided(s: LocationSample, theta: number): number {
  return Math.min(1, 2 * Math.min(pAbove(s, theta), pBelow(s, theta)));
}

/**
 * The typed estimate at `confidence`, mapped back from the analysis scale (`back`: Math.exp for
 * ratios and log levels). Insufficient when the method has no interval at this level.
 */
export function estimateOf(s: LocationSample, confidence: number, back: (x: number) => number = Math.exp): Estimate {
  const { n_a, n_b } = sizeOf(s);
  const iv = interval(s, confidence);
  if (!iv) return { kind: 'insufficient', reasons: [`${METHOD_TEXT[s.method]} has no ${Math.round(confidence * 1000) / 10}% interval with ${n_a} pairs`], n_a, n_b };
  return { kind: 'interval', estimate: back(centre(s)), ci_low: back(iv[0]), ci_high: back(iv[1]), confidence, method: s.method, n_a, n_b };
}
