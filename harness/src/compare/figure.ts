// The one interval every view gives a figure: for one metric of one scenario × processor, the
// geometric mean over the usable repetitions (ok, and not driver-limited for the metric unless asked) with the
// t interval on their logs. report, compare, gate, claims, the dashboard and the HTML report
// (which is the dashboard) all call this, so the same figure never gets two intervals. (The
// Overview's whiskers used to be a percentile bootstrap of the median, which the gate's own
// simulation found covering 79.6% at 3 repetitions for a nominal 95%.)
import { DEFAULT_CONFIDENCE, DEFAULT_MIN_N, type Estimate } from '../stats/interval.ts';
import { levelInterval } from '../stats/level-interval.ts';
import { METRICS, type MeasurementFigures, type MetricDef, type MetricId } from './metrics.ts';
import { driverLimitFor } from './units.ts';

export interface FigureOptions {
  confidence?: number;
  min_n?: number;
  include_driver_limited?: boolean;
}

export interface Figure {
  /** Geometric mean over the usable repetitions; null when there is none (or a value is not positive). */
  value: number | null;
  /** The interval, or why there is none (fewer than min_n repetitions). */
  interval: Estimate;
  /** Repetitions the figure rests on. */
  n: number;
}

export const FIGURE_METHOD_TEXT = 'geometric mean over repetitions, 95% t interval on their logs';

/** The repetitions a figure of `metric` rests on: ok, and not driver-limited for it (units.ts driverLimitFor). */
function usable<M extends MeasurementFigures>(ms: readonly M[], metric: MetricDef, include_driver_limited = false): M[] {
  return ms.filter((m) => m.status === 'ok' && driverLimitFor(m, { include_driver_limited, metric }) === null);
}

/** The figure of a per-repetition metric (capacity, one record per run, has none). */
export function figureOf(id: Exclude<MetricId, 'capacity'>, ms: readonly MeasurementFigures[], opts: FigureOptions = {}): Figure {
  const def = METRICS[id];
  if (def.source !== 'measurement') throw new RangeError(`${id} is not read from repetitions`);
  const values = usable(ms, def, opts.include_driver_limited).flatMap((m) => {
    const v = def.value(m);
    return v === null ? [] : [v];
  });
  return figureOfValues(values, opts);
}

export function figureOfValues(values: readonly number[], opts: FigureOptions = {}): Figure {
  const interval = levelInterval(values, { scale: 'log', confidence: opts.confidence ?? DEFAULT_CONFIDENCE, min_n: opts.min_n ?? DEFAULT_MIN_N });
  const positive = values.length > 0 && values.every((v) => v > 0 && Number.isFinite(v));
  const value = positive ? Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length) : null;
  return { value, interval, n: values.length };
}
