// A micro-benchmark result as a terminal table (stdout of `harness microbench`): per function,
// batch and implementation, the median time per call with its interval and the items per second.
import type { MicrobenchRecord, StoredMicrobench } from '../results/microbench-schema.ts';
import { formatNanos, formatRate } from '../report/format.ts';
import { renderText } from '../report/table.ts';
import { itemsPerSecond } from './records.ts';

export function sortRecords(records: readonly MicrobenchRecord[]): MicrobenchRecord[] {
  return [...records].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.batch_size - b.batch_size || a.median_ns - b.median_ns));
}

export function renderMicrobench(r: StoredMicrobench): string {
  const rows = sortRecords(r.results).map((x) => [
    x.name,
    `${x.batch_size} ${x.batch_unit}`,
    x.implementation,
    formatNanos(x.median_ns),
    x.ci_low_ns === null || x.ci_high_ns === null ? '–' : `${formatNanos(x.ci_low_ns)} – ${formatNanos(x.ci_high_ns)}`,
    formatRate(itemsPerSecond(x, x.median_ns), ` ${x.batch_unit}/s`),
    String(x.samples),
  ]);
  const table = renderText({ headers: ['function', 'batch', 'implementation', 'median/call', '95% interval', 'throughput', 'samples'], rows, leftAligned: [0, 1, 2] });
  const notes = (r.sources ?? []).filter((s) => s.status !== 'ok').map((s) => `${s.name}: ${s.status}: ${s.reason ?? ''}`);
  const header = `microbench ${r.id}${r.smoke ? ' (smoke: figures mean nothing)' : ''}`;
  return [header, table, ...notes].join('\n') + '\n';
}
