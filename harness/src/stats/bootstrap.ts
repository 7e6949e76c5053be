// A two-level bootstrap for the ratio B/A, offered beside the t interval (`--method bootstrap`).
//
// Level 1 resamples repetitions with replacement (the independent units). Level 2 redraws each
// chosen repetition's percentile from its own histogram. Redrawing n requests and taking their
// p-quantile is the same, in distribution, as taking the empirical quantile at U_(k), the k-th
// order statistic of n uniforms, which is Beta(k, n + 1 − k) with k = ⌈p·n⌉: one Beta draw and
// one table lookup per repetition instead of n draws. The statistic on each side is the
// geometric mean over repetitions, the same estimator as the t interval, so the two agree on the
// point estimate. Metrics without a histogram (RSS, CPU, throughput) skip level 2.
import { resolveOptions, type Estimate, type IntervalOptions } from './interval.ts';
import { valueAtQuantile, type QuantileTable } from './histogram-quantiles.ts';
import { beta, seededRng, type Rng } from './rng.ts';

/** One repetition's statistic and a way to draw a bootstrap replicate of it. */
export interface RepetitionSampler {
  point: number;
  draw(rng: Rng): number;
}

export function fixedSampler(value: number): RepetitionSampler {
  return { point: value, draw: () => value };
}

/** The percentile `p` (0–100) of a repetition, redrawn from its histogram. */
export function percentileSampler(table: QuantileTable, p: number): RepetitionSampler {
  const n = table.total;
  const k = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  return {
    point: valueAtQuantile(table, p / 100),
    draw: (rng) => valueAtQuantile(table, beta(rng, k, n + 1 - k)),
  };
}

export interface BootstrapOptions extends IntervalOptions {
  iterations?: number;
  seed?: number;
}

function logGeoMean(rng: Rng, reps: readonly RepetitionSampler[], resample: boolean): number {
  let s = 0;
  for (let i = 0; i < reps.length; i++) {
    const r = resample ? reps[Math.floor(rng() * reps.length)]! : reps[i]!;
    s += Math.log(resample ? r.draw(rng) : r.point);
  }
  return s / reps.length;
}

export function bootstrapRatioInterval(a: readonly RepetitionSampler[], b: readonly RepetitionSampler[], opts?: BootstrapOptions): Estimate {
  const { confidence, min_n } = resolveOptions(opts);
  const reasons: string[] = [];
  if (a.length < min_n) reasons.push(`A has ${a.length} repetition(s), at least ${min_n} needed`);
  if (b.length < min_n) reasons.push(`B has ${b.length} repetition(s), at least ${min_n} needed`);
  if ([...a, ...b].some((r) => !(r.point > 0))) reasons.push('a repetition has a value that is not positive; a ratio needs positive values');
  if (reasons.length) return { kind: 'insufficient', reasons, n_a: a.length, n_b: b.length };

  const iterations = opts?.iterations ?? 2000;
  const rng = seededRng(opts?.seed ?? 1);
  const diffs = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) diffs[i] = logGeoMean(rng, b, true) - logGeoMean(rng, a, true);
  diffs.sort();
  const alpha = (1 - confidence) / 2;
  const at = (q: number) => diffs[Math.min(iterations - 1, Math.max(0, Math.floor(q * iterations)))]!;
  const point = logGeoMean(rng, b, false) - logGeoMean(rng, a, false);
  return {
    kind: 'interval',
    estimate: Math.exp(point),
    ci_low: Math.exp(at(alpha)),
    ci_high: Math.exp(at(1 - alpha)),
    confidence,
    method: 'bootstrap',
    n_a: a.length,
    n_b: b.length,
  };
}
