import { describe, expect, it } from 'vitest';
import { findMaxAccurateRate, inaccuracy } from './max-rate.ts';
import type { MaxRateStep } from './types.ts';

const step = (rate_per_s: number, over: Partial<MaxRateStep> = {}): MaxRateStep => ({
  rate_per_s, achieved_per_s: rate_per_s, p99_us: 100, schedule_lag_p99_us: 5, cpu_work_utilisation: 0.2, driver_limited: false, reasons: [], ...over,
});

describe('findMaxAccurateRate', () => {
  it('returns the last rate before the driver flagged itself', async () => {
    const r = await findMaxAccurateRate(async (rate) => step(rate, rate >= 40_000 ? { driver_limited: true, reasons: ['lag'] } : {}), { start_per_s: 10_000, factor: 2, ceiling_per_s: 1e6 });
    expect(r.max_accurate_rate_per_s).toBe(20_000);
    expect(r.steps.map((s) => s.rate_per_s)).toEqual([10_000, 20_000, 40_000]);
    expect(r.stopped_by).toContain('driver-limited');
  });

  it('stops when less than 97% of the target is answered', async () => {
    const r = await findMaxAccurateRate(async (rate) => step(rate, { achieved_per_s: Math.min(rate, 25_000) }), { start_per_s: 10_000, factor: 2, ceiling_per_s: 1e6 });
    expect(r.max_accurate_rate_per_s).toBe(20_000);
    expect(r.stopped_by).toContain('achieved');
  });

  it('stops at the ceiling', async () => {
    const r = await findMaxAccurateRate(async (rate) => step(rate), { start_per_s: 1000, factor: 10, ceiling_per_s: 10_000 });
    expect(r.max_accurate_rate_per_s).toBe(10_000);
    expect(r.stopped_by).toContain('ceiling');
  });
});

describe('inaccuracy', () => {
  it('accepts a step at exactly 97% of the target', () => {
    expect(inaccuracy(step(1000, { achieved_per_s: 970 }))).toBeNull();
  });
});
