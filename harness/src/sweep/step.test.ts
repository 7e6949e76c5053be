import { describe, expect, it } from 'vitest';
import type { Measurement, Tail } from '../results/schema.ts';
import { driverReasons } from './step.ts';

const TAIL_REASON = "driver-side causes explain 100% of the requests slower than p99 (stalls on the driver's CPU 0, sent late 1 of 1)";
const tailOf = (slow: number): Tail => {
  const counts = { platform_processor_cpu: 0, platform_driver_cpu: 0, runtime_pause: 0, gc_cycle: 0, driver_lag: slow, queued: 0, unexplained: 0 };
  return { p99: { threshold_us: 1000, slow, counts }, p999: { threshold_us: 2000, slow: 0, counts } };
};
const m = (slow: number, reasons: string[]) =>
  ({ driver: { driver_limited: reasons.length > 0, reasons, schedule_lag_p50_us: 1, schedule_lag_p99_us: 1, schedule_lag_max_us: 1, cpu_utilisation: 0.3 }, tail: tailOf(slow) }) as unknown as Measurement;

describe('driverReasons', () => {
  it('does not call a step driver-limited because one late send was its whole tail', () => {
    expect(driverReasons(m(1, [TAIL_REASON]))).toEqual([]);
  });

  it('keeps the tail-share reason when the tail is large enough to share out', () => {
    expect(driverReasons(m(40, [TAIL_REASON]))).toEqual([TAIL_REASON]);
  });

  it("keeps the driver's own flags whatever the tail", () => {
    expect(driverReasons(m(1, ['cpu_work_utilisation 0.97 >= 0.9', TAIL_REASON]))).toEqual(['cpu_work_utilisation 0.97 >= 0.9']);
  });
});
