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

describe('bootstrapMedian, in-place typed arrays', () => {
  // The plain version it replaced: a new array and a comparator sort per resample.
  function reference(values: number[], resamples = 2000, seed = 0x5eed) {
    let a = seed >>> 0;
    const rand = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const med = (v: number[]) => {
      const s = [...v].sort((x, y) => x - y);
      const m = s.length >> 1;
      return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
    };
    const medians: number[] = [];
    for (let r = 0; r < resamples; r++) medians.push(med(values.map(() => values[Math.floor(rand() * values.length)]!)));
    const sorted = medians.sort((x, y) => x - y);
    const q = (p: number) => {
      const pos = (sorted.length - 1) * p;
      const lo = Math.floor(pos);
      const hi = Math.ceil(pos);
      return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
    };
    return { low: q(0.025), high: q(0.975) };
  }

  it('gives exactly the interval of the plain implementation', () => {
    const cases = [[5, 1], [3, 9, 4], [10.5, -2, 7.25, 7.25], [1e9, 3, 250, 17, 4e-3], [2, 2, 2, 3, 1, 8, 13, 21, 34, 55]];
    for (const values of cases) {
      const got = bootstrapMedian(values);
      expect({ low: got.low, high: got.high }).toEqual(reference(values));
    }
  });
});
