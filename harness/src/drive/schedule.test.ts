import { describe, expect, it } from 'vitest';
import { intendedSeconds, intendedTimesNs } from './schedule.ts';

describe('intendedTimesNs', () => {
  it('spaces a constant rate evenly across warmup and measure', () => {
    const t = intendedTimesNs({ kind: 'constant', rate_per_s: 1000 }, 1, 2);
    expect(t.length).toBe(3000);
    expect(t[1]).toBe(1_000_000);
    expect(t[2999]).toBe(2_999_000_000);
  });

  it('makes a ramp with equal ends identical to a constant rate', () => {
    expect([...intendedTimesNs({ kind: 'ramp', from_per_s: 400, to_per_s: 400 }, 0.5, 1)]).toEqual([...intendedTimesNs({ kind: 'constant', rate_per_s: 400 }, 0.5, 1)]);
  });

  it('schedules the area under a ramp: warmup at from_per_s, then linear to to_per_s', () => {
    // 1 s × 100 + (100 + 300) / 2 × 2 s = 500
    expect(Math.abs(intendedTimesNs({ kind: 'ramp', from_per_s: 100, to_per_s: 300 }, 1, 2).length - 500)).toBeLessThanOrEqual(1);
  });

  it('ramps from zero without dividing by zero', () => {
    const t = intendedSeconds({ kind: 'ramp', from_per_s: 0, to_per_s: 1000 }, 0, 1, 1);
    // N(t) = 500 t² → request 1 at sqrt(1/500) s.
    expect(t).toBeCloseTo(Math.sqrt(1 / 500), 12);
  });
});
