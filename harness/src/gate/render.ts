// Renders a gate result as Markdown (stdout and $GITHUB_STEP_SUMMARY) or JSON.
import { methodCell } from '../compare/render.ts';
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
const p = (x: number) => (x < 0.0001 ? '<0.0001' : x.toFixed(4));

export function renderGateMarkdown(r: GateResult | GateError): string {
  if (r.kind === 'error') return `## Benchmark gate\n\n❌ **error**: the gate could not run\n\n${r.problems.map((x) => `- ${x}`).join('\n')}\n`;
  const pct = `${Math.round(r.confidence * 100)}% CI`;
  const order = { regression: 0, 'insufficient-data': 1, improvement: 2, pass: 3 } as const;
  const rows = [...r.rows].sort((a, b) => order[a.verdict.kind] - order[b.verdict.kind]);
  const table = markdownTable([
    ['verdict', 'scenario', 'processor', 'metric', 'baseline', 'candidate', 'change', pct, 'limit', 'method', 'p', 'p Holm', 'Holm level', 'CI at Holm level', 'n base/cand'],
    ...rows.map((x) => {
      const unit = METRICS[x.metric].unit;
      const est = x.ratio.kind === 'interval' ? x.ratio : undefined;
      const adj = x.test?.adjusted.kind === 'interval' ? x.test.adjusted : undefined;
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
        methodCell(x),
        x.test ? p(x.test.p_raw) : '–',
        x.test ? p(x.test.p_adjusted) : '–',
        x.test ? p(x.test.level) : '–',
        adj ? `[${change(adj.ci_low)}, ${change(adj.ci_high)}]` : '–',
        `${x.baseline.n}/${x.candidate.n}`,
      ];
    }),
  ]);
  const family = r.rows.find((x) => x.test)?.test?.family ?? 0;
  const alpha = ((1 - r.confidence) / 2).toFixed(3);
  const how =
    `Candidate \`${r.candidate_run}\` against baseline ${r.baseline_runs.map((b) => `\`${b}\``).join(', ')}. ` +
    `Change = candidate/baseline − 1 of the geometric mean over repetitions; ${pct} on the log-ratio of matched rounds (paired t below 12 pairs, Wilcoxon signed-rank with Hodges–Lehmann from 12), Welch's t on logs when the rounds do not match. ` +
    (r.rule === 'ci-beyond-limit'
      ? `A regression is a change beyond its limit at the Holm-corrected level: one-sided p of "not beyond the limit", Holm-adjusted over the ${family} rows tested, ≤ ${alpha} — the whole interval at the row's Holm level beyond the limit`
      : `A regression is a change whose estimate lies beyond its limit and whose Holm-adjusted one-sided p of "no change" (over ${family} rows) is ≤ ${alpha}`) +
    `; fewer than ${r.min_n} repetitions on a side gives no verdict.`;
  const notes = r.notes.length ? `\n\n<details><summary>Notes (${r.notes.length})</summary>\n\n${r.notes.map((n) => `- ${n}`).join('\n')}\n\n</details>` : '';
  return `## Benchmark gate\n\n${HEADLINE[r.outcome]}\n\n${how}\n\n${table}${notes}\n`;
}

export function renderGateJson(r: GateResult | GateError): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
