import { describe, expect, it } from 'vitest';
import { DEFAULT_SLO } from '../results/sweep-schema.ts';
import { judgeStep, type JudgedFigures } from './slo.ts';

const pi = (value_us: number) => ({ value_us, lo_us: null, hi_us: null });
const flat = { points: 4, slope_us_per_s: 1, ci_low_us_per_s: -5, ci_high_us_per_s: 7, rise_share: 0.01, growing: false };

const step = (over: Partial<JudgedFigures> = {}): JudgedFigures => ({
  status: 'ok',
  failure: null,
  offered_rate_per_s: 2000,
  achieved_share: 1,
  raw: { p50: pi(200), p99: pi(1500), p999: pi(4000) },
  clean: { p50: pi(200), p99: pi(800), p999: pi(2000) },
  trend: flat,
  driver_limited: false,
  driver_reasons: [],
  ...over,
});

describe('judgeStep against the default SLO (clean p99 ≤ 1 ms, ≥ 99% answered, no growing latency)', () => {
  it('passes a step whose clean p99 is under 1 ms even when the raw p99 is not', () => {
    expect(judgeStep(step(), DEFAULT_SLO)).toEqual({ sustainable: true, failed_by: [], reasons: [] });
  });

  it('fails on latency when the clean p99 is over the bound', () => {
    const v = judgeStep(step({ clean: { p50: pi(200), p99: pi(1200), p999: pi(3000) } }), DEFAULT_SLO);
    expect(v.failed_by).toEqual(['latency']);
    expect(v.reasons[0]).toBe('clean p99 1200 µs > 1000 µs');
  });

  it('falls back to the raw figure, and says so, when there is no clean one', () => {
    const v = judgeStep(step({ clean: null }), DEFAULT_SLO);
    expect(v.failed_by).toEqual(['latency']);
    expect(v.reasons[0]).toMatch(/^raw p99 1500 µs > 1000 µs \(no clean figure: raw used\)$/);
  });

  it('fails on rate when less than 99% of the offered rate was answered', () => {
    expect(judgeStep(step({ achieved_share: 0.985 }), DEFAULT_SLO).failed_by).toEqual(['rate']);
  });

  it('fails on trend when latency grew over the phase', () => {
    const v = judgeStep(step({ trend: { ...flat, slope_us_per_s: 54_000, ci_low_us_per_s: 21_000, ci_high_us_per_s: 87_000, growing: true, rise_share: 1.5 } }), DEFAULT_SLO);
    expect(v.failed_by).toEqual(['trend']);
    expect(v.reasons[0]).toBe('a backlog grew over the phase: p50 +54.0 ms per s [21.0, 87.0], as from 5.4% more offered than served');
  });

  it('ignores the trend when the SLO does not ask for it', () => {
    expect(judgeStep(step({ trend: { ...flat, growing: true } }), { ...DEFAULT_SLO, no_upward_trend: false }).sustainable).toBe(true);
  });

  it('adds driver to the reasons of a driver-limited step that misses the SLO', () => {
    const v = judgeStep(step({ achieved_share: 0.9, driver_limited: true, driver_reasons: ['driver CPU at 97%'] }), DEFAULT_SLO);
    expect(v.failed_by).toEqual(['rate', 'driver']);
  });

  it('keeps a driver-limited step that meets the SLO sustainable', () => {
    const v = judgeStep(step({ driver_limited: true, driver_reasons: ['driver CPU at 97%'] }), DEFAULT_SLO);
    expect(v.sustainable).toBe(true);
    expect(v.reasons[0]).toMatch(/^driver-limited, yet the SLO held/);
  });

  const TAIL_SHARE = "driver-side causes explain 41% of the requests slower than p99 (stalls on the driver's CPU 55, sent late 0 of 133)";

  it("does not blame the driver's side of the tail for a p50 miss (Go, reads at 3,367 req/s at 91% CPU, measured: p50 32.7 ms)", () => {
    const p50 = { ...DEFAULT_SLO, latency: [{ percentile: 'p50' as const, figure: 'raw' as const, max_us: 5000 }] };
    const v = judgeStep(step({ raw: { p50: pi(32_707), p99: pi(90_000), p999: pi(120_000) }, driver_limited: true, driver_reasons: [TAIL_SHARE] }), p50);
    expect(v.failed_by).toEqual(['latency']);
    expect(v.reasons[1]).toMatch(/cannot explain this miss$/);
  });

  it("blames the driver's side of the tail for a raw p99 miss", () => {
    const raw = { ...DEFAULT_SLO, latency: [{ percentile: 'p99' as const, figure: 'raw' as const, max_us: 1000 }] };
    expect(judgeStep(step({ driver_limited: true, driver_reasons: [TAIL_SHARE] }), raw).failed_by).toEqual(['latency', 'driver']);
  });

  it("blames the driver's own limits for any miss", () => {
    const v = judgeStep(step({ clean: { p50: pi(200), p99: pi(1200), p999: pi(3000) }, driver_limited: true, driver_reasons: [TAIL_SHARE, 'driver CPU at 97%'] }), DEFAULT_SLO);
    expect(v.failed_by).toEqual(['latency', 'driver']);
    expect(v.reasons[1]).toBe("driver-limited, so the miss may be the driver's: driver CPU at 97%");
  });

  it('fails a measurement that failed, with its failure', () => {
    const v = judgeStep(step({ status: 'failed', failure: { stage: 'conservation', message: 'lost 3 events', stderr_tail: '' } }), DEFAULT_SLO);
    expect(v).toEqual({ sustainable: false, failed_by: ['error'], reasons: ['the measurement failed at conservation: lost 3 events'] });
  });
});
