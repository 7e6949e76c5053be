// Human formatting of metric values and ratios, shared by the compare, gate and claims reports.
import type { Estimate } from '../stats/interval.ts';
import type { MetricUnit } from './metrics.ts';

export function formatValue(v: number | null, unit: MetricUnit): string {
  if (v === null || !Number.isFinite(v)) return '–';
  switch (unit) {
    case 'us':
      return v >= 10_000 ? `${(v / 1000).toFixed(1)} ms` : `${Math.round(v)} µs`;
    case 'bytes':
      return `${(v / 2 ** 20).toFixed(1)} MiB`;
    case 'per_s':
      return v >= 1e6 ? `${(v / 1e6).toFixed(2)} M/s` : v >= 1e3 ? `${(v / 1e3).toFixed(1)} k/s` : `${v.toFixed(0)} /s`;
    case 'cpu_s':
      return `${v.toFixed(3)} s`;
    case 'count':
      return v >= 1e4 ? `${(v / 1e3).toFixed(1)}k` : v.toFixed(0);
  }
}

export function formatRatio(e: Estimate): { ratio: string; ci: string } {
  if (e.kind === 'insufficient') return { ratio: '–', ci: 'insufficient data' };
  return { ratio: e.estimate.toFixed(3), ci: `[${e.ci_low.toFixed(3)}, ${e.ci_high.toFixed(3)}]` };
}

/** A fixed-width text table; the first row is the header. */
export function textTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  const line = (r: string[]) => r.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - [...c].length)).join('  ').trimEnd();
  const [head, ...body] = rows;
  if (!head) return '';
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function markdownTable(rows: string[][]): string {
  const [head, ...body] = rows;
  if (!head) return '';
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [`| ${head.map(esc).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}
