import { describe, expect, it } from 'vitest';
import { wilson } from './proof-tally.ts';

describe('wilson', () => {
  it('bounds 0 of 10 below about 28%', () => {
    const r = wilson(0, 10);
    expect(r.ci_low).toBe(0);
    expect(r.ci_high).toBeCloseTo(0.2775, 3);
  });
  it('matches a textbook value for 9 of 10', () => {
    const r = wilson(9, 10);
    expect(r.ci_low).toBeCloseTo(0.5958, 3);
    expect(r.ci_high).toBeCloseTo(0.9821, 3);
  });
});
