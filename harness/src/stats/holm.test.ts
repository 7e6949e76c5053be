import { describe, expect, it } from 'vitest';
import { holm } from './holm.ts';

describe('holm', () => {
  it('reproduces the textbook example (four hypotheses, α = 0.05)', () => {
    // Holm (1979) as worked on Wikipedia's "Holm–Bonferroni method": p = 0.01, 0.04, 0.03, 0.005.
    // 0.005 < 0.05/4 and 0.01 < 0.05/3 are rejected; 0.03 > 0.05/2 stops the procedure.
    const steps = holm([0.01, 0.04, 0.03, 0.005], 0.05);
    expect(steps.map((s) => s.rejected)).toEqual([true, false, false, true]);
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
    steps.forEach((s, i) => expect(s.p_adjusted).toBeCloseTo([0.03, 0.06, 0.06, 0.02][i]!, 12));
    expect(steps.map((s) => s.level)).toEqual([0.05 / 3, 0.05 / 1, 0.05 / 2, 0.05 / 4]);
  });

  it('stops at the first failure even when a later p-value would pass its own level', () => {
    // 0.03 > 0.05/2 fails; 0.04 ≤ 0.05/1 but must not be rejected after it.
    const steps = holm([0.03, 0.04], 0.05);
    expect(steps.map((s) => s.rejected)).toEqual([false, false]);
    expect(steps[0]!.p_adjusted).toBeCloseTo(0.06, 12);
    expect(steps[1]!.p_adjusted).toBeCloseTo(0.06, 12);
  });

  it('is the raw test for a family of one', () => {
    expect(holm([0.03], 0.05)).toEqual([{ p_raw: 0.03, p_adjusted: 0.03, rank: 1, level: 0.05, rejected: true }]);
  });

  it('caps adjusted p-values at 1', () => {
    expect(holm([0.6, 0.9], 0.05).map((s) => s.p_adjusted)).toEqual([1, 1]);
  });

  it('rejects a bad alpha', () => {
    expect(() => holm([0.1], 0)).toThrow(RangeError);
  });
});
