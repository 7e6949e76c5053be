// Renders claim verdicts as a terminal table, Markdown or JSON.
import { markdownTable, textTable } from '../compare/format.ts';
import type { ClaimVerdict } from './evaluate.ts';

const MARK: Record<ClaimVerdict['verdict'], string> = { supported: '✔ supported', refuted: '✘ refuted', inconclusive: '? inconclusive' };

function num(x: number | null): string {
  if (x === null) return '–';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return x.toPrecision(3);
}

const p = (x: number) => (x < 0.0001 ? '<0.0001' : x.toFixed(4));

function rows(vs: readonly ClaimVerdict[]): string[][] {
  return [
    ['claim', 'scenario', 'measured', 'interval', 'n', 'p', 'p Holm', 'at Holm level', 'unit', 'verdict'],
    ...vs.map((v) => [
      v.claim_id,
      v.scenario ?? 'all',
      num(v.measured),
      v.ci_low === null ? 'insufficient data' : `[${num(v.ci_low)}, ${num(v.ci_high)}]`,
      String(v.n),
      v.test ? p(v.test.p_raw) : '–',
      v.test ? p(v.test.p_adjusted) : '–',
      v.test?.ci_low_adjusted != null ? `[${num(v.test.ci_low_adjusted)}, ${num(v.test.ci_high_adjusted)}]` : '–',
      v.unit,
      MARK[v.verdict],
    ]),
  ];
}

/** How the verdicts were reached, under the table. */
function legend(vs: readonly ClaimVerdict[]): string {
  const family = vs.find((v) => v.test)?.test?.family ?? 0;
  return `p: two-sided test of "the value is the threshold"; Holm-adjusted over the ${family} interval-based verdicts; supported or refuted only when the adjusted p is at most 1 − confidence (the interval at its Holm level then lies wholly on one side). Ratios pair the rounds both processors ran in.`;
}

function details(vs: readonly ClaimVerdict[], bullet: string): string {
  return vs.map((v) => `${bullet}${v.claim_id}${v.scenario ? ` (${v.scenario})` : ''}: ${v.description}. ${v.reasons.join('; ')}`).join('\n');
}

export function renderClaimsText(title: string, runIds: readonly string[], vs: readonly ClaimVerdict[]): string {
  return `${title}\nrun ${runIds.join(' + ')}\n\n${textTable(rows(vs))}\n${legend(vs)}\n\n${details(vs, '  - ')}\n`;
}

export function renderClaimsMarkdown(title: string, runIds: readonly string[], vs: readonly ClaimVerdict[]): string {
  return `### Claims: ${title}\n\nRun ${runIds.map((r) => `\`${r}\``).join(' + ')}\n\n${markdownTable(rows(vs))}\n\n_${legend(vs)}_\n\n${details(vs, '- ')}\n`;
}
