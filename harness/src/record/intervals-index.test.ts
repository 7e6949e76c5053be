import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntervalIndex, IntervalUnion } from './intervals-index.ts';

describe('IntervalIndex', () => {
  it('answers like a linear scan', () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 50 })).map(([s, d]) => ({ start_ns: s, end_ns: s + d }));
    fc.assert(fc.property(fc.array(interval, { maxLength: 40 }), fc.integer({ min: 0, max: 1100 }), fc.integer({ min: 0, max: 60 }), (xs, a, d) => {
      const b = a + d;
      const linear = xs.some((x) => x.start_ns <= b && x.end_ns >= a);
      return new IntervalIndex(xs).overlaps(a, b) === linear;
    }));
  });

  it('sees a long interval that started before shorter later ones', () => {
    const idx = new IntervalIndex([{ start_ns: 0, end_ns: 100 }, { start_ns: 10, end_ns: 12 }]);
    expect(idx.overlaps(50, 60)).toBe(true);
    expect(idx.overlaps(101, 200)).toBe(false);
  });
});

describe('IntervalUnion', () => {
  it('measures the covered part of a window once per instant, however the intervals overlap', () => {
    const u = new IntervalUnion([{ start_ns: 0, end_ns: 10 }, { start_ns: 5, end_ns: 20 }, { start_ns: 30, end_ns: 40 }]);
    expect(u.coveredNs(0, 100)).toBe(30);
    expect(u.coveredNs(15, 35)).toBe(10);
    expect(u.coveredNs(20, 30)).toBe(0);
  });
});
