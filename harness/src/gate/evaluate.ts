// The gate's decision. For each scenario × processor × limited metric: the interval of the ratio
// candidate/baseline (compare's estimator), then
//   regression        the whole interval lies beyond the limit (lower bound > 1 + x for a
//                     latency, upper bound < 1 − x for a throughput);
//   improvement       the whole interval lies on the better side of 1;
//   insufficient-data fewer than min_n repetitions on a side (or no usable values);
//   pass              otherwise.
// Why "the whole interval beyond the limit", not "the point estimate beyond the limit": a gate
// that fails a pull request must be wrong rarely. With a two-sided 95% interval, a change exactly
// at the limit is called a regression at most 2.5% of the time, and a change of zero (an A/A
// pair) far less often; the price is power, which the proof benchmark measures (README).
// A second rule, `estimate-beyond-limit` (--rule), trades a higher false-alarm rate at the limit
// for power: the point estimate beyond the limit and the interval excluding 1 (a significant
// change that looks larger than allowed). The proof benchmark reports both (README).
// The exit code: 1 if anything regressed; else 2 if anything had insufficient data; else 0.
import { compareRuns, type ComparisonRow, type SideValue } from '../compare/compare.ts';
import type { CompareMethod } from '../compare/estimate.ts';
import type { MetricId } from '../compare/metrics.ts';
import { coverage } from '../compare/units.ts';
import type { RunRecord } from '../results/schema.ts';
import type { Estimate } from '../stats/interval.ts';
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
  /** Candidate / baseline. */
  ratio: Estimate;
  verdict: GateVerdict;
}

export type GateOutcome = 'pass' | 'regression' | 'insufficient-data';

export interface GateResult {
  kind: 'result';
  baseline_runs: string[];
  candidate_run: string;
  confidence: number;
  method: CompareMethod;
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
  confidence?: number;
  min_n?: number;
  seed?: number;
  processors?: readonly string[];
  include_driver_limited?: boolean;
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

export function verdictFor(ratio: Estimate, limit: Limit, rule: GateRule = 'ci-beyond-limit'): GateVerdict {
  if (ratio.kind === 'insufficient') return { kind: 'insufficient-data', reasons: ratio.reasons };
  const ci = `interval [${pct(ratio.ci_low - 1)}, ${pct(ratio.ci_high - 1)}]`;
  if (rule === 'estimate-beyond-limit') {
    const worse = limit.better === 'lower' ? ratio.ci_low > 1 : ratio.ci_high < 1;
    const past = limit.better === 'lower' ? ratio.estimate > limit.bound : ratio.estimate < limit.bound;
    if (worse && past) return { kind: 'regression', reasons: [`change ${pct(ratio.estimate - 1)} is beyond the limit ${limit.text} and the ${ci} excludes no change`] };
  } else {
    const beyond = limit.better === 'lower' ? ratio.ci_low > limit.bound : ratio.ci_high < limit.bound;
    if (beyond) return { kind: 'regression', reasons: [`${ci} lies entirely beyond the limit ${limit.text}`] };
  }
  const better = limit.better === 'lower' ? ratio.ci_high < 1 : ratio.ci_low > 1;
  if (better) return { kind: 'improvement', reasons: [`${ci} lies entirely on the better side of no change`] };
  return { kind: 'pass', reasons: [rule === 'ci-beyond-limit' ? `${ci} does not lie entirely beyond the limit ${limit.text}` : `change ${pct(ratio.estimate - 1)} with ${ci}: not a significant change beyond ${limit.text}`] };
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
  const comparison = compareRuns(baseline, [candidate], {
    metrics,
    method: opts?.method ?? 't',
    ...(opts?.confidence !== undefined && { confidence: opts.confidence }),
    ...(opts?.min_n !== undefined && { min_n: opts.min_n }),
    ...(opts?.seed !== undefined && { seed: opts.seed }),
    include_driver_limited: opts?.include_driver_limited ?? false,
  });
  const rows: GateRow[] = [];
  for (const r of comparison.rows) {
    if (opts?.processors && !opts.processors.includes(r.a.processor)) continue;
    const limit = limitFor(limits, r.scenario, r.metric);
    if (!limit) continue;
    rows.push(rowOf(r, limit, opts?.rule ?? 'ci-beyond-limit'));
  }
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
    rule: opts?.rule ?? 'ci-beyond-limit',
    min_n: comparison.min_n,
    rows,
    outcome,
    exit_code: outcome === 'regression' ? 1 : outcome === 'insufficient-data' ? 2 : 0,
    notes,
  };
}

function rowOf(r: ComparisonRow, limit: Limit, rule: GateRule): GateRow {
  return {
    scenario: r.scenario,
    processor: r.a.processor,
    metric: r.metric,
    label: r.label,
    limit: { text: limit.text, bound: limit.bound, better: limit.better },
    baseline: r.a,
    candidate: r.b,
    ratio: r.ratio,
    verdict: verdictFor(r.ratio, limit, rule),
  };
}
