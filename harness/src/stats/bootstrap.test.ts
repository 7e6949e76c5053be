import hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { bootstrapRatioInterval, fixedSampler, percentileSampler } from './bootstrap.ts';
import { quantileTable, valueAtQuantile } from './histogram-quantiles.ts';
import { seededRng } from './rng.ts';

function encoded(values: number[]): string {
  const h = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
  for (const v of values) h.recordValue(v);
  return hdr.encodeIntoCompressedBase64(h);
}

describe('quantile table', () => {
  it('agrees with HdrHistogram getValueAtPercentile', () => {
    const rng = seededRng(3);
    const values = Array.from({ length: 5000 }, () => Math.round(50 + 5000 * rng() ** 4));
    const enc = encoded(values);
    const h = hdr.decodeFromCompressedBase64(enc);
    const t = quantileTable(enc);
    for (const p of [1, 50, 90, 99, 99.9, 100]) expect(valueAtQuantile(t, p / 100)).toBe(h.getValueAtPercentile(p));
    expect(t.total).toBe(5000);
  });
});

describe('bootstrapRatioInterval', () => {
  it('is deterministic for a seed and brackets the point estimate', () => {
    const a = [100, 110, 95, 105].map(fixedSampler);
    const b = [120, 135, 118, 125].map(fixedSampler);
    const x = bootstrapRatioInterval(a, b, { seed: 5 });
    const y = bootstrapRatioInterval(a, b, { seed: 5 });
    expect(x).toEqual(y);
    if (x.kind !== 'interval') throw new Error('expected an interval');
    expect(x.ci_low).toBeLessThanOrEqual(x.estimate);
    expect(x.ci_high).toBeGreaterThanOrEqual(x.estimate);
  });

  it('refuses below the minimum repetitions', () => {
    expect(bootstrapRatioInterval([fixedSampler(1)], [fixedSampler(1), fixedSampler(2), fixedSampler(3)]).kind).toBe('insufficient');
  });

  it('redraws a percentile from the histogram: identical repetitions still give a non-zero width', () => {
    const rng = seededRng(11);
    const enc = encoded(Array.from({ length: 2000 }, () => Math.round(100 + 900 * rng() ** 3)));
    const reps = [enc, enc, enc].map((e) => percentileSampler(quantileTable(e), 99));
    const r = bootstrapRatioInterval(reps, reps, { seed: 1 });
    if (r.kind !== 'interval') throw new Error('expected an interval');
    expect(r.estimate).toBe(1);
    expect(r.ci_high).toBeGreaterThan(1);
    expect(r.ci_low).toBeLessThan(1);
  });
});
