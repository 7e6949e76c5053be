// One metric's ratio B/A from two sets of repetitions: the rounds are matched when they can be
// (stats/pairing.ts), the interval method follows the number of pairs (stats/location.ts), and
// the result carries its sample so the gate and the claims can test it against a limit and at a
// Holm-adjusted level.
import type { Estimate } from '../stats/interval.ts';
import { chooseMethod, estimateOf, type LocationSample, type PairedMethod } from '../stats/location.ts';
import { matchRounds, type Keyed } from '../stats/pairing.ts';
import type { MetricDef } from './metrics.ts';
import type { Units } from './units.ts';

/** auto: the rule by number of pairs; the others force one method. */
export type CompareMethod = 'auto' | 't' | 'signed-rank' | 'bootstrap';
export const COMPARE_METHODS: readonly CompareMethod[] = ['auto', 't', 'signed-rank', 'bootstrap'];

/** rounds: pair by round when the rounds match; none: always unpaired. */
export type PairingMode = 'rounds' | 'none';

export interface EstimateOptions {
  method: CompareMethod;
  confidence: number;
  min_n: number;
  pairing: PairingMode;
}

export interface MetricSample {
  /** Per-repetition values (null-valued repetitions dropped). */
  values: number[];
  /** The round of each value (`r<repetition>`; capacity records: `<run>#<i>`), for pairing. */
  keys: string[];
}

export type PairingInfo =
  | { kind: 'paired'; rounds: number; unmatched: string[]; rule: string }
  | { kind: 'unpaired'; reason: string };

export interface RatioAnalysis {
  /** B/A with its interval at the comparison's confidence, or why there is none. */
  ratio: Estimate;
  /** What the interval was computed from (log scale), for tests at other levels; null when insufficient. */
  sample: LocationSample | null;
  pairing: PairingInfo;
}

export function sampleOf(def: MetricDef, units: Units): MetricSample {
  if (def.source === 'capacity') {
    const rows = units.capacity.flatMap((c, i) => {
      const v = def.value(c);
      return v === null ? [] : [{ v, key: `${c.run_id}#${i}` }];
    });
    return { values: rows.map((r) => r.v), keys: rows.map((r) => r.key) };
  }
  const rows = units.measurements.flatMap((m) => {
    const v = def.value(m);
    return v === null ? [] : [{ v, key: `r${m.repetition}` }];
  });
  return { values: rows.map((r) => r.v), keys: rows.map((r) => r.key) };
}

function nonPositive(name: string, xs: readonly number[]): string[] {
  const bad = xs.filter((x) => !(x > 0) || !Number.isFinite(x));
  return bad.length ? [`${name} has ${bad.length} value(s) that are not positive and finite (${bad.slice(0, 3).join(', ')}); a ratio needs positive values`] : [];
}

const keyed = (s: MetricSample): Keyed[] => s.values.map((value, i) => ({ key: s.keys[i]!, value }));

function pairedMethod(method: CompareMethod, n: number): { method: PairedMethod; rule: string } {
  if (method === 'auto') {
    const c = chooseMethod(n);
    return { method: c.method, rule: c.why };
  }
  const forced = ({ t: 'paired-log-t', 'signed-rank': 'wilcoxon-hl', bootstrap: 'round-bootstrap' } as const)[method];
  return { method: forced, rule: `--method ${method}` };
}

/**
 * B/A for one metric. `pairable`: true when the two sides' rounds may be matched (A and B
 * measured in the same rounds), or the reason they may not.
 */
export function analyseRatio(a: MetricSample, b: MetricSample, pairable: true | string, opts: EstimateOptions): RatioAnalysis {
  const reasons: string[] = [];
  if (a.values.length < opts.min_n) reasons.push(`A has ${a.values.length} repetition(s), at least ${opts.min_n} needed`);
  if (b.values.length < opts.min_n) reasons.push(`B has ${b.values.length} repetition(s), at least ${opts.min_n} needed`);
  reasons.push(...nonPositive('A', a.values), ...nonPositive('B', b.values));

  const why_not = opts.pairing === 'none' ? 'pairing off (--pairing none)' : pairable;
  const pairing = why_not === true ? matchRounds(keyed(a), keyed(b), opts.min_n) : ({ kind: 'unpaired', reason: why_not } as const);
  let info: PairingInfo;
  let sample: LocationSample;
  if (pairing.kind === 'paired') {
    const chosen = pairedMethod(opts.method, pairing.keys.length);
    info = { kind: 'paired', rounds: pairing.keys.length, unmatched: pairing.unmatched, rule: chosen.rule };
    sample = { design: 'paired', method: chosen.method, d: pairing.b.map((x, i) => Math.log(x) - Math.log(pairing.a[i]!)) };
  } else {
    info = pairing;
    // The signed-rank test needs pairs; unpaired data get Welch, and the pairing reason says why.
    sample = { design: 'unpaired', method: opts.method === 'bootstrap' ? 'bootstrap' : 'welch-log-t', a: a.values.map(Math.log), b: b.values.map(Math.log) };
  }
  if (reasons.length) return { ratio: { kind: 'insufficient', reasons, n_a: a.values.length, n_b: b.values.length }, sample: null, pairing: info };
  const ratio = estimateOf(sample, opts.confidence);
  return { ratio, sample: ratio.kind === 'interval' ? sample : null, pairing: info };
}

/** Geometric mean of positive values: the level each side's ratio is built from. */
export function geometricMean(xs: readonly number[]): number | null {
  if (xs.length === 0 || xs.some((x) => !(x > 0))) return null;
  return Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
}
