// One metric's ratio B/A from two sets of repetitions, by the chosen method. The t interval reads
// the percentiles stored with each repetition; the bootstrap needs the histograms themselves.
import { bootstrapRatioInterval, fixedSampler, percentileSampler, type RepetitionSampler } from '../stats/bootstrap.ts';
import { quantileTable } from '../stats/histogram-quantiles.ts';
import type { Estimate } from '../stats/interval.ts';
import { ratioInterval } from '../stats/ratio-interval.ts';
import { measurePhase, type MetricDef } from './metrics.ts';
import type { Units } from './units.ts';

export type CompareMethod = 't' | 'bootstrap';

export interface EstimateOptions {
  method: CompareMethod;
  confidence: number;
  min_n: number;
  seed: number;
}

export interface MetricSample {
  /** Per-repetition values (null-valued repetitions dropped). */
  values: number[];
  /** Repetition index of each value (capacity records: their order), for pairing. */
  keys: string[];
  samplers: () => RepetitionSampler[];
}

export function sampleOf(def: MetricDef, units: Units): MetricSample {
  if (def.source === 'capacity') {
    const rows = units.capacity.flatMap((c, i) => {
      const v = def.value(c);
      return v === null ? [] : [{ v, key: `${c.run_id}#${i}` }];
    });
    return { values: rows.map((r) => r.v), keys: rows.map((r) => r.key), samplers: () => rows.map((r) => fixedSampler(r.v)) };
  }
  const rows = units.measurements.flatMap((m) => {
    const v = def.value(m);
    return v === null ? [] : [{ v, m }];
  });
  return {
    values: rows.map((r) => r.v),
    keys: rows.map((r) => `r${r.m.repetition}`),
    samplers: () =>
      rows.map(({ v, m }) => {
        const hdr = measurePhase(m)?.corrected_hdr;
        return def.percentile !== null && hdr ? percentileSampler(quantileTable(hdr), def.percentile) : fixedSampler(v);
      }),
  };
}

/** `paired`: A and B are two processors of one run, so repetition i of each saw the same machine state. */
export function estimateRatio(a: MetricSample, b: MetricSample, paired: boolean, opts: EstimateOptions): Estimate {
  const canPair = paired && a.keys.length === b.keys.length && a.keys.every((k, i) => k === b.keys[i]);
  if (opts.method === 'bootstrap') {
    return bootstrapRatioInterval(a.samplers(), b.samplers(), { confidence: opts.confidence, min_n: opts.min_n, seed: opts.seed });
  }
  return ratioInterval(a.values, b.values, { confidence: opts.confidence, min_n: opts.min_n, paired: canPair });
}

/** Geometric mean of positive values: the level each side's ratio is built from. */
export function geometricMean(xs: readonly number[]): number | null {
  if (xs.length === 0 || xs.some((x) => !(x > 0))) return null;
  return Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
}
