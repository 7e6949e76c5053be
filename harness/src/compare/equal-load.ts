// compare at equal load, from a sweep: latency of each processor against the baseline's at
// (a) the same absolute rates, those of the shared ladder every compared processor sustained on
// its curve, and (b) the same fractions of each processor's own sustainable throughput, plus the
// same fractions of the baseline's (every processor at the baseline's rate). Ratios over
// repetitions are paired (equal-load points are interleaved across processors) with the t
// interval on log differences; one repetition gives the ratio of the two points alone.
import { metricOf } from '../claims/load-claims.ts';
import type { LoadMetric } from '../claims/load-claims-schema.ts';
import { markdownTable, textTable } from './format.ts';
import { formatMicros, formatRate } from '../report/format.ts';
import type { ScenarioSweep, SweepResult, SweepStep } from '../results/sweep-schema.ts';
import { ratioInterval } from '../stats/ratio-interval.ts';
import type { Estimate } from '../stats/interval.ts';
import { commonSustainedRates, stepsAtBasis } from '../sweep/equal-load.ts';

export const EQUAL_LOAD_METRICS = ['p50', 'p99', 'p99_clean'] as const satisfies readonly LoadMetric[];
export type EqualLoadMetric = (typeof EQUAL_LOAD_METRICS)[number];

export interface EqualLoadCell {
  processor: string;
  rate_per_s: number;
  /** Median over the repetitions at this load; null when the processor has no step there. */
  values: Record<EqualLoadMetric, number | null>;
  repetitions: number;
  /** processor / baseline on the p99 clean, per repetition paired; null for the baseline itself. */
  ratio_p99_clean: Estimate | { kind: 'point'; estimate: number } | null;
}

export interface EqualLoadRow {
  /** "1,000/s", "80% of each", "80% of go". */
  load: string;
  kind: 'absolute' | 'fraction-of-each' | 'fraction-of-baseline';
  cells: EqualLoadCell[];
}

export interface EqualLoadComparison {
  sweep_id: string;
  scenario: string;
  baseline: string;
  processors: string[];
  rows: EqualLoadRow[];
  notes: string[];
}

const median = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function cell(processor: string, rate: number, steps: SweepStep[], baseSteps: SweepStep[] | null, o: { confidence: number; min_n: number }): EqualLoadCell {
  const ok = steps.filter((s) => s.status === 'ok');
  const values = Object.fromEntries(EQUAL_LOAD_METRICS.map((m) => [m, median(ok.flatMap((s) => { const v = metricOf(s, m); return v === null ? [] : [v]; }))])) as Record<EqualLoadMetric, number | null>;
  let ratio: EqualLoadCell['ratio_p99_clean'] = null;
  if (baseSteps) {
    const pair = (xs: SweepStep[]) => new Map(xs.filter((s) => s.status === 'ok').flatMap((s) => { const v = metricOf(s, 'p99_clean'); return v === null ? [] : [[`${s.stage}#${s.repetition}`, v] as const]; }));
    const a = pair(baseSteps);
    const b = pair(ok);
    const keys = [...a.keys()].filter((k) => b.has(k));
    if (keys.length === 1) ratio = { kind: 'point', estimate: b.get(keys[0]!)! / a.get(keys[0]!)! };
    else if (keys.length > 1) ratio = ratioInterval(keys.map((k) => a.get(k)!), keys.map((k) => b.get(k)!), { paired: true, ...o });
  }
  return { processor, rate_per_s: rate, values, repetitions: ok.length, ratio_p99_clean: ratio };
}

export function compareAtEqualLoad(result: SweepResult, sc: ScenarioSweep, processors: readonly string[], baseline: string, o: { confidence: number; min_n: number }): EqualLoadComparison {
  const notes: string[] = [];
  const proc = (name: string) => sc.processors.find((p) => p.processor === name);
  const rows: EqualLoadRow[] = [];
  for (const rate of commonSustainedRates(sc, processors)) {
    const at = (name: string) => (proc(name)?.steps ?? []).filter((s) => s.stage === 'curve' && s.offered_rate_per_s === rate);
    rows.push({ load: `${formatRate(rate, '/s')}`, kind: 'absolute', cells: processors.map((p) => cell(p, rate, at(p), p === baseline ? null : at(baseline), o)) });
  }
  for (const fraction of result.settings.equal_load.fractions) {
    const own = (name: string) => stepsAtBasis(proc(name)!, { fraction, of: name });
    const rateOf = (steps: SweepStep[]) => steps[0]?.offered_rate_per_s ?? 0;
    rows.push({ load: `${fraction * 100}% of each`, kind: 'fraction-of-each', cells: processors.map((p) => cell(p, rateOf(own(p)), own(p), p === baseline ? null : own(baseline), o)) });
    const ofBase = (name: string) => stepsAtBasis(proc(name)!, { fraction, of: baseline });
    rows.push({ load: `${fraction * 100}% of ${baseline}`, kind: 'fraction-of-baseline', cells: processors.map((p) => cell(p, rateOf(ofBase(baseline)), ofBase(p), p === baseline ? null : ofBase(baseline), o)) });
  }
  for (const p of processors) if (!proc(p)?.sustainable) notes.push(`${p}: no sustainable figure in this sweep, so no fraction of it`);
  if (rows.every((r) => r.kind !== 'absolute')) notes.push('no rate of the ladder was sustained by every compared processor');
  return { sweep_id: result.id, scenario: sc.scenario, baseline, processors: [...processors], rows, notes };
}

function ratioText(r: EqualLoadCell['ratio_p99_clean']): string {
  if (r === null) return '';
  if (r.kind === 'point') return ` (${r.estimate.toFixed(2)}×, 1 rep.)`;
  if (r.kind === 'insufficient') return '';
  return ` (${r.estimate.toFixed(2)}× [${r.ci_low.toFixed(2)}, ${r.ci_high.toFixed(2)}])`;
}

function tableRows(c: EqualLoadComparison): string[][] {
  return [
    ['load', ...c.processors.map((p) => `${p}: rate, p50 / p99 / p99 clean (×${c.baseline})`)],
    ...c.rows.map((r) => [
      r.load,
      ...r.cells.map((x) => (x.repetitions === 0 ? '–' : `${formatRate(x.rate_per_s, '/s')}: ${formatMicros(x.values.p50)} / ${formatMicros(x.values.p99)} / ${formatMicros(x.values.p99_clean)}${ratioText(x.ratio_p99_clean)}`)),
    ]),
  ];
}

export function renderEqualLoadText(cs: readonly EqualLoadComparison[]): string {
  return `${cs.map((c) => `${c.scenario} at equal load (sweep ${c.sweep_id}, baseline ${c.baseline})\n\n${textTable(tableRows(c))}${c.notes.length ? `\n\n${c.notes.map((n) => `  - ${n}`).join('\n')}` : ''}`).join('\n\n')}\n`;
}

export function renderEqualLoadMarkdown(cs: readonly EqualLoadComparison[]): string {
  return `${cs.map((c) => `### ${c.scenario} at equal load (sweep \`${c.sweep_id}\`, baseline ${c.baseline})\n\n${markdownTable(tableRows(c))}${c.notes.length ? `\n\n${c.notes.map((n) => `- ${n}`).join('\n')}` : ''}`).join('\n\n')}\n`;
}
