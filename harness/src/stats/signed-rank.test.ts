import { describe, expect, it } from 'vitest';
import { normal, seededRng } from './rng.ts';
import { criticalCount, hodgesLehmann, hodgesLehmannInterval, signedRank, signedRankCdf, signedRankPAbove, signedRankPBelow } from './signed-rank.ts';

describe('signedRankCdf', () => {
  it('gives P(W+ = 0) = 2^−n and sums to 1', () => {
    const cdf = signedRankCdf(6);
    expect(cdf[0]).toBeCloseTo(1 / 64, 15);
    expect(cdf[cdf.length - 1]).toBeCloseTo(1, 12);
  });

  it.each([
    [6, 0],
    [10, 8],
    [12, 13],
    [20, 52],
  ])('has the tabulated two-sided 5%% critical value for n = %i', (n, critical) => {
    expect(criticalCount(signedRankCdf(n), 0.025)).toBe(critical);
  });

  it('has no two-sided 95% critical value below 6 pairs', () => {
    expect(criticalCount(signedRankCdf(5), 0.025)).toBe(-1);
  });
});

describe('Hodges–Lehmann', () => {
  it('estimates the median of the Walsh averages', () => {
    // Walsh averages of 1, 2, 10: 1, 1.5, 2, 5.5, 6, 10 → median (2 + 5.5) / 2.
    expect(hodgesLehmann(signedRank([1, 2, 10]))).toBe(3.75);
  });

  it('at 6 pairs and 95% spans the smallest to the largest difference', () => {
    expect(hodgesLehmannInterval(signedRank([3, -1, 4, 1, 5, 9]), 0.95)).toEqual([-1, 9]);
  });

  it('has no interval with too few pairs', () => {
    expect(hodgesLehmannInterval(signedRank([1, 2, 3, 4, 5]), 0.95)).toBeNull();
  });

  it('excludes θ exactly when the one-sided p-value is at most the tail level', () => {
    const rng = seededRng(5);
    const d = Array.from({ length: 15 }, () => 0.1 + 0.2 * normal(rng));
    const s = signedRank(d);
    const [lo, hi] = hodgesLehmannInterval(s, 0.95)!;
    for (let theta = -0.5; theta <= 0.7; theta += 0.01) {
      expect(signedRankPAbove(s, theta) <= 0.025, `θ=${theta}`).toBe(lo > theta);
      expect(signedRankPBelow(s, theta) <= 0.025, `θ=${theta}`).toBe(hi < theta);
    }
  });

  it('covers the centre of heavy-tailed symmetric data about 95% of the time', () => {
    // Student t with 2 degrees of freedom (infinite variance): normal / sqrt(chi²₂ / 2).
    const rng = seededRng(11);
    const t2 = () => normal(rng) / Math.sqrt((normal(rng) ** 2 + normal(rng) ** 2) / 2);
    let hits = 0;
    const trials = 2000;
    for (let i = 0; i < trials; i++) {
      const [lo, hi] = hodgesLehmannInterval(signedRank(Array.from({ length: 15 }, () => 0.3 + t2())), 0.95)!;
      if (lo <= 0.3 && 0.3 <= hi) hits++;
    }
    // The exact coverage at n = 15 is 1 − 2·P(W+ ≤ c) (≈ 95.2%); binomial sd over 2000 trials ≈ 0.5%.
    const cdf = signedRankCdf(15);
    const exact = 1 - 2 * cdf[criticalCount(cdf, 0.025)]!;
    expect(Math.abs(hits / trials - exact)).toBeLessThan(0.02);
  });
});
