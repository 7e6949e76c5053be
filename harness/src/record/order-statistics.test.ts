import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Prng } from '../workload/prng.ts';
import { lag1Correlation, percentileOfSorted, quantileRankInterval } from './order-statistics.ts';

describe('quantileRankInterval', () => {
  it('refuses a p99 interval whose upper rank would pass the largest sample (n < 563 with these ranks)', () => {
    expect(quantileRankInterval(562, 0.99)).toBeUndefined();
    expect(quantileRankInterval(563, 0.99)).toBeDefined();
  });

  it('brackets the nearest rank', () => {
    fc.assert(fc.property(fc.integer({ min: 300, max: 1_000_000 }), fc.constantFrom(0.5, 0.9, 0.99, 0.999), (n, p) => {
      const r = quantileRankInterval(n, p);
      if (!r) return true;
      const rank = Math.ceil(n * p);
      return r.lo <= rank && rank <= r.hi && r.hi <= n;
    }));
  });
});

describe('percentileOfSorted: coverage on heavy-tailed data', () => {
  // Pareto(α = 1.5) latencies: a heavy tail like a p99 on a noisy VM. The true p99 is known in
  // closed form, so coverage is counted exactly: it must be 95% ± 2.5% over 2,000 trials.
  it('covers the true p99 in 95% ± 2.5% of samples', () => {
    const alpha = 1.5;
    const p = 0.99;
    const truth = (1 - p) ** (-1 / alpha);
    const rng = new Prng(20261201);
    const trials = 2000;
    const n = 5000;
    let covered = 0;
    const xs = new Float64Array(n);
    for (let t = 0; t < trials; t++) {
      for (let i = 0; i < n; i++) xs[i] = (1 - rng.float()) ** (-1 / alpha);
      xs.sort();
      const e = percentileOfSorted(xs, p)!;
      if (e.lo! <= truth && truth <= e.hi!) covered++;
    }
    const share = covered / trials;
    expect(share).toBeGreaterThan(0.925);
    expect(share).toBeLessThan(0.975);
  });

  it('has no interval when the sample is too small', () => {
    expect(percentileOfSorted(Float64Array.from({ length: 100 }, (_, i) => i), 0.99)).toMatchObject({ lo: null, hi: null });
  });
});

describe('lag1Correlation', () => {
  it('is near 0 for independent noise and near 1 for a slow drift', () => {
    const rng = new Prng(7);
    const noise = Float64Array.from({ length: 5000 }, () => rng.float());
    expect(Math.abs(lag1Correlation(noise))).toBeLessThan(0.05);
    const drift = Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i / 500));
    expect(lag1Correlation(drift)).toBeGreaterThan(0.99);
  });
});
