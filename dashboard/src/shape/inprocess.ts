// Micro-benchmark records → what the in-process view draws: one group per function (and batch
// unit), its batch sizes in order, each implementation's median time per call with its interval,
// and the same as items per second (events/s, reads/s, …), whose interval is the time interval
// turned over (a slower call bound is a lower rate bound).
import type { MicrobenchRecordView } from '../../../harness/src/serve/api-types.ts';

export interface Estimate {
  value: number;
  /** null: too few samples for an interval. */
  low: number | null;
  high: number | null;
}

export interface InProcessPoint {
  implementation: string;
  record: MicrobenchRecordView;
  ns_per_call: Estimate;
  items_per_s: Estimate;
}

export interface InProcessGroup {
  /** "ingest", the function; unique with `unit`. */
  name: string;
  unit: string;
  batches: number[];
  implementations: string[];
  /** By batch size, then implementation. */
  points: Map<number, Map<string, InProcessPoint>>;
}

export const itemsPerSecond = (batch: number, ns: number): number => (batch * 1e9) / ns;

export function pointOf(r: MicrobenchRecordView): InProcessPoint {
  const rate = (ns: number | null) => (ns === null ? null : itemsPerSecond(r.batch_size, ns));
  return {
    implementation: r.implementation,
    record: r,
    ns_per_call: { value: r.median_ns, low: r.ci_low_ns, high: r.ci_high_ns },
    items_per_s: { value: itemsPerSecond(r.batch_size, r.median_ns), low: rate(r.ci_high_ns), high: rate(r.ci_low_ns) },
  };
}

/** Groups in first-seen order; implementations in first-seen order within each group. */
export function inProcessGroups(records: readonly MicrobenchRecordView[]): InProcessGroup[] {
  const groups = new Map<string, InProcessGroup>();
  for (const r of records) {
    const key = `${r.name}\u0000${r.batch_unit}`;
    let g = groups.get(key);
    if (!g) {
      g = { name: r.name, unit: r.batch_unit, batches: [], implementations: [], points: new Map() };
      groups.set(key, g);
    }
    if (!g.implementations.includes(r.implementation)) g.implementations.push(r.implementation);
    const byImpl = g.points.get(r.batch_size) ?? new Map<string, InProcessPoint>();
    byImpl.set(r.implementation, pointOf(r));
    g.points.set(r.batch_size, byImpl);
  }
  for (const g of groups.values()) g.batches = [...g.points.keys()].sort((a, b) => a - b);
  return [...groups.values()];
}

export type Metric = 'ns_per_call' | 'items_per_s';

/**
 * Rows for a grouped bar chart: one per batch size, a value and an error-bar pair
 * ([value − low, high − value]; [0, 0] without an interval) per implementation.
 */
export function chartRows(g: InProcessGroup, metric: Metric): Array<Record<string, number | string | [number, number]>> {
  return g.batches.map((batch) => {
    const row: Record<string, number | string | [number, number]> = { batch: `${batch} ${g.unit}` };
    for (const [impl, p] of g.points.get(batch)!) {
      const e = p[metric];
      row[impl] = e.value;
      row[`${impl}__err`] = e.low === null || e.high === null ? [0, 0] : [e.value - e.low, e.high - e.value];
    }
    return row;
  });
}

/** The smallest and largest value the chart must show (interval ends included). */
export function extent(g: InProcessGroup, metric: Metric): [number, number] {
  let lo = Infinity;
  let hi = 0;
  for (const byImpl of g.points.values()) {
    for (const p of byImpl.values()) {
      const e = p[metric];
      lo = Math.min(lo, e.low ?? e.value, e.value);
      hi = Math.max(hi, e.high ?? e.value, e.value);
    }
  }
  return [lo, hi];
}
