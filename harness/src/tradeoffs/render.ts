// The trade-offs result as a terminal or Markdown table, followed by what each cell cannot show:
// failures with their reason, the machine's load, and the rule behind every column.
import { formatBytes, formatSeconds } from '../report/format.ts';
import { renderMarkdown, renderText, type Table } from '../report/table.ts';
import type { ProcessorTradeoffs, TradeoffsResult } from '../results/tradeoffs-schema.ts';

type Figure = { status: string; reason?: string; error?: string };

export const TRADEOFFS_HEADERS = [
  'processor',
  'cold build',
  'cold CPU',
  'incremental',
  'output',
  '+ shared libs',
  'idle RSS',
  'deps direct / all',
  'lines of code',
  'safety checker',
] as const;

function range(values: number[], fmt: (v: number) => string): string {
  if (values.length < 2) return '';
  return ` (${fmt(Math.min(...values))}–${fmt(Math.max(...values))})`;
}

/** A cell for a figure that was not measured; the footnote carries the reason. */
function missing(f: Figure, footnote: (text: string) => string, what: string): string {
  if (f.status === 'failed') return `failed${footnote(`${what}: ${f.error ?? ''}`)}`;
  if (f.status === 'skipped') return 'skipped';
  return '–';
}

export function tradeoffsCells(p: ProcessorTradeoffs, footnote: (text: string) => string): string[] {
  const s = (v: number) => formatSeconds(v);
  const cold = p.cold_build.status === 'measured' ? `${s(p.cold_build.median_wall_s)}${range(p.cold_build.samples.map((x) => x.wall_s), s)}` : missing(p.cold_build, footnote, `${p.name} cold build`);
  const coldCpu = p.cold_build.status === 'measured' ? s(p.cold_build.median_cpu_s) : '–';
  const incr =
    p.incremental_build.status === 'measured'
      ? `${s(p.incremental_build.median_wall_s)}${range(p.incremental_build.samples.map((x) => x.wall_s), s)}`
      : missing(p.incremental_build, footnote, `${p.name} incremental build`);
  const out = p.output.status === 'measured' ? formatBytes(p.output.total_bytes) : missing(p.output, footnote, `${p.name} output`);
  const libs = p.output.status === 'measured' ? formatBytes(p.output.shared_libraries_bytes) : '–';
  const idle = p.idle_rss.status === 'measured' ? `${formatBytes(p.idle_rss.median_bytes)}${range(p.idle_rss.samples_bytes, formatBytes)}` : missing(p.idle_rss, footnote, `${p.name} idle RSS`);
  const deps = p.dependencies.status === 'measured' ? `${p.dependencies.direct} / ${p.dependencies.all}` : missing(p.dependencies, footnote, `${p.name} dependencies`);
  const code = p.code.status === 'measured' ? p.code.lines.toLocaleString('en-US') : missing(p.code, footnote, `${p.name} lines of code`);
  return [p.name, cold, coldCpu, incr, out, libs, idle, deps, code, safetyCell(p, footnote)];
}

function safetyCell(p: ProcessorTradeoffs, footnote: (text: string) => string): string {
  const f = p.safety;
  switch (f.status) {
    case 'measured': {
      const died = f.exit.during_load ? footnote(`${p.name}: the checked build exited under load (code ${f.exit.code}, signal ${f.exit.signal})`) : '';
      return `${f.tool}: ${f.findings} finding${f.findings === 1 ? '' : 's'}${died}`;
    }
    case 'none':
      return `none${footnote(`${p.name} safety: ${f.reason}`)}`;
    case 'failed':
      return `${f.tool}: failed${footnote(`${p.name} safety: ${f.error}`)}`;
    default:
      return missing(f, footnote, `${p.name} safety`);
  }
}

export function tradeoffsTable(result: TradeoffsResult): { table: Table; footnotes: string[] } {
  const footnotes: string[] = [];
  const footnote = (text: string) => {
    footnotes.push(text);
    return `[${footnotes.length}]`;
  };
  const rows = result.processors.map((p) => tradeoffsCells(p, footnote));
  return { table: { headers: [...TRADEOFFS_HEADERS], rows, leftAligned: [0, 9] }, footnotes };
}

function trailer(result: TradeoffsResult, footnotes: string[], bullet: string): string[] {
  const n = result.noise;
  const lines = [
    `${result.id} (${result.status}), ${result.options.repeat} repetition${result.options.repeat === 1 ? '' : 's'} interleaved, medians with (min–max); git ${result.provenance.git_sha.slice(0, 7)}${result.provenance.git_dirty ? ' (dirty)' : ''}`,
    `noise: load average ${n.load_avg_before.m1} → ${n.load_avg_after.m1} (1 min; 5 min ${n.load_avg_before.m5} → ${n.load_avg_after.m5}) on ${n.cores} cores; builds unpinned, one at a time, alongside whatever else the machine ran`,
  ];
  lines.push(...footnotes.map((f, i) => `[${i + 1}] ${f}`));
  lines.push(...result.notes.map((note) => `note: ${note}`));
  lines.push('rules:');
  const r = result.rules;
  lines.push(`${bullet}builds: ${r.builds}`);
  lines.push(`${bullet}output: ${r.output}`);
  lines.push(`${bullet}idle RSS: ${r.idle_rss}`);
  const used = new Set(result.processors.flatMap((p) => (p.dependencies.status === 'measured' ? p.dependencies.sources.map((s) => s.ecosystem) : [])));
  for (const [eco, rule] of Object.entries(r.dependencies)) if (used.has(eco as never)) lines.push(`${bullet}dependencies (${eco}): ${rule}`);
  lines.push(`${bullet}lines of code: ${r.code}`);
  lines.push(`${bullet}safety: ${r.safety}`);
  return lines;
}

export function renderTradeoffsText(result: TradeoffsResult): string {
  const { table, footnotes } = tradeoffsTable(result);
  return [renderText(table), '', ...trailer(result, footnotes, '  ')].join('\n');
}

export function renderTradeoffsMarkdown(result: TradeoffsResult): string {
  const { table, footnotes } = tradeoffsTable(result);
  const rest = trailer(result, footnotes, '- ');
  const rulesAt = rest.indexOf('rules:');
  return [renderMarkdown(table), '', ...rest.slice(0, rulesAt).map((l) => `${l}  `), '', '**Rules**', '', ...rest.slice(rulesAt + 1)].join('\n');
}
