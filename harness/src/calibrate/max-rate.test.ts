import { describe, expect, it } from 'vitest';
import { findMaxAccurateRate, inaccuracy, ownLagLimitUs, platformNote, type MaxRateOptions } from './max-rate.ts';
import type { MaxRateStep } from './types.ts';

const SEARCH: MaxRateOptions = { start_per_s: 5000, factor: 1.5, ceiling_per_s: 500_000, floor_per_s: 100, resolution: 0.05 };

const step = (rate_per_s: number, over: Partial<MaxRateStep> = {}): MaxRateStep => ({
  rate_per_s,
  achieved_send_per_s: rate_per_s,
  achieved_per_s: rate_per_s,
  p99_us: 100,
  schedule_lag_p99_us: 20,
  own_lag_p99_us: 20,
  cpu_work_utilisation: rate_per_s / 60_000,
  cpu_utilisation: Math.min(0.85, rate_per_s / 60_000 + 0.3),
  platform: { stalls: 3, stalls_over_1ms: 0, max_stall_us: 400, stall_share: 0.001, stalled_sends: 2, recorder_realtime: true },
  ...over,
});

/** A driver whose work saturates its core at `limit` per second: above it, it sends less and falls behind. */
const saturatingAt = (limit: number) => async (rate: number) =>
  rate <= limit ? step(rate, { cpu_work_utilisation: (0.85 * rate) / limit }) : step(rate, { cpu_work_utilisation: 0.99, cpu_utilisation: 1, achieved_send_per_s: limit, own_lag_p99_us: 5000, schedule_lag_p99_us: 5000 });

describe('findMaxAccurateRate', () => {
  it('brackets the limit and bisects it to the resolution', async () => {
    const r = await findMaxAccurateRate(saturatingAt(37_970), SEARCH);
    expect(r.max_accurate_rate_per_s).toBeLessThanOrEqual(37_970);
    expect(r.first_inaccurate_rate_per_s!).toBeGreaterThan(37_970);
    expect(r.first_inaccurate_rate_per_s! / r.max_accurate_rate_per_s).toBeLessThanOrEqual(1.05);
    expect(r.steps.slice(0, 5).map((s) => s.rate_per_s)).toEqual([5000, 7500, 11_250, 16_875, 25_313]);
    expect(r.stopped_by).toMatch(/driver CPU/);
  });

  it('keeps searching past a low rate whose lag the platform explains, and reports it', async () => {
    const r = await findMaxAccurateRate(async (rate) => (rate === 7500 ? step(rate, { schedule_lag_p99_us: 2400, own_lag_p99_us: 40 }) : saturatingAt(37_970)(rate)), SEARCH);
    expect(r.max_accurate_rate_per_s).toBeGreaterThan(30_000);
    expect(r.platform_notes).toHaveLength(1);
    expect(r.platform_notes[0]).toMatch(/^at 7500\/s: schedule lag p99 2400 µs is the platform's/);
  });

  it('stops below a rate at which the driver itself falls more than one interval behind', async () => {
    const r = await findMaxAccurateRate(async (rate) => step(rate, { own_lag_p99_us: rate > 20_000 ? 300 : 30, cpu_work_utilisation: 0.3 }), SEARCH);
    expect(r.max_accurate_rate_per_s).toBeLessThanOrEqual(20_000);
    expect(r.first_inaccurate_rate_per_s!).toBeGreaterThan(20_000);
    expect(r.stopped_by).toMatch(/own schedule lag p99 300 µs > 100 µs/);
  });

  it('steps down when the start rate is already inaccurate', async () => {
    const r = await findMaxAccurateRate(saturatingAt(2000), SEARCH);
    expect(r.max_accurate_rate_per_s).toBeLessThanOrEqual(2000);
    expect(r.first_inaccurate_rate_per_s! / r.max_accurate_rate_per_s).toBeLessThanOrEqual(1.05);
    expect(r.steps[1]!.rate_per_s).toBe(3333);
  });

  it('reports zero when even the floor is inaccurate', async () => {
    const r = await findMaxAccurateRate(saturatingAt(50), SEARCH);
    expect(r.max_accurate_rate_per_s).toBe(0);
    expect(r.stopped_by).toMatch(/^inaccurate down to \d+\/s \(floor 100\/s\)/);
  });

  it('stops at the ceiling when every step is accurate', async () => {
    const r = await findMaxAccurateRate(async (rate) => step(rate, { cpu_work_utilisation: 0.1 }), { ...SEARCH, ceiling_per_s: 10_000 });
    expect(r.max_accurate_rate_per_s).toBe(10_000);
    expect(r.first_inaccurate_rate_per_s).toBeNull();
    expect(r.stopped_by).toMatch(/ceiling/);
  });
});

describe('inaccuracy', () => {
  it('accepts a step sent and answered at exactly 97% of the target', () => {
    expect(inaccuracy(step(1000, { achieved_send_per_s: 970, achieved_per_s: 970 }))).toBeNull();
  });

  it('names a send rate below 97% of the target', () => {
    expect(inaccuracy(step(1000, { achieved_send_per_s: 960 }))).toMatch(/sent 960\/s/);
  });

  it('names a server that answered below 97% of the target', () => {
    expect(inaccuracy(step(1000, { achieved_per_s: 900 }))).toMatch(/answered 900\/s/);
  });

  it('names a driver whose work took 90% of its core', () => {
    expect(inaccuracy(step(1000, { cpu_work_utilisation: 0.9 }))).toMatch(/driver CPU .* 90%/);
  });

  it('names a core kept 90% busy even when spin-waiting made up the difference', () => {
    expect(inaccuracy(step(1000, { cpu_work_utilisation: 0.5, cpu_utilisation: 0.92 }))).toMatch(/core 92% busy/);
  });

  it('holds only the driver’s own lag against it, not the platform’s', () => {
    expect(inaccuracy(step(5000, { schedule_lag_p99_us: 9000, own_lag_p99_us: 150 }))).toBeNull();
    expect(inaccuracy(step(5000, { schedule_lag_p99_us: 9000, own_lag_p99_us: 250 }))).toMatch(/own schedule lag p99 250 µs > 200 µs/);
  });
});

describe('platformNote', () => {
  it('is empty when the whole lag is within the limit', () => {
    expect(platformNote(step(5000))).toBeNull();
  });

  it('is empty when the driver’s own lag is over the limit too (that is the driver’s failure)', () => {
    expect(platformNote(step(5000, { schedule_lag_p99_us: 9000, own_lag_p99_us: 9000 }))).toBeNull();
  });

  it('says when the recorder could not run at real-time priority', () => {
    const s = step(5000, { schedule_lag_p99_us: 9000, own_lag_p99_us: 50 });
    expect(platformNote({ ...s, platform: { ...s.platform, recorder_realtime: false } })).toMatch(/recorder at normal priority/);
  });
});

describe('ownLagLimitUs', () => {
  it('allows one inter-arrival interval at low rates and never less than 100 µs', () => {
    expect(ownLagLimitUs(2000)).toBe(500);
    expect(ownLagLimitUs(10_000)).toBe(100);
    expect(ownLagLimitUs(50_000)).toBe(100);
  });
});
