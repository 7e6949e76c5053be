// The gate's decision. For each scenario × processor × limited metric: the ratio
// candidate/baseline (compare's estimator: rounds paired when they match, the interval method by
// number of pairs), and a one-sided test that the change lies beyond the limit. Every row's test
// belongs to one family, Holm-corrected, so a gate of 40 comparisons is not 40 chances of a false
// alarm:
//   regression        the Holm-adjusted p ≤ α = (1 − confidence)/2, which is the whole interval
//                     at the row's Holm level lying beyond the limit (lower bound > 1 + x for a
//                     latency, upper bound < 1 − x for a throughput): significance and
//                     magnitude at once;
//   improvement       the interval at the row's Holm level lies wholly on the better side of 1;
//   insufficient-data fewer than min_n repetitions on a side (or no usable values);
//   pass              otherwise.
// Why "the whole interval beyond the limit", not "the point estimate beyond the limit": a gate
// that fails a pull request must be wrong rarely. A change exactly at the limit is called a
// regression at most α of the time, and a change of zero (an A/A pair) far less often; the price
// is power, which the proof benchmark measures (README).
// A second rule, `estimate-beyond-limit` (--rule), trades a higher false-alarm rate at the limit
// for power: the point estimate beyond the limit and a significant (Holm-adjusted) change from 1.
// The exit code: 1 if anything regressed; else 2 if anything had insufficient data; else 0.
import { compareRuns, type ComparisonRow, type SideValue } from '../compare/compare.ts';
import type { CompareMethod, PairingInfo, PairingMode } from '../compare/estimate.ts';
import type { MetricId } from '../compare/metrics.ts';
import { coverage } from '../compare/units.ts';
import type { RunRecord } from '../results/schema.ts';
import { holm } from '../stats/holm.ts';
import type { Estimate } from '../stats/interval.ts';
import { estimateOf, pAbove, pBelow, type LocationSample } from '../stats/location.ts';
import { limitFor, type Limit } from './limits.ts';

export type GateVerdict =
  | { kind: 'pass'; reasons: string[] }
  | { kind: 'regression'; reasons: string[] }
  | { kind: 'improvement'; reasons: string[] }
  | { kind: 'insufficient-data'; reasons: string[] };

export interface GateRow {
  scenario: string;
  processor: string;
  metric: MetricId;
  label: string;
  limit: { text: string; bound: number; better: 'lower' | 'higher' };
  baseline: SideValue;
  candidate: SideValue;
  /** Candidate / baseline, at the gate's confidence: the same interval compare and the dashboard show. */
  ratio: Estimate;
  pairing: PairingInfo;
  sample: LocationSample | null;
  test: GateTest | null;
  verdict: GateVerdict;
}

/** The row's one-sided test, Holm-adjusted over every row of the gate. */
export interface GateTest {
  /** p of "the change is not beyond the limit" (estimate-beyond-limit: "no change in the worse direction"). */
  p_raw: number;
  p_adjusted: number;
  /** The one-sided level this row is held to: α / (m − rank + 1), α = (1 − confidence) / 2. */
  level: number;
  /** Rows tested (rows with an interval). */
  family: number;
  /** The two-sided interval at 1 − 2·level, the level Holm holds this row to. */
  adjusted: Estimate;
}

export type GateOutcome = 'pass' | 'regression' | 'insufficient-data';

export interface GateResult {
  kind: 'result';
  baseline_runs: string[];
  candidate_run: string;
  confidence: number;
  method: CompareMethod;
  pairing: PairingMode;
  rule: GateRule;
  min_n: number;
  rows: GateRow[];
  outcome: GateOutcome;
  exit_code: 0 | 1 | 2;
  notes: string[];
}

/** Inputs that cannot be gated at all (not a verdict): exit 2 with every problem listed. */
export interface GateError {
  kind: 'error';
  problems: string[];
  exit_code: 2;
}

export type GateRule = 'ci-beyond-limit' | 'estimate-beyond-limit';
export const GATE_RULES: readonly GateRule[] = ['ci-beyond-limit', 'estimate-beyond-limit'];

export interface GateOptions {
  rule?: GateRule;
  method?: CompareMethod;
  pairing?: PairingMode;
  confidence?: number;
  min_n?: number;
  processors?: readonly string[];
  include_driver_limited?: boolean;
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
const pText = (p: number) => (p < 0.0001 ? '<0.0001' : p.toFixed(4));

/** The one-sided p of the row's regression hypothesis, before the correction. */
export function regressionP(sample: LocationSample, limit: Limit, rule: GateRule): number {
  const theta = rule === 'ci-beyond-limit' ? Math.log(limit.bound) : 0;
  return limit.better === 'lower' ? pAbove(sample, theta) : pBelow(sample, theta);
}

/** Decides one row from its interval and its Holm-adjusted test. `alpha`: the one-sided level, (1 − confidence)/2. */
export function verdictFor(ratio: Estimate, test: GateTest | null, limit: Limit, rule: GateRule, alpha: number): GateVerdict {
  if (ratio.kind === 'insufficient') return { kind: 'insufficient-data', reasons: ratio.reasons };
  if (!test) return { kind: 'insufficient-data', reasons: ['no test'] };
  // The adjusted interval is what a reader checks; the decision is the adjusted p, which exists
  // even where a method has no interval that wide (the signed-rank one at a very strict level).
  const adj = test.adjusted.kind === 'interval' ? test.adjusted : null;
  const level = `${(100 * (1 - 2 * test.level)).toFixed(2)}%`;
  const ci = adj ? `interval [${pct(adj.ci_low - 1)}, ${pct(adj.ci_high - 1)}] at the Holm level ${level}` : `no interval at the Holm level ${level}`;
  const p = `p ${pText(test.p_raw)}, Holm-adjusted over ${test.family} ${pText(test.p_adjusted)}`;
  const significant = test.p_adjusted <= alpha;
  if (rule === 'estimate-beyond-limit') {
    const past = limit.better === 'lower' ? ratio.estimate > limit.bound : ratio.estimate < limit.bound;
    if (significant && past) return { kind: 'regression', reasons: [`change ${pct(ratio.estimate - 1)} is beyond the limit ${limit.text} and significant (${p} ≤ ${alpha})`] };
  } else if (significant) {
    return { kind: 'regression', reasons: [`${ci} lies entirely beyond the limit ${limit.text} (${p} ≤ ${alpha})`] };
  }
  const better = adj !== null && (limit.better === 'lower' ? adj.ci_high < 1 : adj.ci_low > 1);
  if (better) return { kind: 'improvement', reasons: [`${ci} lies entirely on the better side of no change`] };
  return {
    kind: 'pass',
    reasons: [rule === 'ci-beyond-limit' ? `${ci} does not lie entirely beyond the limit ${limit.text} (${p} > ${alpha})` : `change ${pct(ratio.estimate - 1)}: not a significant change beyond ${limit.text} (${p})`],
  };
}

function mismatches(baseline: readonly RunRecord[], candidate: RunRecord, limits: readonly Limit[], processors?: readonly string[]): string[] {
  const b = coverage(baseline);
  const c = coverage([candidate]);
  const problems: string[] = [];
  for (const s of b.scenarios) if (!c.scenarios.includes(s)) problems.push(`scenario "${s}" is in the baseline but not in the candidate ${candidate.manifest.run_id}`);
  for (const s of c.scenarios) if (!b.scenarios.includes(s)) problems.push(`scenario "${s}" is in the candidate but not in the baseline`);
  const want = processors ?? [...new Set([...b.processors, ...c.processors])];
  for (const p of want) {
    if (!b.processors.includes(p)) problems.push(`processor "${p}" is not in the baseline`);
    if (!c.processors.includes(p)) problems.push(`processor "${p}" is not in the candidate`);
  }
  for (const l of limits) {
    if (l.scenario !== null && !(b.scenarios.includes(l.scenario) && c.scenarios.includes(l.scenario))) {
      problems.push(`limit "${l.text}" names scenario "${l.scenario}", which is not in both the baseline and the candidate`);
    }
  }
  if (baseline.length === 0) problems.push('the baseline has no runs');
  return problems;
}

export function gate(baseline: readonly RunRecord[], candidate: RunRecord, limits: readonly Limit[], opts?: GateOptions): GateResult | GateError {
  const problems = mismatches(baseline, candidate, limits, opts?.processors);
  if (problems.length) return { kind: 'error', problems, exit_code: 2 };

  const metrics = [...new Set(limits.map((l) => l.metric))];
  const rule = opts?.rule ?? 'ci-beyond-limit';
  const comparison = compareRuns(baseline, [candidate], {
    metrics,
    method: opts?.method ?? 'auto',
    pairing: opts?.pairing ?? 'rounds',
    ...(opts?.confidence !== undefined && { confidence: opts.confidence }),
    ...(opts?.min_n !== undefined && { min_n: opts.min_n }),
    include_driver_limited: opts?.include_driver_limited ?? false,
  });
  const gated: Array<{ r: ComparisonRow; limit: Limit }> = [];
  for (const r of comparison.rows) {
    if (opts?.processors && !opts.processors.includes(r.a.processor)) continue;
    const limit = limitFor(limits, r.scenario, r.metric);
    if (limit) gated.push({ r, limit });
  }
  const rows = testedRows(gated, rule, comparison.confidence);
  const notes = [...comparison.notes];
  for (const l of limits) if (!rows.some((r) => r.metric === l.metric)) notes.push(`limit "${l.text}": no scenario has values for ${l.metric}, nothing was gated on it`);
  const outcome: GateOutcome = rows.some((r) => r.verdict.kind === 'regression')
    ? 'regression'
    : rows.some((r) => r.verdict.kind === 'insufficient-data') || rows.length === 0
      ? 'insufficient-data'
      : 'pass';
  if (rows.length === 0) notes.push('no metric could be gated');
  return {
    kind: 'result',
    baseline_runs: baseline.map((r) => r.manifest.run_id),
    candidate_run: candidate.manifest.run_id,
    confidence: comparison.confidence,
    method: comparison.method,
    pairing: comparison.pairing,
    rule,
    min_n: comparison.min_n,
    rows,
    outcome,
    exit_code: outcome === 'regression' ? 1 : outcome === 'insufficient-data' ? 2 : 0,
    notes,
  };
}

/** Holm over every gated row that has an interval; each row is then decided on its adjusted test. */
function testedRows(gated: ReadonlyArray<{ r: ComparisonRow; limit: Limit }>, rule: GateRule, confidence: number): GateRow[] {
  const alpha = (1 - confidence) / 2;
  const idx = gated.flatMap((g, i) => (g.r.sample ? [i] : []));
  const steps = holm(idx.map((i) => regressionP(gated[i]!.r.sample!, gated[i]!.limit, rule)), alpha);
  const tests = new Map<number, GateTest>(
    idx.map((i, k) => {
      const step = steps[k]!;
      const adjusted = estimateOf(gated[i]!.r.sample!, 1 - 2 * step.level);
      return [i, { p_raw: step.p_raw, p_adjusted: step.p_adjusted, level: step.level, family: idx.length, adjusted }];
    }),
  );
  return gated.map(({ r, limit }, i) => {
    const test = tests.get(i) ?? null;
    return {
      scenario: r.scenario,
      processor: r.a.processor,
      metric: r.metric,
      label: r.label,
      limit: { text: limit.text, bound: limit.bound, better: limit.better },
      baseline: r.a,
      candidate: r.b,
      ratio: r.ratio,
      pairing: r.pairing,
      sample: r.sample,
      test,
      verdict: verdictFor(r.ratio, test, limit, rule, alpha),
    };
  });
}
