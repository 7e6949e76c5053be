import { describe, expect, it } from 'vitest';
import { bootstrapMedian, median } from './bootstrap.ts';

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('is NaN for no values', () => {
    expect(median([])).toBeNaN();
  });
});

describe('bootstrapMedian', () => {
  it('brackets the median with an interval inside the data range', () => {
    const values = [100, 104, 98, 101, 130, 99, 102];
    const e = bootstrapMedian(values);
    expect(e.estimate).toBe(101);
    expect(e.low).toBeLessThanOrEqual(101);
    expect(e.high).toBeGreaterThanOrEqual(101);
    expect(e.low).toBeGreaterThanOrEqual(98);
    expect(e.high).toBeLessThanOrEqual(130);
  });
  it('gives a zero-width interval for a single value', () => {
    expect(bootstrapMedian([42])).toEqual({ estimate: 42, low: 42, high: 42, n: 1 });
  });
  it('narrows as the spread of the values shrinks', () => {
    const wide = bootstrapMedian([80, 90, 100, 110, 120]);
    const narrow = bootstrapMedian([98, 99, 100, 101, 102]);
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });
  it('is reproducible for a given seed', () => {
    const v = [5, 9, 2, 7, 4, 8];
    expect(bootstrapMedian(v, { seed: 7 })).toEqual(bootstrapMedian(v, { seed: 7 }));
  });
});
