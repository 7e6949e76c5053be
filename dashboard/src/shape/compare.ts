// Two runs side by side. A difference is coloured only when it is both large (≥ threshold) and
// outside the noise (the two figures' intervals do not overlap); everything else is "unchanged",
// because on a shared machine small shifts are usually noise.
import type { RunView } from '../../../harness/src/serve/api-types.ts';
import type { Estimate } from './figure-interval.ts';
import { overviewRows, type OverviewRow } from './overview.ts';

export type Direction = 'lower-is-better' | 'higher-is-better';
export type Change = 'regression' | 'improvement' | 'unchanged' | 'missing';
export type MetricKind = 'duration' | 'bytes' | 'rate' | 'cpu';

export interface CompareMetric {
  key: string;
  label: string;
  kind: MetricKind;
  direction: Direction;
  pick: (r: OverviewRow) => Estimate | number | null;
}

export const COMPARE_METRICS: CompareMetric[] = [
  { key: 'p99', label: 'p99', kind: 'duration', direction: 'lower-is-better', pick: (r) => r.p99_us },
  { key: 'p999', label: 'p99.9', kind: 'duration', direction: 'lower-is-better', pick: (r) => r.p999_us },
  { key: 'steady_rss', label: 'steady RSS', kind: 'bytes', direction: 'lower-is-better', pick: (r) => r.steady_rss_bytes },
  { key: 'peak_rss', label: 'peak RSS', kind: 'bytes', direction: 'lower-is-better', pick: (r) => r.peak_rss_bytes },
  { key: 'capacity', label: 'capacity', kind: 'rate', direction: 'higher-is-better', pick: (r) => r.capacity_requests_per_s },
  { key: 'cpu', label: 'CPU s / M events', kind: 'cpu', direction: 'lower-is-better', pick: (r) => r.cpu_s_per_million_events },
];

export interface CompareCell {
  metric: CompareMetric;
  a: number | null;
  b: number | null;
  /** (b − a) / a */
  change: number | null;
  verdict: Change;
}

export interface CompareRow {
  scenario: string;
  processor: string;
  cells: CompareCell[];
}

function valueOf(v: Estimate | number | null): number | null {
  if (v === null) return null;
  return typeof v === 'number' ? v : v.estimate;
}

function overlaps(a: Estimate | number | null, b: Estimate | number | null): boolean {
  if (a === null || b === null || typeof a === 'number' || typeof b === 'number') return false;
  return a.low <= b.high && b.low <= a.high;
}

export function classify(a: Estimate | number | null, b: Estimate | number | null, direction: Direction, threshold: number): Change {
  const va = valueOf(a);
  const vb = valueOf(b);
  if (va === null || vb === null || !Number.isFinite(va) || !Number.isFinite(vb)) return 'missing';
  if (va === 0) return vb === 0 ? 'unchanged' : direction === 'lower-is-better' ? 'regression' : 'improvement';
  const change = (vb - va) / va;
  if (Math.abs(change) < threshold || overlaps(a, b)) return 'unchanged';
  const worse = direction === 'lower-is-better' ? change > 0 : change < 0;
  return worse ? 'regression' : 'improvement';
}

/** Rows for every scenario × processor present in either run (a is the reference, b the candidate). */
export function compareRuns(a: RunView, b: RunView, threshold = 0.05): CompareRow[] {
  const rowsA = overviewRows(a);
  const rowsB = overviewRows(b);
  const key = (r: OverviewRow) => `${r.scenario}\u0000${r.processor}`;
  const byA = new Map(rowsA.map((r) => [key(r), r]));
  const byB = new Map(rowsB.map((r) => [key(r), r]));
  const keys = [...new Set([...rowsA.map(key), ...rowsB.map(key)])];
  return keys.map((k) => {
    const ra = byA.get(k);
    const rb = byB.get(k);
    const [scenario, processor] = k.split('\u0000') as [string, string];
    return {
      scenario,
      processor,
      cells: COMPARE_METRICS.map((metric) => {
        const ea = ra ? metric.pick(ra) : null;
        const eb = rb ? metric.pick(rb) : null;
        const va = valueOf(ea);
        const vb = valueOf(eb);
        return {
          metric,
          a: va,
          b: vb,
          change: va !== null && vb !== null && va !== 0 ? (vb - va) / va : null,
          verdict: classify(ea, eb, metric.direction, threshold),
        };
      }),
    };
  });
}
