// Renders claim verdicts as a terminal table, Markdown or JSON.
import { markdownTable, textTable } from '../compare/format.ts';
import type { ClaimVerdict } from './evaluate.ts';

const MARK: Record<ClaimVerdict['verdict'], string> = { supported: '✔ supported', refuted: '✘ refuted', inconclusive: '? inconclusive' };

function num(x: number | null): string {
  if (x === null) return '–';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return x.toPrecision(3);
}

function rows(vs: readonly ClaimVerdict[]): string[][] {
  return [
    ['claim', 'scenario', 'measured', 'interval', 'unit', 'verdict'],
    ...vs.map((v) => [v.claim_id, v.scenario ?? 'all', num(v.measured), v.ci_low === null ? 'insufficient data' : `[${num(v.ci_low)}, ${num(v.ci_high)}]`, v.unit, MARK[v.verdict]]),
  ];
}

function details(vs: readonly ClaimVerdict[], bullet: string): string {
  return vs.map((v) => `${bullet}${v.claim_id}${v.scenario ? ` (${v.scenario})` : ''}: ${v.description}. ${v.reasons.join('; ')}`).join('\n');
}

export function renderClaimsText(title: string, runIds: readonly string[], vs: readonly ClaimVerdict[]): string {
  return `${title}\nrun ${runIds.join(' + ')}\n\n${textTable(rows(vs))}\n\n${details(vs, '  - ')}\n`;
}

export function renderClaimsMarkdown(title: string, runIds: readonly string[], vs: readonly ClaimVerdict[]): string {
  return `### Claims: ${title}\n\nRun ${runIds.map((r) => `\`${r}\``).join(' + ')}\n\n${markdownTable(rows(vs))}\n\n${details(vs, '- ')}\n`;
}
