import { describe, expect, it } from 'vitest';
import { latencyTrend } from './trend.ts';

const series = (p50s: number[]) => p50s.map((p50_us, i) => ({ t_s: i + 1, p50_us }));

describe('latencyTrend', () => {
  it('calls the p50 of a processor past its limit growing (Rust, reads at 6,674 req/s, measured at 90% CPU)', () => {
    const t = latencyTrend(series([52351, 140159, 182655, 215679]));
    expect(t.growing).toBe(true);
    expect(t.slope_us_per_s!).toBeGreaterThan(10_000);
    expect(t.ci_low_us_per_s!).toBeGreaterThan(0);
  });

  it('does not call a significant rise of tens of µs per second a backlog (Go, reads at 319 req/s, measured at 14% CPU)', () => {
    // 358 → 515 µs over 4 s: by Little's law a queue 0.06 requests longer; its ceiling was 3.9k req/s.
    const t = latencyTrend(series([358, 440, 476, 515]));
    expect(t.ci_low_us_per_s!).toBeGreaterThan(0);
    expect(t.rise_share!).toBeGreaterThan(0.2);
    expect(t.growing).toBe(false);
  });

  it('does not call a flat, noisy p50 growing', () => {
    expect(latencyTrend(series([210, 190, 230, 180, 220, 200])).growing).toBe(false);
  });

  it('does not call a steep rise growing when its interval still reaches below zero', () => {
    const t = latencyTrend(series([200, 60_000, 150, 90_000]));
    expect(t.slope_us_per_s!).toBeGreaterThan(10_000);
    expect(t.ci_low_us_per_s!).toBeLessThan(0);
    expect(t.growing).toBe(false);
  });

  it('counts a slope as a backlog from the overload floor it is given', () => {
    // +5 ms per second: a queue fed 0.5% faster than it is served.
    const p50s = series([1000, 6000, 11_000, 16_000]);
    expect(latencyTrend(p50s).growing).toBe(true);
    expect(latencyTrend(p50s, 0.01).growing).toBe(false);
  });

  it('calls the slowest backlog measured on this VM growing (Rust, reads at 6,845 req/s at 94% CPU: +7.1 ms/s)', () => {
    expect(latencyTrend(series([1000, 8100, 15_200, 22_300])).growing).toBe(true);
  });

  it('does not call the fastest drift measured short of a limit a backlog (Node, ingest at 563 req/s at 30% CPU: +0.5 ms/s)', () => {
    expect(latencyTrend(series([400, 900, 1400, 1900])).growing).toBe(false);
  });

  it('has no test with fewer than three seconds', () => {
    const t = latencyTrend(series([200, 5000]));
    expect(t).toEqual({ points: 2, slope_us_per_s: null, ci_low_us_per_s: null, ci_high_us_per_s: null, rise_share: null, growing: false });
  });
});
