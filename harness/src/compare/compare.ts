// compare: for every scenario × processor pair and metric, the ratio B/A with its interval and
// whether it is significant (the interval excludes 1). Pure: runs in, a typed Comparison out.
import type { RunRecord } from '../results/schema.ts';
import { holm } from '../stats/holm.ts';
import { DEFAULT_CONFIDENCE, DEFAULT_MIN_N, type Estimate } from '../stats/interval.ts';
import { pTwoSided, type LocationSample } from '../stats/location.ts';
import { analyseRatio, geometricMean, sampleOf, type CompareMethod, type PairingInfo, type PairingMode } from './estimate.ts';
import { figureOfValues } from './figure.ts';
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
  /** The figure's own interval (compare/figure.ts): the same one report and the dashboard show. */
  interval: Estimate;
}

/** The row's test of "no change" (two-sided, p-value of the ratio being 1), Holm-adjusted over the comparison's rows. */
export interface RowTest {
  p_raw: number;
  p_adjusted: number;
  /** The level this row is held to: α / (m − rank + 1). */
  level: number;
  /** Tests in the family (rows with an interval). */
  family: number;
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
  /** Matched rounds, or why the comparison is unpaired. */
  pairing: PairingInfo;
  /** The log-scale sample behind the interval (per-round log-ratios when paired); null when insufficient. */
  sample: LocationSample | null;
  test: RowTest | null;
  significance: Significance;
}

export interface Comparison {
  a_label: string;
  b_label: string;
  confidence: number;
  method: CompareMethod;
  pairing: PairingMode;
  min_n: number;
  rows: ComparisonRow[];
  /** Repetitions set aside and scenarios present on one side only. */
  notes: string[];
}

export interface CompareOptions extends UnitOptions {
  method?: CompareMethod;
  pairing?: PairingMode;
  confidence?: number;
  min_n?: number;
  metrics?: readonly MetricId[];
}

export const formatP = (p: number) => (p < 0.0001 ? '<0.0001' : p.toFixed(4));

/** Significant after Holm: adjusted p ≤ α (= 1 − confidence); the direction is the estimate's. */
function significanceOf(ratio: Estimate, test: RowTest | null, better: 'lower' | 'higher'): Significance {
  if (ratio.kind === 'insufficient' || !test) return { kind: 'insufficient-data', reasons: ratio.kind === 'insufficient' ? ratio.reasons : ['no test'] };
  const alpha = 1 - ratio.confidence;
  const ci = `the ${Math.round(ratio.confidence * 100)}% interval [${ratio.ci_low.toFixed(3)}, ${ratio.ci_high.toFixed(3)}]`;
  const p = `p ${formatP(test.p_raw)}, Holm-adjusted over ${test.family} ${formatP(test.p_adjusted)}`;
  if (test.p_adjusted <= alpha) {
    const up = ratio.estimate > 1;
    const kind = up === (better === 'higher') ? 'better' : 'worse';
    return { kind, reasons: [`${ci}; ${p} ≤ ${alpha.toFixed(2)}`] };
  }
  return { kind: 'no-difference', reasons: [`${ci}; ${p} > ${alpha.toFixed(2)}`] };
}

interface PairSpec {
  scenario: string;
  a_runs: readonly RunRecord[];
  a_processor: string;
  b_runs: readonly RunRecord[];
  b_processor: string;
  /** true: A and B were measured in the same rounds; otherwise why not. */
  pairable: true | string;
}

type Resolved = ReturnType<typeof resolved>;
type UntestedRow = Omit<ComparisonRow, 'test' | 'significance'>;

function compareMetric(def: MetricDef, spec: PairSpec, opts: Resolved, notes: Set<string>): UntestedRow | undefined {
  const ua = unitsOf(spec.a_runs, spec.scenario, spec.a_processor, { ...opts, metric: def });
  const ub = unitsOf(spec.b_runs, spec.scenario, spec.b_processor, { ...opts, metric: def });
  for (const e of [...ua.excluded, ...ub.excluded]) notes.add(`excluded ${e}`);
  for (const e of [...ua.not_to_precision, ...ub.not_to_precision]) notes.add(`not measured to precision (kept) ${e}`);
  const sa = sampleOf(def, ua);
  const sb = sampleOf(def, ub);
  // A metric that does not apply to the scenario (CPU per event on reads) has no values on either side: no row.
  if (sa.values.length === 0 && sb.values.length === 0) return undefined;
  const { ratio, sample, pairing } = analyseRatio(sa, sb, spec.pairable, opts);
  const proc = spec.a_processor === spec.b_processor ? spec.a_processor : `${spec.a_processor}→${spec.b_processor}`;
  if (pairing.kind === 'unpaired') {
    // Only where there is an interval: a metric with too few values has nothing to pair.
    if (ratio.kind === 'interval') notes.add(`${spec.scenario}/${proc}: compared unpaired (${pairing.reason})`);
  } else if (pairing.unmatched.length) notes.add(`${spec.scenario}/${proc} ${def.id}: rounds ${pairing.unmatched.join(', ')} had no partner and were left out of the pairing`);
  const side = (processor: string, values: number[]): SideValue => ({
    processor,
    n: values.length,
    value: geometricMean(values),
    interval: figureOfValues(values, { confidence: opts.confidence, min_n: opts.min_n }).interval,
  });
  return {
    scenario: spec.scenario,
    metric: def.id,
    label: def.label,
    unit: def.unit,
    better: def.better,
    a: side(spec.a_processor, sa.values),
    b: side(spec.b_processor, sb.values),
    ratio,
    pairing,
    sample,
  };
}

function resolved(opts: CompareOptions | undefined) {
  return {
    method: opts?.method ?? 'auto',
    pairing: opts?.pairing ?? 'rounds',
    confidence: opts?.confidence ?? DEFAULT_CONFIDENCE,
    min_n: opts?.min_n ?? DEFAULT_MIN_N,
    include_driver_limited: opts?.include_driver_limited ?? false,
  } as const;
}

/** Holm over every row that has an interval: the comparison is one family of tests of "no change". */
function tested(rows: UntestedRow[], confidence: number): ComparisonRow[] {
  const idx = rows.flatMap((r, i) => (r.sample ? [i] : []));
  const steps = holm(idx.map((i) => pTwoSided(rows[i]!.sample!, 0)), 1 - confidence);
  const tests = new Map(idx.map((i, k) => [i, { p_raw: steps[k]!.p_raw, p_adjusted: steps[k]!.p_adjusted, level: steps[k]!.level, family: idx.length }]));
  return rows.map((r, i) => {
    const test = tests.get(i) ?? null;
    return { ...r, test, significance: significanceOf(r.ratio, test, r.better) };
  });
}

function build(specs: PairSpec[], a_label: string, b_label: string, notes: Set<string>, opts?: CompareOptions): Comparison {
  const o = resolved(opts);
  const rows: UntestedRow[] = [];
  for (const spec of specs) {
    for (const id of opts?.metrics ?? METRIC_IDS) {
      const row = compareMetric(METRICS[id], spec, o, notes);
      if (row) rows.push(row);
    }
  }
  return { a_label, b_label, confidence: o.confidence, method: o.method, pairing: o.pairing, min_n: o.min_n, rows: tested(rows, o.confidence), notes: [...notes] };
}

/**
 * Runs B against runs A (A may pool several runs, e.g. a baseline of the last 5 on main), for
 * every scenario × processor both sides have. What only one side has is named in `notes`. One
 * run on each side: round r of A is paired with round r of B (the same position in each run);
 * a pooled side has several values per round and is compared unpaired, which the notes say.
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
      specs.push({ scenario, a_runs: a, a_processor: processor, b_runs: b, b_processor: processor, pairable: true });
    }
  }
  const label = (runs: readonly RunRecord[]) => runs.map((r) => r.manifest.run_id).join('+');
  return build(specs, label(a), label(b), notes, opts);
}

/** Processor B against processor A within one run: both ran in every round, so round r of each is a pair. */
export function compareProcessors(run: RunRecord, a: string, b: string, opts?: CompareOptions): Comparison {
  const cov = coverage([run]);
  const notes = new Set<string>();
  const specs: PairSpec[] = cov.scenarios.map((scenario) => ({ scenario, a_runs: [run], a_processor: a, b_runs: [run], b_processor: b, pairable: true }));
  return build(specs, `${run.manifest.run_id}:${a}`, `${run.manifest.run_id}:${b}`, notes, opts);
}
