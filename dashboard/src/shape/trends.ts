// Trends over runs. A point is marked as a regression when it is worse than the median of the
// points before it (a short window, so one noisy run does not set the reference) by more than the
// threshold.
import type { SweepSummary } from '../../../harness/src/serve/api-types.ts';
import type { SeriesPoint } from '../../../harness/src/store/types.ts';
import { median } from './figure-interval.ts';
import type { Direction } from './compare.ts';

export interface RegressionOptions {
  window?: number;
  threshold?: number;
}

export function markRegressions(values: readonly number[], direction: Direction, opts: RegressionOptions = {}): boolean[] {
  const window = opts.window ?? 5;
  const threshold = opts.threshold ?? 0.1;
  return values.map((v, i) => {
    if (i === 0) return false;
    const ref = median(values.slice(Math.max(0, i - window), i));
    if (!(ref > 0)) return false;
    const change = (v - ref) / ref;
    return direction === 'lower-is-better' ? change > threshold : change < -threshold;
  });
}

export interface TrendPoint {
  /** Position in run order (oldest 0), the x axis. */
  index: number;
  run_id: string;
  started_at: string;
  git_sha: string;
  git_branch: string;
  value: number;
  regression: boolean;
  /** The value is a lower bound (a sustainable throughput the driver limited): never a regression. */
  lower_bound?: boolean;
}

export interface TrendSeries {
  processor: string;
  points: TrendPoint[];
}

/** Splits a series response by processor, oldest run first, each point flagged. */
export function trendSeries(points: readonly SeriesPoint[], direction: Direction, opts: RegressionOptions = {}): TrendSeries[] {
  const runOrder = [...new Map(points.map((p) => [p.run_id, p.started_at])).entries()]
    .sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]))
    .map(([id]) => id);
  const index = new Map(runOrder.map((id, i) => [id, i]));
  const processors = [...new Set(points.map((p) => p.processor))].sort();
  return processors.map((processor) => {
    const own = points.filter((p) => p.processor === processor).sort((a, b) => index.get(a.run_id)! - index.get(b.run_id)!);
    const flags = markRegressions(own.map((p) => p.value), direction, opts);
    return {
      processor,
      points: own.map((p, i) => ({
        index: index.get(p.run_id)!,
        run_id: p.run_id,
        started_at: p.started_at,
        git_sha: p.git_sha,
        git_branch: p.git_branch,
        value: p.value,
        regression: flags[i] === true,
      })),
    };
  });
}

export interface SustainableTrend {
  /** events/s when every point has an events figure (ingest), else requests/s (reads). */
  unit: 'events/s' | 'req/s';
  series: TrendSeries[];
  /** Sweeps of the scenario (on the branch) drawn, oldest first. */
  sweeps: number;
}

/**
 * Sustainable throughput under the SLO over sweeps of one scenario (higher is better), on its own
 * axis of sweeps: sweeps and runs are different jobs, so their indices do not line up. A point the
 * driver limited ("at least X") is drawn but neither flagged nor used as a reference: it says how
 * far the driver got, not what the processor sustains.
 */
export function sustainableTrend(sweeps: readonly SweepSummary[], scenario: string, branch: string | undefined, opts: RegressionOptions = {}): SustainableTrend {
  const own = sweeps
    .filter((s) => branch === undefined || s.git_branch === branch)
    .map((s) => ({ s, rows: s.sustainable.filter((x) => x.scenario === scenario) }))
    .filter((x) => x.rows.length > 0)
    .sort((a, b) => a.s.started_at.localeCompare(b.s.started_at) || a.s.id.localeCompare(b.s.id));
  const rows = own.flatMap((x) => x.rows);
  const unit = rows.length > 0 && rows.every((r) => r.events_per_s > 0) ? 'events/s' : 'req/s';
  const processors = [...new Set(rows.map((r) => r.processor))].sort();
  const series = processors.map((processor) => {
    const points = own.flatMap(({ s, rows: rs }, index) =>
      rs
        .filter((r) => r.processor === processor)
        .map((r) => ({
          index,
          run_id: s.id,
          started_at: s.started_at,
          git_sha: s.git_sha,
          git_branch: s.git_branch,
          value: unit === 'events/s' ? r.events_per_s : r.rate_per_s,
          regression: false,
          lower_bound: r.lower_bound,
        })),
    );
    const measured = points.filter((p) => !p.lower_bound);
    const flags = markRegressions(measured.map((p) => p.value), 'higher-is-better', opts);
    measured.forEach((p, i) => {
      p.regression = flags[i] === true;
    });
    return { processor, points };
  });
  return { unit, series, sweeps: own.length };
}
