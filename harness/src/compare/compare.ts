// compare: for every scenario × processor pair and metric, the ratio B/A with its interval and
// whether it is significant (the interval excludes 1). Pure: runs in, a typed Comparison out.
import type { RunRecord } from '../results/schema.ts';
import { DEFAULT_CONFIDENCE, DEFAULT_MIN_N, type Estimate } from '../stats/interval.ts';
import { estimateRatio, geometricMean, sampleOf, type CompareMethod } from './estimate.ts';
import { METRIC_IDS, METRICS, type MetricDef, type MetricId, type MetricUnit } from './metrics.ts';
import { coverage, unitsOf, type UnitOptions } from './units.ts';

/** B relative to A. "better" follows the metric's direction (lower latency, higher throughput). */
export type Significance =
  | { kind: 'better'; reasons: string[] }
  | { kind: 'worse'; reasons: string[] }
  | { kind: 'no-difference'; reasons: string[] }
  | { kind: 'insufficient-data'; reasons: string[] };

export interface SideValue {
  processor: string;
  /** Repetitions used. */
  n: number;
  /** Geometric mean over repetitions (null when there is no usable value). */
  value: number | null;
}

export interface ComparisonRow {
  scenario: string;
  metric: MetricId;
  label: string;
  unit: MetricUnit;
  better: 'lower' | 'higher';
  a: SideValue;
  b: SideValue;
  /** Ratio B/A with its interval, or why there is none. */
  ratio: Estimate;
  significance: Significance;
}

export interface Comparison {
  a_label: string;
  b_label: string;
  confidence: number;
  method: CompareMethod;
  min_n: number;
  rows: ComparisonRow[];
  /** Repetitions set aside and scenarios present on one side only. */
  notes: string[];
}

export interface CompareOptions extends UnitOptions {
  method?: CompareMethod;
  confidence?: number;
  min_n?: number;
  seed?: number;
  metrics?: readonly MetricId[];
}

function significanceOf(ratio: Estimate, better: 'lower' | 'higher'): Significance {
  if (ratio.kind === 'insufficient') return { kind: 'insufficient-data', reasons: ratio.reasons };
  const pct = `${Math.round(ratio.confidence * 100)}%`;
  if (ratio.ci_low > 1 || ratio.ci_high < 1) {
    const up = ratio.ci_low > 1;
    const kind = up === (better === 'higher') ? 'better' : 'worse';
    return { kind, reasons: [`the ${pct} interval [${ratio.ci_low.toFixed(3)}, ${ratio.ci_high.toFixed(3)}] excludes 1`] };
  }
  return { kind: 'no-difference', reasons: [`the ${pct} interval [${ratio.ci_low.toFixed(3)}, ${ratio.ci_high.toFixed(3)}] contains 1`] };
}

interface PairSpec {
  scenario: string;
  a_runs: readonly RunRecord[];
  a_processor: string;
  b_runs: readonly RunRecord[];
  b_processor: string;
  paired: boolean;
}

function compareMetric(def: MetricDef, spec: PairSpec, opts: Required<Pick<CompareOptions, 'method' | 'confidence' | 'min_n' | 'seed'>> & UnitOptions, notes: Set<string>): ComparisonRow | undefined {
  const ua = unitsOf(spec.a_runs, spec.scenario, spec.a_processor, opts);
  const ub = unitsOf(spec.b_runs, spec.scenario, spec.b_processor, opts);
  for (const e of [...ua.excluded, ...ub.excluded]) notes.add(`excluded ${e}`);
  const sa = sampleOf(def, ua);
  const sb = sampleOf(def, ub);
  // A metric that does not apply to the scenario (CPU per event on reads) has no values on either side: no row.
  if (sa.values.length === 0 && sb.values.length === 0) return undefined;
  const ratio = estimateRatio(sa, sb, spec.paired, opts);
  return {
    scenario: spec.scenario,
    metric: def.id,
    label: def.label,
    unit: def.unit,
    better: def.better,
    a: { processor: spec.a_processor, n: sa.values.length, value: geometricMean(sa.values) },
    b: { processor: spec.b_processor, n: sb.values.length, value: geometricMean(sb.values) },
    ratio,
    significance: significanceOf(ratio, def.better),
  };
}

function resolved(opts: CompareOptions | undefined) {
  return {
    method: opts?.method ?? 't',
    confidence: opts?.confidence ?? DEFAULT_CONFIDENCE,
    min_n: opts?.min_n ?? DEFAULT_MIN_N,
    seed: opts?.seed ?? 1,
    include_driver_limited: opts?.include_driver_limited ?? false,
  } as const;
}

function build(specs: PairSpec[], a_label: string, b_label: string, notes: Set<string>, opts?: CompareOptions): Comparison {
  const o = resolved(opts);
  const rows: ComparisonRow[] = [];
  for (const spec of specs) {
    for (const id of opts?.metrics ?? METRIC_IDS) {
      const row = compareMetric(METRICS[id], spec, o, notes);
      if (row) rows.push(row);
    }
  }
  return { a_label, b_label, confidence: o.confidence, method: o.method, min_n: o.min_n, rows, notes: [...notes] };
}

/**
 * Runs B against runs A (A may pool several runs, e.g. a baseline of the last 5 on main), for
 * every scenario × processor both sides have. What only one side has is named in `notes`.
 */
export function compareRuns(a: readonly RunRecord[], b: readonly RunRecord[], opts?: CompareOptions): Comparison {
  const ca = coverage(a);
  const cb = coverage(b);
  const notes = new Set<string>();
  for (const s of ca.scenarios) if (!cb.scenarios.includes(s)) notes.add(`scenario ${s} is only in A`);
  for (const s of cb.scenarios) if (!ca.scenarios.includes(s)) notes.add(`scenario ${s} is only in B`);
  for (const p of ca.processors) if (!cb.processors.includes(p)) notes.add(`processor ${p} is only in A`);
  for (const p of cb.processors) if (!ca.processors.includes(p)) notes.add(`processor ${p} is only in B`);
  const specs: PairSpec[] = [];
  for (const scenario of ca.scenarios.filter((s) => cb.scenarios.includes(s))) {
    for (const processor of ca.processors.filter((p) => cb.processors.includes(p))) {
      specs.push({ scenario, a_runs: a, a_processor: processor, b_runs: b, b_processor: processor, paired: false });
    }
  }
  const label = (runs: readonly RunRecord[]) => runs.map((r) => r.manifest.run_id).join('+');
  return build(specs, label(a), label(b), notes, opts);
}

/** Processor B against processor A within one run: repetitions are interleaved, so they are paired. */
export function compareProcessors(run: RunRecord, a: string, b: string, opts?: CompareOptions): Comparison {
  const cov = coverage([run]);
  const notes = new Set<string>();
  const specs: PairSpec[] = cov.scenarios.map((scenario) => ({ scenario, a_runs: [run], a_processor: a, b_runs: [run], b_processor: b, paired: true }));
  return build(specs, `${run.manifest.run_id}:${a}`, `${run.manifest.run_id}:${b}`, notes, opts);
}
