import { describe, expect, it } from 'vitest';
import { tCdf, tQuantile } from './student-t.ts';

describe('Student t', () => {
  it('matches published 97.5% quantiles for small degrees of freedom', () => {
    // Reference values from any t table.
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    expect(tQuantile(0.975, 2)).toBeCloseTo(4.3027, 3);
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.7764, 3);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.0423, 3);
    expect(tQuantile(0.95, 10)).toBeCloseTo(1.8125, 3);
  });

  it('approaches the normal quantile for large df', () => {
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(1.96, 2);
  });

  it('is symmetric and inverts the CDF, also for fractional df', () => {
    for (const df of [1.7, 3.3, 9.5]) {
      const q = tQuantile(0.9, df);
      expect(tCdf(q, df)).toBeCloseTo(0.9, 9);
      expect(tQuantile(0.1, df)).toBeCloseTo(-q, 9);
    }
  });

  it('rejects probabilities outside (0, 1)', () => {
    expect(() => tQuantile(1, 3)).toThrow(RangeError);
  });
});
