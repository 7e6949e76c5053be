import { describe, expect, it } from 'vitest';
import type { DriverSummary } from '../drive/summary.ts';
import { driverHealth } from './driver-health.ts';

function summary(lag_p99: number, reasons: string[]): DriverSummary {
  return {
    health: {
      schedule_lag_us: { p50: 5, p99: lag_p99, max: lag_p99 * 2, samples: 1000 },
      cpu_utilisation: 0.3,
      driver_limited: reasons.length > 0,
      driver_limited_reasons: reasons,
    },
  } as unknown as DriverSummary;
}

describe('driver health', () => {
  it('keeps the lag flag when the lag is a large share of the measured p99', () => {
    const h = driverHealth(summary(3000, ['schedule lag p99 3000 us > limit 1000 us']), 4000);
    expect(h.driver_limited).toBe(true);
    expect(h.reasons[0]).toMatch(/75% of the measured p99/);
  });

  it('drops the lag flag when the lag is small next to the measured p99', () => {
    const h = driverHealth(summary(3000, ['schedule lag p99 3000 us > limit 1000 us']), 40_000);
    expect(h.driver_limited).toBe(false);
    expect(h.reasons).toEqual([]);
  });

  it('keeps every other reason as the driver gave it', () => {
    const h = driverHealth(summary(3000, ['schedule lag p99 3000 us > limit 1000 us', 'driver CPU (excluding spin-wait) at 97% of one core']), 40_000);
    expect(h.driver_limited).toBe(true);
    expect(h.reasons).toEqual(['driver CPU (excluding spin-wait) at 97% of one core']);
  });
});
