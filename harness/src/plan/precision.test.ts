import { describe, expect, it } from 'vitest';
import { DEFAULT_CAP_FACTOR, parsePrecisionFlag, precisionPlan } from './precision.ts';
import type { Profile } from './scenario.ts';

const profile = (precision?: Profile['precision']): Profile => ({ description: 'test', repetitions: 3, warmup_s: 1, measure_s: 3, capacity_s: 0, ...(precision ? { precision } : {}) });

describe('precisionPlan', () => {
  it("takes the profile's target, percentile and cap", () => {
    expect(precisionPlan(profile({ target_pct: 5, of: 'p999', max_measure_s: 10 }), {}, 3)).toEqual({ ok: true, value: { target_pct: 5, of: 'p999', max_measure_s: 10, check_every_s: 1 } });
  });

  it('lets the flags override the profile', () => {
    const r = precisionPlan(profile({ target_pct: 5, max_measure_s: 10 }), { target_pct: 2, of: 'p99', max_measure_s: 30 }, 3);
    expect(r).toMatchObject({ ok: true, value: { target_pct: 2, of: 'p99', max_measure_s: 30 } });
  });

  it('is off when neither the profile nor the flags ask for it', () => {
    expect(precisionPlan(profile(), {}, 3)).toEqual({ ok: true, value: null });
  });

  it('turns off with a null target even when the profile has one', () => {
    expect(precisionPlan(profile({ target_pct: 5, max_measure_s: 10 }), { target_pct: null }, 3)).toEqual({ ok: true, value: null });
  });

  it('defaults the cap to a multiple of the minimum without one from the profile', () => {
    expect(precisionPlan(profile(), { target_pct: 5 }, 3)).toMatchObject({ value: { max_measure_s: DEFAULT_CAP_FACTOR * 3 } });
  });

  it("raises the profile's cap to a --duration beyond it", () => {
    expect(precisionPlan(profile({ target_pct: 5, max_measure_s: 5 }), {}, 10)).toMatchObject({ value: { max_measure_s: 10 } });
  });

  it('refuses a cap below the minimum and a target out of range, both at once', () => {
    const r = precisionPlan(profile(), { target_pct: 150, max_measure_s: 2 }, 3);
    expect(r.ok ? [] : r.errors).toEqual([expect.stringMatching(/--precision must be a percentage/), expect.stringMatching(/--precision-cap \(2 s\)/)]);
  });

  it('refuses a percentile or cap without a target', () => {
    expect(precisionPlan(profile(), { target_pct: null, of: 'p999' }, 3).ok).toBe(false);
  });
});

describe('parsePrecisionFlag', () => {
  it('reads "5%", "2.5" and "off"', () => {
    expect([parsePrecisionFlag('5%'), parsePrecisionFlag('2.5'), parsePrecisionFlag('off')]).toEqual([5, 2.5, null]);
  });

  it('rejects anything else', () => {
    expect(parsePrecisionFlag('five')).toBeUndefined();
  });
});
