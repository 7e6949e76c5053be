// Renders a gate result as Markdown (stdout and $GITHUB_STEP_SUMMARY) or JSON.
import { formatValue, markdownTable } from '../compare/format.ts';
import { METRICS } from '../compare/metrics.ts';
import type { GateError, GateResult, GateRow } from './evaluate.ts';

const ICON: Record<GateRow['verdict']['kind'], string> = {
  pass: '✅ pass',
  improvement: '🟢 improvement',
  regression: '🔴 regression',
  'insufficient-data': '⚪ insufficient data',
};

const HEADLINE: Record<GateResult['outcome'], string> = {
  pass: '✅ **pass**: no metric regressed beyond its limit',
  regression: '🔴 **regression**: at least one metric is worse than its limit allows',
  'insufficient-data': '⚪ **insufficient data**: no verdict (exit 2)',
};

const change = (x: number) => `${x >= 1 ? '+' : ''}${((x - 1) * 100).toFixed(1)}%`;

export function renderGateMarkdown(r: GateResult | GateError): string {
  if (r.kind === 'error') return `## Benchmark gate\n\n❌ **error**: the gate could not run\n\n${r.problems.map((p) => `- ${p}`).join('\n')}\n`;
  const pct = `${Math.round(r.confidence * 100)}% CI`;
  const order = { regression: 0, 'insufficient-data': 1, improvement: 2, pass: 3 } as const;
  const rows = [...r.rows].sort((a, b) => order[a.verdict.kind] - order[b.verdict.kind]);
  const table = markdownTable([
    ['verdict', 'scenario', 'processor', 'metric', 'baseline', 'candidate', 'change', pct, 'limit', 'n base/cand'],
    ...rows.map((x) => {
      const unit = METRICS[x.metric].unit;
      const est = x.ratio.kind === 'interval' ? x.ratio : undefined;
      return [
        ICON[x.verdict.kind],
        x.scenario,
        x.processor,
        x.label,
        formatValue(x.baseline.value, unit),
        formatValue(x.candidate.value, unit),
        est ? change(est.estimate) : '–',
        est ? `[${change(est.ci_low)}, ${change(est.ci_high)}]` : x.verdict.reasons.join('; '),
        x.limit.text,
        `${x.baseline.n}/${x.candidate.n}`,
      ];
    }),
  ]);
  const how =
    `Candidate \`${r.candidate_run}\` against baseline ${r.baseline_runs.map((b) => `\`${b}\``).join(', ')}. ` +
    `Change = candidate/baseline − 1 of the geometric mean over repetitions; ${pct} by ${r.method === 't' ? "Welch's t on log values" : 'a two-level bootstrap'}. ` +
    (r.rule === 'ci-beyond-limit' ? 'A regression is a change whose whole interval lies beyond its limit' : 'A regression is a significant change whose estimate lies beyond its limit') +
    `; fewer than ${r.min_n} repetitions on a side gives no verdict.`;
  const notes = r.notes.length ? `\n\n<details><summary>Notes (${r.notes.length})</summary>\n\n${r.notes.map((n) => `- ${n}`).join('\n')}\n\n</details>` : '';
  return `## Benchmark gate\n\n${HEADLINE[r.outcome]}\n\n${how}\n\n${table}${notes}\n`;
}

export function renderGateJson(r: GateResult | GateError): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
