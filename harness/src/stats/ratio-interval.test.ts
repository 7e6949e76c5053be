import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ratioInterval } from './ratio-interval.ts';
import { normal, seededRng } from './rng.ts';

function lognormalSample(rng: () => number, n: number, scale: number, sigma: number): number[] {
  return Array.from({ length: n }, () => scale * Math.exp(sigma * normal(rng)));
}

function coverage(seed: number, trials: number, n: number, sigma: number, trueRatio: number, paired: boolean): number {
  const rng = seededRng(seed);
  let hits = 0;
  for (let t = 0; t < trials; t++) {
    const a = lognormalSample(rng, n, 100, sigma);
    // Paired data share a per-repetition drift, as interleaved processors in one run do.
    const b = paired ? a.map((x) => x * trueRatio * Math.exp(sigma * 0.5 * normal(rng))) : lognormalSample(rng, n, 100 * trueRatio, sigma);
    const e = ratioInterval(a, b, { paired });
    if (e.kind === 'interval' && e.ci_low <= trueRatio && trueRatio <= e.ci_high) hits++;
  }
  return hits / trials;
}

describe('ratioInterval', () => {
  it('estimates the ratio of geometric means', () => {
    const e = ratioInterval([100, 100, 100], [120, 120, 120]);
    expect(e.kind).toBe('interval');
    if (e.kind !== 'interval') return;
    expect(e.estimate).toBeCloseTo(1.2, 12);
    // No spread: the interval is the point.
    expect(e.ci_low).toBeCloseTo(1.2, 12);
    expect(e.ci_high).toBeCloseTo(1.2, 12);
  });

  it('refuses an interval below the minimum number of repetitions', () => {
    const e = ratioInterval([1, 2], [1, 2, 3]);
    expect(e.kind).toBe('insufficient');
    if (e.kind === 'insufficient') expect(e.reasons).toEqual(['A has 2 repetition(s), at least 3 needed']);
  });

  it('refuses non-positive values with a reason', () => {
    const e = ratioInterval([1, 0, 2], [1, 2, 3]);
    expect(e.kind).toBe('insufficient');
  });

  it('lists every reason at once', () => {
    const e = ratioInterval([0], [1], { paired: true, min_n: 2 });
    expect(e.kind === 'insufficient' && e.reasons.length).toBe(3); // A too few, B too few, A has a zero
  });

  it('widens with the t quantile at small n (n = 3 uses t(0.975, ~4), not 1.96)', () => {
    const e = ratioInterval([90, 100, 110], [90, 100, 110]);
    if (e.kind !== 'interval') throw new Error('expected an interval');
    const halfLog = Math.log(e.ci_high);
    const sdLog = Math.sqrt(2 / 3) * 0.1; // ≈ sd of log values × √(2/n)
    expect(halfLog / sdLog).toBeGreaterThan(2.5);
  });

  it('pairing removes drift shared by repetition i of A and B', () => {
    const a = [100, 150, 80, 120];
    const b = a.map((x) => x * 1.1);
    const paired = ratioInterval(a, b, { paired: true });
    const unpaired = ratioInterval(a, b);
    if (paired.kind !== 'interval' || unpaired.kind !== 'interval') throw new Error('expected intervals');
    expect(paired.ci_high - paired.ci_low).toBeLessThan(1e-9);
    expect(unpaired.ci_high - unpaired.ci_low).toBeGreaterThan(0.2);
  });

  it('a 95% interval contains the true ratio of log-normal repetitions about 95% of the time', () => {
    // 1000 trials per case: binomial sd at 0.95 is 0.007; ±0.025 is 3.6 sd.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 3, max: 10 }),
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.boolean(),
        (seed, n, sigma, ratio, paired) => {
          const c = coverage(seed, 1000, n, sigma, ratio, paired);
          return Math.abs(c - 0.95) <= 0.025;
        },
      ),
      { seed: 20261126, numRuns: 25 },
    );
  });
});
