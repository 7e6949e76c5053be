import { describe, expect, it } from 'vitest';
import { latencyTrend } from './trend.ts';

const series = (p50s: number[]) => p50s.map((p50_us, i) => ({ t_s: i + 1, p50_us }));

describe('latencyTrend', () => {
  it('calls a p50 that climbs second after second growing', () => {
    const t = latencyTrend(series([400, 900, 1500, 2100, 2600, 3200]));
    expect(t.growing).toBe(true);
    expect(t.slope_us_per_s!).toBeGreaterThan(500);
    expect(t.ci_low_us_per_s!).toBeGreaterThan(0);
  });

  it('does not call a flat, noisy p50 growing', () => {
    expect(latencyTrend(series([210, 190, 230, 180, 220, 200])).growing).toBe(false);
  });

  it('does not call a significant but tiny drift a backlog', () => {
    const t = latencyTrend(series([200, 201, 202, 203, 204, 205]));
    expect(t.ci_low_us_per_s!).toBeGreaterThan(0);
    expect(t.rise_share!).toBeLessThan(0.2);
    expect(t.growing).toBe(false);
  });

  it('does not call a steep rise growing when its interval still reaches below zero', () => {
    const t = latencyTrend(series([200, 2000, 150, 2600]));
    expect(t.ci_low_us_per_s!).toBeLessThan(0);
    expect(t.growing).toBe(false);
  });

  it('has no test with fewer than three seconds', () => {
    const t = latencyTrend(series([200, 5000]));
    expect(t).toEqual({ points: 2, slope_us_per_s: null, ci_low_us_per_s: null, ci_high_us_per_s: null, rise_share: null, growing: false });
  });
});
