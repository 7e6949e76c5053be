// The typed result of every interval estimate in the harness. An estimate below the minimum number
// of repetitions is not a narrow-looking number: it is `insufficient`, with the reason, so no
// caller can mistake it for a verdict (Bencher's rule: no threshold verdict below a minimum sample).

export type IntervalMethod = 'welch-log-t' | 'paired-log-t' | 'wilcoxon-hl' | 'round-bootstrap' | 'log-t' | 't' | 'bootstrap';

export interface Interval {
  kind: 'interval';
  /** The point estimate: a ratio (B/A) or a level, depending on the estimator. */
  estimate: number;
  ci_low: number;
  ci_high: number;
  /** Two-sided coverage, e.g. 0.95. */
  confidence: number;
  method: IntervalMethod;
  /** Independent units (repetitions) on each side; n_b is 0 for a one-sample estimate. */
  n_a: number;
  n_b: number;
}

export interface Insufficient {
  kind: 'insufficient';
  reasons: string[];
  n_a: number;
  n_b: number;
}

export type Estimate = Interval | Insufficient;

export interface IntervalOptions {
  /** Two-sided coverage; default 0.95. */
  confidence?: number;
  /** Fewest repetitions per side for an interval; default 3, never below 2. */
  min_n?: number;
}

export const DEFAULT_CONFIDENCE = 0.95;
export const DEFAULT_MIN_N = 3;

export function resolveOptions(opts: IntervalOptions | undefined): { confidence: number; min_n: number } {
  const confidence = opts?.confidence ?? DEFAULT_CONFIDENCE;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  return { confidence, min_n: Math.max(2, opts?.min_n ?? DEFAULT_MIN_N) };
}
