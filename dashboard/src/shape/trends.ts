// Trends over runs. A point is marked as a regression when it is worse than the median of the
// points before it (a short window, so one noisy run does not set the reference) by more than the
// threshold.
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
