// Renders a Comparison: a terminal table, Markdown, or JSON. Rendering only; no statistics here.
import { METHOD_TEXT } from '../stats/location.ts';
import { formatP, type Comparison, type ComparisonRow } from './compare.ts';
import { FIGURE_METHOD_TEXT } from './figure.ts';
import { formatRatio, formatValue, markdownTable, textTable } from './format.ts';

const VERDICT_TEXT: Record<ComparisonRow['significance']['kind'], string> = {
  better: 'B better',
  worse: 'B worse',
  'no-difference': 'no significant difference',
  'insufficient-data': 'insufficient data',
};

/** "paired t on log-ratios, 3 rounds" or "Welch's t on logs (unpaired)". */
export function methodCell(r: Pick<ComparisonRow, 'ratio' | 'pairing'>): string {
  if (r.ratio.kind !== 'interval') return '–';
  const m = METHOD_TEXT[r.ratio.method];
  return r.pairing.kind === 'paired' ? `${m}, ${r.pairing.rounds} rounds` : m;
}

function rowsOf(c: Comparison): string[][] {
  const pct = `${Math.round(c.confidence * 100)}% CI`;
  const head = ['scenario', 'processor', 'metric', 'A', 'B', 'B/A', pct, 'method', 'p', 'p Holm', 'n A/B', 'verdict'];
  const body = c.rows.map((r) => {
    const { ratio, ci } = formatRatio(r.ratio);
    const proc = r.a.processor === r.b.processor ? r.a.processor : `${r.a.processor}→${r.b.processor}`;
    return [
      r.scenario, proc, r.label, formatValue(r.a.value, r.unit), formatValue(r.b.value, r.unit), ratio, ci, methodCell(r),
      r.test ? formatP(r.test.p_raw) : '–', r.test ? formatP(r.test.p_adjusted) : '–', `${r.a.n}/${r.b.n}`, VERDICT_TEXT[r.significance.kind],
    ];
  });
  return [head, ...body];
}

function header(c: Comparison): string {
  const family = c.rows.find((r) => r.test)?.test?.family ?? 0;
  return [
    `A = ${c.a_label}`,
    `B = ${c.b_label}`,
    `ratio B/A of geometric means over repetitions; A and B columns: ${FIGURE_METHOD_TEXT}`,
    `rounds matched when A and B ran in the same rounds (log-ratio per round), else unpaired; method ${c.method === 'auto' ? 'by pairs: paired t below 12, Wilcoxon signed-rank (Hodges–Lehmann) from 12' : `forced (--method ${c.method})`}`,
    `p: two-sided test of no change; Holm-adjusted over the ${family} rows with an interval, significant at ≤ ${(1 - c.confidence).toFixed(2)}; fewer than ${c.min_n} repetitions → insufficient data`,
  ].join('\n');
}

export function renderText(c: Comparison): string {
  const notes = c.notes.length ? `\n\nNotes:\n${c.notes.map((n) => `  - ${n}`).join('\n')}` : '';
  return `${header(c)}\n\n${textTable(rowsOf(c))}${notes}\n`;
}

export function renderMarkdown(c: Comparison): string {
  const notes = c.notes.length ? `\n\n**Notes**\n\n${c.notes.map((n) => `- ${n}`).join('\n')}` : '';
  return `### Comparison\n\n${header(c).split('\n').join('  \n')}\n\n${markdownTable(rowsOf(c))}${notes}\n`;
}

export function renderJson(c: Comparison): string {
  return `${JSON.stringify(c, null, 2)}\n`;
}
