import { describe, expect, it } from 'vitest';
import { lowerRank, medianInterval } from './median-interval.ts';

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** P(x_(r) ≤ median ≤ x_(n−r+1)) for any continuous distribution, exactly (BigInt). */
function coverage(n: number, r: number): number {
  let c = 1n;
  let sum = 0n;
  for (let j = 0; j < r; j++) {
    sum += c;
    c = (c * BigInt(n - j)) / BigInt(j + 1);
  }
  return 1 - (2 * Number(sum)) / 2 ** n;
}

describe('medianInterval', () => {
  it.each([
    [6, [1, 6]],
    [31, [10, 22]],
    [60, [22, 39]],
  ])('takes the tabulated order statistics for n = %i', (n, [low, high]) => {
    expect(medianInterval(oneTo(n))).toEqual({ low, high });
  });

  it('is the narrowest interval with the stated coverage', () => {
    for (let n = 6; n < 200; n++) {
      const r = lowerRank(n, 0.95);
      expect(coverage(n, r), `n=${n}`).toBeGreaterThanOrEqual(0.95);
      expect(coverage(n, r + 1), `n=${n}`).toBeLessThan(0.95);
    }
  });

  it('needs six samples at 95%', () => {
    expect(medianInterval([1, 2, 3, 4, 5])).toBeNull();
  });

  it('sorts the samples itself', () => {
    expect(medianInterval([6, 5, 4, 3, 2, 1])).toEqual({ low: 1, high: 6 });
  });

  it('stays finite for tens of thousands of samples (tinybench keeps one per call)', () => {
    const r = lowerRank(50_000, 0.95);
    expect(r).toBeGreaterThan(24_700);
    expect(r).toBeLessThan(25_000);
  });
});
