// The Overview's figures and whiskers: the harness's own figure interval (harness
// compare/figure.ts: geometric mean over the usable repetitions, t interval on their logs), so
// the dashboard, the HTML report (the same app), `report`, `compare`, `gate` and `claims` give
// one figure one interval. It replaced a percentile bootstrap of the median, which the gate's
// simulation found covering 79.6% at 3 repetitions for a nominal 95%.
import { figureOf, figureOfValues, type Figure } from '../../../harness/src/compare/figure.ts';
import type { MetricId } from '../../../harness/src/compare/metrics.ts';
import type { MeasurementView } from '../../../harness/src/serve/api-types.ts';
import { median } from '../../../harness/src/stats/describe.ts';

export interface Estimate {
  /** Geometric mean over the usable repetitions. */
  estimate: number;
  /** The 95% interval; equal to the estimate when there is none (see `interval`). */
  low: number;
  high: number;
  /** Usable repetitions. */
  n: number;
  /** false: too few repetitions (fewer than 3) or a value that is not positive, so no interval. */
  interval: boolean;
}

export { median };

export function toEstimate(f: Figure, fallback: number): Estimate {
  const estimate = f.value ?? fallback;
  if (f.interval.kind !== 'interval') return { estimate, low: estimate, high: estimate, n: f.n, interval: false };
  return { estimate, low: f.interval.ci_low, high: f.interval.ci_high, n: f.n, interval: true };
}

/** One metric of one scenario × processor, over its repetitions (failed and driver-limited ones left out). */
export function figureEstimate(id: Exclude<MetricId, 'capacity'>, ms: readonly MeasurementView[]): Estimate {
  const f = figureOf(id, ms);
  return toEstimate(f, Number.NaN);
}

/** Values that are not a metric of the table (GC pause totals): zeros allowed, then the median without an interval. */
export function valuesEstimate(values: readonly number[]): Estimate {
  return toEstimate(figureOfValues(values), values.length ? median(values) : Number.NaN);
}
