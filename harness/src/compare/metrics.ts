// The metrics compare, gate and claims reason about, and where each one's per-repetition value
// comes from. One table, so the three commands cannot disagree on what "p99" or "rss" means.
import type { Capacity, Measurement, PhaseResult } from '../results/schema.ts';

export const METRIC_IDS = [
  'p50', 'p99', 'p999', 'p99_clean', 'p999_clean', 'throughput', 'peak_rss', 'steady_rss', 'cpu_per_million_events', 'instructions_per_event', 'capacity',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export type MetricUnit = 'us' | 'bytes' | 'per_s' | 'cpu_s' | 'count';

interface MetricBase {
  id: MetricId;
  label: string;
  unit: MetricUnit;
  /** Which direction is an improvement. */
  better: 'lower' | 'higher';
  /**
   * Whether the driver's side of the tail (platform stalls on the driver's CPU, requests it sent
   * late) reaches this metric's value. It reaches the raw percentiles and the achieved rate, so a
   * repetition whose tail the driver's side explains is set aside for them (record/driver-health.ts).
   * It does not reach the clean percentiles (they set those requests aside one by one, with the
   * same fairness rule as stalls on the processor's CPU) nor the processor's own CPU and memory:
   * for those only the driver's own limits (its send rate, its CPU) set a repetition aside.
   */
  driver_tail_reaches: boolean;
}

/**
 * What a metric reads from one repetition. The dashboard's MeasurementView (the API's measurement
 * without its encoded histograms) has all of it, so the dashboard reads figures through this table too.
 */
export type MeasurementFigures = Pick<Measurement, 'status' | 'driver' | 'repetition' | 'resources' | 'clean'> & {
  phases: ReadonlyArray<Pick<PhaseResult, 'phase' | 'corrected' | 'achieved_rate_per_s'>>;
};

export interface MeasurementMetric extends MetricBase {
  source: 'measurement';
  /** For latency percentiles: the percentile (0–100) of the measure phase's corrected histogram. */
  percentile: number | null;
  value(m: MeasurementFigures): number | null;
}

export interface CapacityMetric extends MetricBase {
  source: 'capacity';
  value(c: Capacity): number | null;
}

export type MetricDef = MeasurementMetric | CapacityMetric;

export function measurePhase<P extends { phase: string }>(m: { phases: readonly P[] }): P | undefined {
  return m.phases.find((p) => p.phase === 'measure');
}

function latency(id: MetricId, label: string, percentile: number, field: 'p50_us' | 'p99_us' | 'p999_us'): MeasurementMetric {
  // Corrected (from the intended send time): what a user would have seen.
  return { id, label, unit: 'us', better: 'lower', driver_tail_reaches: true, source: 'measurement', percentile, value: (m) => measurePhase(m)?.corrected[field] ?? null };
}

export const METRICS: Record<MetricId, MetricDef> = {
  p50: latency('p50', 'p50 latency', 50, 'p50_us'),
  p99: latency('p99', 'p99 latency', 99, 'p99_us'),
  p999: latency('p999', 'p99.9 latency', 99.9, 'p999_us'),
  // The processor's own percentiles (record/tail.ts): no histogram of them is stored, so the
  // repetition's value is its point estimate.
  p99_clean: { id: 'p99_clean', label: 'p99 latency, clean', unit: 'us', better: 'lower', driver_tail_reaches: false, source: 'measurement', percentile: null, value: (m) => m.clean?.p99?.value_us ?? null },
  p999_clean: { id: 'p999_clean', label: 'p99.9 latency, clean', unit: 'us', better: 'lower', driver_tail_reaches: false, source: 'measurement', percentile: null, value: (m) => m.clean?.p999?.value_us ?? null },
  throughput: {
    id: 'throughput', label: 'throughput (achieved)', unit: 'per_s', better: 'higher', driver_tail_reaches: true, source: 'measurement', percentile: null,
    value: (m) => measurePhase(m)?.achieved_rate_per_s ?? null,
  },
  peak_rss: { id: 'peak_rss', label: 'peak RSS', unit: 'bytes', better: 'lower', driver_tail_reaches: false, source: 'measurement', percentile: null, value: (m) => m.resources?.peak_rss_bytes ?? null },
  steady_rss: { id: 'steady_rss', label: 'steady RSS', unit: 'bytes', better: 'lower', driver_tail_reaches: false, source: 'measurement', percentile: null, value: (m) => m.resources?.steady_rss_bytes ?? null },
  cpu_per_million_events: {
    id: 'cpu_per_million_events', label: 'CPU per 1M events', unit: 'cpu_s', better: 'lower', driver_tail_reaches: false, source: 'measurement', percentile: null,
    value: (m) => m.resources?.cpu_s_per_million_events ?? null,
  },
  // Hardware instruction counts (perf stat), where the machine has counters: far steadier than
  // time on a shared machine (rustc-perf and SQLite gate on them). Null where not supported.
  instructions_per_event: {
    id: 'instructions_per_event', label: 'instructions per event', unit: 'count', better: 'lower', driver_tail_reaches: false, source: 'measurement', percentile: null,
    value: (m) => (m.resources?.instructions?.status === 'measured' ? m.resources.instructions.per_event : null),
  },
  capacity: {
    id: 'capacity', label: 'capacity (closed loop)', unit: 'per_s', better: 'higher', driver_tail_reaches: false, source: 'capacity',
    // Events for event scenarios; requests for read-only ones, which carry no events.
    value: (c) => (c.events_per_s > 0 ? c.events_per_s : c.requests_per_s > 0 ? c.requests_per_s : null),
  },
};

/** Aliases users type in limits and claims files. */
const ALIASES: Record<string, MetricId> = {
  'p99.9': 'p999', 'p99.9_clean': 'p999_clean', rss: 'steady_rss', memory: 'steady_rss', cpu: 'cpu_per_million_events',
  instructions: 'instructions_per_event', tput: 'throughput',
};

/** Every name `--limits` and claims files accept, for error messages: "p99.9 (p999)". */
export function metricNames(): string {
  const aliasesOf = (id: MetricId) => Object.entries(ALIASES).filter(([, v]) => v === id).map(([k]) => k);
  return METRIC_IDS.map((id) => (aliasesOf(id).length ? `${id} (${aliasesOf(id).join(', ')})` : id)).join(', ');
}

export function metricById(name: string): MetricDef | undefined {
  const id = (ALIASES[name] ?? name) as MetricId;
  return (METRIC_IDS as readonly string[]).includes(id) ? METRICS[id] : undefined;
}
