import { describe, expect, it } from 'vitest';
import type { DriverSummary } from '../drive/summary.ts';
import { driverHealth, driverOwnReasons } from './driver-health.ts';

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

describe('driver health by tail evidence', () => {
  const tail = (driverCpu: number, lag: number, slow = 100) => {
    const counts = { platform_processor_cpu: 0, platform_driver_cpu: driverCpu, runtime_pause: 0, gc_cycle: 0, driver_lag: lag, queued: 0, unexplained: slow - driverCpu - lag };
    return { p99: { threshold_us: 45_500, slow, counts }, p999: { threshold_us: 90_000, slow: 10, counts } };
  };

  it('flags a repetition whose tail is a third the driver\'s, though its lag p99 is small next to the p99 (9.9 ms under 45.5 ms)', () => {
    const h = driverHealth(summary(9900, ['schedule lag p99 9900 us > limit 1000 us']), 45_500, tail(10, 23));
    expect(h.driver_limited).toBe(true);
    expect(h.reasons[0]).toMatch(/driver-side causes explain 33%/);
  });

  it('does not flag a repetition whose tail is the processor\'s, whatever its absolute lag', () => {
    const h = driverHealth(summary(3000, ['schedule lag p99 3000 us > limit 1000 us']), 4000, tail(5, 5));
    expect(h.driver_limited).toBe(false);
  });
});

describe("the driver's own reasons", () => {
  const tail = { p99: { threshold_us: 5000, slow: 10, counts: { platform_processor_cpu: 0, platform_driver_cpu: 6, runtime_pause: 0, gc_cycle: 0, driver_lag: 0, queued: 0, unexplained: 4 } }, p999: { threshold_us: 9000, slow: 1, counts: { platform_processor_cpu: 0, platform_driver_cpu: 1, runtime_pause: 0, gc_cycle: 0, driver_lag: 0, queued: 0, unexplained: 0 } } };

  it('leave out the tail-share reason (stalls on the driver\'s CPU reach only the raw figures)', () => {
    const h = driverHealth(summary(300, []), 5000, tail);
    expect(h.driver_limited).toBe(true);
    expect(driverOwnReasons(h)).toEqual([]);
  });

  it('keep a limit of the driver itself beside it', () => {
    const h = driverHealth(summary(300, ['driver CPU (excluding spin-wait) at 97% of one core']), 5000, tail);
    expect(h.reasons).toHaveLength(2);
    expect(driverOwnReasons(h)).toEqual(['driver CPU (excluding spin-wait) at 97% of one core']);
  });
});
