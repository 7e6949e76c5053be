import { describe, expect, it } from 'vitest';
import { ATTRIBUTION_STALL_US, idleStallShare, platformOf, type RecordedStalls } from './platform.ts';

const ms = 1e6;
const rec: RecordedStalls = {
  scheduling: { policy: 'fifo', priority: 99 },
  period_us: 1000,
  threshold_us: 100,
  self_cpu_utilisation: 0.002,
  steal_share_by_cpu: new Map([[0, 0.004], [1, null]]),
  stalls: [
    { cpu: 1, start_ns: 100 * ms, end_ns: 100.2 * ms }, // 200 µs: kernel work, below the attribution threshold
    { cpu: 1, start_ns: 200 * ms, end_ns: 202 * ms }, // 2 ms on the processor's CPU
    { cpu: 0, start_ns: 200.5 * ms, end_ns: 201 * ms }, // 500 µs on the driver's CPU, inside the other
    { cpu: 0, start_ns: 5 * ms, end_ns: 8 * ms }, // during warmup
  ],
};

describe('platformOf', () => {
  const ctx = { processor_cpus: [1], driver_cpus: [0], measure_from_ns: 50 * ms, measure_to_ns: 1050 * ms, idle_stall_share: 0.001 };
  const p = platformOf(rec, ctx);

  it('counts only stalls of at least the attribution threshold, in the measure phase, per CPU and role', () => {
    expect(ATTRIBUTION_STALL_US).toBe(500);
    expect(p.platform.cpus).toEqual([
      { cpu: 1, role: 'processor', stalls: 1, stalls_over_1ms: 1, stall_share: 0.002, max_stall_us: 2000, steal_share: null },
      { cpu: 0, role: 'driver', stalls: 1, stalls_over_1ms: 0, stall_share: 0.0005, max_stall_us: 500, steal_share: 0.004 },
    ]);
  });

  it('takes the union over CPUs for the stall share and compares it with the idle arm', () => {
    expect(p.platform.stall_share).toBeCloseTo(0.002);
    expect(p.platform.stalls_induced).toBeCloseTo(2);
  });

  it('hands the tail attribution the stalls by role, warmup included (a warmup stall can delay a measured request)', () => {
    expect(p.processor_cpu_stalls).toEqual([{ start_ns: 200 * ms, end_ns: 202 * ms }]);
    expect(p.driver_cpu_stalls).toHaveLength(2);
  });
});

describe('platformOf with a normal-priority recorder', () => {
  const normal: RecordedStalls = { ...rec, scheduling: { policy: 'normal', reason: 'not permitted' } };
  const ctx = { processor_cpus: [1], driver_cpus: [0], measure_from_ns: 50 * ms, measure_to_ns: 1050 * ms, idle_stall_share: 0.001 };

  it('hands the attribution no stalls: they cannot be told from the processor\'s and the driver\'s own work', () => {
    const p = platformOf(normal, ctx);
    expect(p.processor_cpu_stalls).toEqual([]);
    expect(p.driver_cpu_stalls).toEqual([]);
  });

  it('still summarises them, saying how they were recorded', () => {
    const p = platformOf(normal, ctx);
    expect(p.platform.scheduling).toBe('normal: not permitted');
    expect(p.platform.cpus.map((c) => c.stalls)).toEqual([1, 1]);
  });
});

describe('idleStallShare', () => {
  it('is the covered share of the window by long stalls', () => {
    expect(idleStallShare(rec, 0, 1000 * ms)).toBeCloseTo((3 + 2) / 1000);
  });
});
