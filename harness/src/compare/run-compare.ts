// compare as a function of its command-line inputs: resolve runs (or one run's two processors),
// compare, render. Problems are collected and returned together.
import { resolveRuns } from '../store/resolve-runs.ts';
import type { StoreReader } from '../store/types.ts';
import { compareProcessors, compareRuns, type Comparison } from './compare.ts';
import type { StatOptions } from './cli-options.ts';
import { renderJson, renderMarkdown, renderText } from './render.ts';

export type CompareTarget = { kind: 'runs'; a: string; b: string } | { kind: 'processors'; run: string; a: string; b: string };

export type CompareOutput = { ok: true; comparison: Comparison; stdout: string } | { ok: false; problems: string[] };

export async function runCompare(target: CompareTarget, stats: StatOptions, format: 'text' | 'markdown' | 'json', store: StoreReader): Promise<CompareOutput> {
  let comparison: Comparison;
  const opts = { method: stats.method, pairing: stats.pairing, confidence: stats.confidence, min_n: stats.min_n, include_driver_limited: stats.include_driver_limited };
  if (target.kind === 'runs') {
    const [a, b] = await Promise.all([resolveRuns(target.a, store), resolveRuns(target.b, store)]);
    const problems = [...(a.ok ? [] : a.problems.map((p) => `A: ${p}`)), ...(b.ok ? [] : b.problems.map((p) => `B: ${p}`))];
    if (!a.ok || !b.ok) return { ok: false, problems };
    comparison = compareRuns(a.runs, b.runs, opts);
    if (comparison.rows.length === 0) return { ok: false, problems: ['A and B have no scenario × processor in common', ...comparison.notes] };
  } else {
    const r = await resolveRuns(target.run, store);
    if (!r.ok) return { ok: false, problems: r.problems };
    if (r.runs.length !== 1) return { ok: false, problems: [`--run must name one run; "${target.run}" is ${r.runs.length}`] };
    const run = r.runs[0]!;
    const have = new Set(run.measurements.map((m) => m.processor));
    const problems = [target.a, target.b].filter((p) => !have.has(p)).map((p) => `processor "${p}" is not in run ${run.manifest.run_id} (it has ${[...have].join(', ') || 'no measurements'})`);
    if (target.a === target.b) problems.push('--processors names the same processor twice');
    if (problems.length) return { ok: false, problems };
    comparison = compareProcessors(run, target.a, target.b, opts);
  }
  const render = format === 'json' ? renderJson : format === 'markdown' ? renderMarkdown : renderText;
  return { ok: true, comparison, stdout: render(comparison) };
}
