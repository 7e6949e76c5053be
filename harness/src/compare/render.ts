// Renders a Comparison: a terminal table, Markdown, or JSON. Rendering only; no statistics here.
import type { Comparison, ComparisonRow } from './compare.ts';
import { formatRatio, formatValue, markdownTable, textTable } from './format.ts';

const VERDICT_TEXT: Record<ComparisonRow['significance']['kind'], string> = {
  better: 'B better',
  worse: 'B worse',
  'no-difference': 'no significant difference',
  'insufficient-data': 'insufficient data',
};

function rowsOf(c: Comparison): string[][] {
  const pct = `${Math.round(c.confidence * 100)}% CI`;
  const head = ['scenario', 'processor', 'metric', 'A', 'B', 'B/A', pct, 'n A/B', 'verdict'];
  const body = c.rows.map((r) => {
    const { ratio, ci } = formatRatio(r.ratio);
    const proc = r.a.processor === r.b.processor ? r.a.processor : `${r.a.processor}→${r.b.processor}`;
    return [r.scenario, proc, r.label, formatValue(r.a.value, r.unit), formatValue(r.b.value, r.unit), ratio, ci, `${r.a.n}/${r.b.n}`, VERDICT_TEXT[r.significance.kind]];
  });
  return [head, ...body];
}

function header(c: Comparison): string {
  const how = c.method === 't' ? 't interval on log ratios over repetitions' : 'two-level bootstrap (repetitions, then each histogram)';
  return `A = ${c.a_label}\nB = ${c.b_label}\nratio B/A, geometric means over repetitions; ${how}; fewer than ${c.min_n} repetitions → insufficient data`;
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
