// What a series point's value is, shared by both stores: a measure-phase metric of each ok
// measurement, then the median over the run's repetitions (never the mean of percentiles).
import type { Capacity, Measurement } from '../results/schema.ts';
import { median as medianOrNaN } from '../stats/describe.ts';
import type { RunSummary, SeriesMetric, SeriesPoint } from './types.ts';

export const DEFAULT_SERIES_LAST = 100;

export const SERIES_METRICS: readonly SeriesMetric[] = [
  'p50_us', 'p90_us', 'p99_us', 'p999_us', 'max_us',
  'achieved_rate_per_s', 'events_per_s',
  'peak_rss_bytes', 'steady_rss_bytes', 'cpu_s_per_million_events',
  'pause_total_us', 'capacity_events_per_s',
];

export function isSeriesMetric(s: string): s is SeriesMetric {
  return (SERIES_METRICS as readonly string[]).includes(s);
}

/** The metric's value for one measurement, or undefined when it has none (failed, no resources…). */
export function measurementValue(m: Measurement, metric: SeriesMetric): number | undefined {
  if (m.status !== 'ok') return undefined;
  const measure = m.phases.find((p) => p.phase === 'measure');
  switch (metric) {
    case 'p50_us': case 'p90_us': case 'p99_us': case 'p999_us': case 'max_us':
      return measure?.corrected[metric];
    case 'achieved_rate_per_s': case 'events_per_s':
      return measure?.[metric];
    case 'peak_rss_bytes': case 'steady_rss_bytes':
      return m.resources?.[metric];
    case 'cpu_s_per_million_events':
      return m.resources?.cpu_s_per_million_events ?? undefined;
    case 'pause_total_us':
      return m.runtime?.pause_total_us;
    case 'capacity_events_per_s':
      return undefined;
  }
}

export function capacityValue(c: Capacity): number | undefined {
  return c.status === 'ok' ? c.events_per_s : undefined;
}

/** The median; for an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing');
  return medianOrNaN(values);
}

/** One point of a series: a run's median over its repetitions of one processor. */
export function seriesPoint(run: Pick<RunSummary, 'run_id' | 'started_at' | 'git_sha' | 'git_branch'>, processor: string, values: readonly number[]): SeriesPoint {
  return {
    run_id: run.run_id,
    started_at: run.started_at,
    git_sha: run.git_sha,
    git_branch: run.git_branch,
    processor,
    value: median(values),
    repetitions: values.length,
  };
}
