import { describe, expect, it } from 'vitest';
import { median, medians } from './median.ts';

describe('median', () => {
  it('takes the middle of an odd count and the mean of the middle pair otherwise', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('takes each percentile over runs separately', () => {
    expect(medians([{ p50_us: 1, p99_us: 9, max_us: 100 }, { p50_us: 2, p99_us: 7, max_us: 50 }, { p50_us: 3, p99_us: 8, max_us: 70 }])).toEqual({ p50_us: 2, p99_us: 8, max_us: 70 });
  });
});
