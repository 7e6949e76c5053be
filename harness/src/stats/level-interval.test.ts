import { describe, expect, it } from 'vitest';
import { levelInterval } from './level-interval.ts';
import { normal, seededRng } from './rng.ts';

describe('levelInterval', () => {
  it('gives the geometric mean on the log scale', () => {
    const e = levelInterval([1e6, 4e6, 2e6], { scale: 'log' });
    if (e.kind !== 'interval') throw new Error('expected an interval');
    expect(e.estimate).toBeCloseTo(2e6, 3);
    expect(e.ci_low).toBeLessThan(2e6);
    expect(e.ci_high).toBeGreaterThan(2e6);
  });

  it('clips shares to their range', () => {
    const e = levelInterval([0, 0, 0.3], { scale: 'linear', range: [0, 1] });
    if (e.kind !== 'interval') throw new Error('expected an interval');
    expect(e.ci_low).toBe(0);
    expect(e.estimate).toBeCloseTo(0.1, 12);
  });

  it('refuses a geometric mean of a zero', () => {
    expect(levelInterval([0, 1, 2], { scale: 'log' }).kind).toBe('insufficient');
  });

  it('refuses fewer repetitions than the minimum', () => {
    expect(levelInterval([1, 2], { scale: 'linear' }).kind).toBe('insufficient');
  });

  it('covers the true mean of normal data about 95% of the time at n = 3', () => {
    const rng = seededRng(7);
    let hits = 0;
    const trials = 4000;
    for (let t = 0; t < trials; t++) {
      const xs = Array.from({ length: 3 }, () => 10 + normal(rng));
      const e = levelInterval(xs, { scale: 'linear' });
      if (e.kind === 'interval' && e.ci_low <= 10 && 10 <= e.ci_high) hits++;
    }
    expect(Math.abs(hits / trials - 0.95)).toBeLessThan(0.015);
  });
});
