import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Prng } from '../workload/prng.ts';
import { dependenceOf, lag1Correlation, LAG1_LIMIT, percentileOfSorted, quantileRankInterval, Z95 } from './order-statistics.ts';

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

/** The standard normal's 99th percentile. */
const Z_P99 = 2.326348;

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

  // Coverage of a percentile estimator over many seeded trials, against its known true value.
  function coverage(seed: number, trials: number, n: number, p: number, draw: (rng: Prng) => number, truth: number): number {
    const rng = new Prng(seed);
    const xs = new Float64Array(n);
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      for (let i = 0; i < n; i++) xs[i] = draw(rng);
      xs.sort();
      const e = percentileOfSorted(xs, p)!;
      if (e.lo! <= truth && truth <= e.hi!) covered++;
    }
    return covered / trials;
  }

  // Standard normal by Box–Muller, from the PRNG's uniforms.
  const gaussian = (rng: Prng) => Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float());
  it('covers the true p99 of lognormal latencies in 95% ± 2.5% of samples', () => {
    // exp(N(6, 1)): a median of ~400 µs and a long right tail.
    const share = coverage(31, 1000, 5000, 0.99, (rng) => Math.exp(6 + gaussian(rng)), Math.exp(6 + Z_P99));
    expect(share).toBeGreaterThan(0.925);
    expect(share).toBeLessThan(0.975);
  });

  // For continuous data the interval's coverage does not depend on the distribution: the true
  // quantile lies in [x_(lo), x_(hi)] exactly when K, the count of samples below it, is in
  // [lo, hi − 1], K ~ Binomial(n, p). So it can be computed exactly, for any n and tail.
  function exactCoverage(n: number, p: number): number {
    const r = quantileRankInterval(n, p)!;
    const mean = n * p;
    const sd = Math.sqrt(n * p * (1 - p));
    const from = Math.max(0, Math.floor(mean - 12 * sd));
    const to = Math.min(n, Math.ceil(mean + 12 * sd));
    // pmf up to a constant, by the ratio pmf(k+1)/pmf(k); normalised over ±12 sd (the rest is below 1e-30).
    let w = 1;
    let total = 0;
    let inside = 0;
    for (let k = from; k <= to; k++) {
      total += w;
      if (k >= r.lo && k <= r.hi - 1) inside += w;
      w *= ((n - k) / (k + 1)) * (p / (1 - p));
    }
    return inside / total;
  }

  it('covers the true p99 and p99.9 in 95% ± 2.5%, exactly, once 20 samples lie beyond the percentile', () => {
    fc.assert(
      fc.property(fc.integer({ min: 563, max: 1_000_000 }), fc.constantFrom(0.99, 0.999), (n, p) => {
        if (n * (1 - p) < 20 || !quantileRankInterval(n, p)) return true;
        const c = exactCoverage(n, p);
        return c > 0.925 && c < 0.975;
      }),
      { numRuns: 300 },
    );
  });

  // With fewer samples in the tail the whole-rank bounds round outwards: up to 98.4% (p99 at
  // n = 1,000). Too wide, never too narrow, so a precision-driven phase errs towards running longer.
  it('is conservative, never below 92.5%, with fewer than 20 samples beyond the percentile', () => {
    for (const [n, p] of [[600, 0.99], [1000, 0.99], [1500, 0.99], [6000, 0.999], [10_000, 0.999], [15_000, 0.999]] as const) {
      expect(exactCoverage(n, p), `n ${n}, p ${p}`).toBeGreaterThan(0.925);
    }
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

describe('the independence check', () => {
  it('passes a correlation within the limit and leaves n as it is', () => {
    expect(dependenceOf(10_000, LAG1_LIMIT / 2)).toEqual({ lag1: LAG1_LIMIT / 2, independent: true, n_eff: 10_000 });
  });

  it('fails a larger positive correlation and shrinks n to the AR(1) effective sample size', () => {
    const d = dependenceOf(10_000, 0.5);
    expect(d.independent).toBe(false);
    expect(d.n_eff).toBeCloseTo(10_000 / 3, 6);
  });

  it('never narrows the interval for a negative correlation', () => {
    expect(dependenceOf(10_000, -0.5)).toMatchObject({ independent: false, n_eff: 10_000 });
  });

  it('widens the interval as n_eff falls', () => {
    const sorted = Float64Array.from({ length: 10_000 }, (_, i) => i);
    const plain = percentileOfSorted(sorted, 0.99)!;
    const wide = percentileOfSorted(sorted, 0.99, Z95, 2_500)!;
    expect(wide.value).toBe(plain.value);
    expect(wide.lo!).toBeLessThan(plain.lo!);
    expect(wide.hi!).toBeGreaterThan(plain.hi!);
  });

  it('has no interval when too few effective samples remain', () => {
    const sorted = Float64Array.from({ length: 10_000 }, (_, i) => i);
    expect(percentileOfSorted(sorted, 0.999, Z95, 500)).toMatchObject({ lo: null, hi: null });
  });

  // Lognormal latencies from a Gaussian AR(1) (ρ = 0.6): runs of slow requests, as a queue or a
  // stall makes them. The plain interval assumes independence and covers the true p99 too rarely;
  // widened to n_eff from the latencies' own lag-1 correlation, it covers at least its 95%.
  it('restores at least the nominal coverage on autocorrelated latencies', () => {
    const rho = 0.6;
    const n = 5000;
    const trials = 1000;
    const truth = Math.exp(6 + Z_P99);
    const rng = new Prng(11);
    const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float());
    const xs = new Float64Array(n);
    let plain = 0;
    let widened = 0;
    for (let t = 0; t < trials; t++) {
      let z = gaussian();
      for (let i = 0; i < n; i++) {
        z = rho * z + Math.sqrt(1 - rho * rho) * gaussian();
        xs[i] = Math.exp(6 + z);
      }
      const d = dependenceOf(n, lag1Correlation(xs));
      const sorted = Float64Array.from(xs).sort();
      const a = percentileOfSorted(sorted, 0.99)!;
      const b = percentileOfSorted(sorted, 0.99, Z95, d.n_eff)!;
      if (a.lo! <= truth && truth <= a.hi!) plain++;
      if (b.lo! <= truth && truth <= b.hi!) widened++;
    }
    expect(plain / trials).toBeLessThan(0.925);
    expect(widened / trials).toBeGreaterThanOrEqual(0.925);
  });
});
