import { describe, expect, it } from 'vitest';
import { ladder, runCurve, type CurveOptions } from './curve.ts';
import { queueModel, syntheticStep } from './fixtures/synthetic-steps.ts';
import { bracketOfCurve, searchSustainable } from './search.ts';

const CURVE: CurveOptions = { start_per_s: 1000, factor: 1.25, rates_per_s: null, max_per_s: 1_000_000, floor_per_s: 10, stop_after_unsustainable: 2, aborted: () => false };

describe('the sustainable-throughput search on a queue model', () => {
  it('finds the knee to 2%', async () => {
    const model = queueModel(20_000);
    const curve = await runCurve(model.run, CURVE);
    const found = await searchSustainable(model.run, curve, 0.02, () => false);
    expect(found.ended).toBe('bracketed');
    expect(found.lo).toBeLessThanOrEqual(model.knee_per_s);
    expect(found.hi!).toBeGreaterThan(model.knee_per_s);
    expect(found.hi! / found.lo).toBeLessThanOrEqual(1.02);
    expect(found.hi_step!.verdict.failed_by).toEqual(['latency']);
  });

  it('stops the curve after two consecutive unsustainable steps', async () => {
    const model = queueModel(20_000);
    const curve = await runCurve(model.run, CURVE);
    const last = curve.slice(-2);
    expect(last.every((s) => !s.verdict.sustainable)).toBe(true);
    expect(curve.slice(0, -2).every((s) => s.verdict.sustainable)).toBe(true);
  });

  it('walks down from the start when the start is already past the knee', async () => {
    const model = queueModel(500);
    const curve = await runCurve(model.run, CURVE);
    const found = await searchSustainable(model.run, curve, 0.02, () => false);
    expect(curve.map((s) => s.offered_rate_per_s).slice(0, 4)).toEqual([1000, 1250, 800, 640]);
    expect(found.lo).toBeLessThanOrEqual(model.knee_per_s);
    expect(found.hi! / found.lo).toBeLessThanOrEqual(1.02);
  });

  it('says "at least" when the driver limits a failing step before the processor fails', async () => {
    // The processor would sustain 50k/s; the driver falls behind above 12k/s.
    const model = queueModel(60_000, 100, (rate) => (rate > 12_000 ? { driver_limited: true, achieved_share: 0.9 } : {}));
    const curve = await runCurve(model.run, CURVE);
    expect(curve.at(-1)!.verdict.failed_by).toContain('driver');
    const found = await searchSustainable(model.run, curve, 0.02, () => false);
    expect(found.ended).toBe('driver-limited');
    expect(found.lo).toBeLessThanOrEqual(12_000);
    expect(found.hi! / found.lo).toBeLessThanOrEqual(1.02);
  });

  it('reports the maximum rate as sustained when nothing failed', async () => {
    const model = queueModel(1e9);
    const curve = await runCurve(model.run, { ...CURVE, max_per_s: 3000 });
    const found = await searchSustainable(model.run, curve, 0.02, () => false);
    expect(curve.map((s) => s.offered_rate_per_s)).toEqual([1000, 1250, 1563, 1953, 2441, 3000]);
    expect(found).toMatchObject({ lo: 3000, hi: null, ended: 'max-rate' });
  });

  it('keeps a noisy failure below a sustainable step inside the bracket, not as its top', () => {
    const curve = [syntheticStep(1000, { p99_clean_us: 200 }), syntheticStep(1250, { p99_clean_us: 1500 }), syntheticStep(1563, { p99_clean_us: 400 }), syntheticStep(1953, { p99_clean_us: 5000 })];
    const b = bracketOfCurve(curve);
    expect(b.lo).toBe(1563);
    expect(b.hi!.offered_rate_per_s).toBe(1953);
  });
});

describe('ladder', () => {
  it('is log-spaced from the start, rounded, and ends at the maximum', () => {
    expect(ladder({ start_per_s: 100, factor: 2, rates_per_s: null, max_per_s: 1000 })).toEqual([100, 200, 400, 800, 1000]);
  });

  it('is the explicit list, ascending, when one is given', () => {
    expect(ladder({ start_per_s: 100, factor: 2, rates_per_s: [5000, 1000, 2000], max_per_s: 1000 })).toEqual([1000, 2000, 5000]);
  });
});
