import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../results/synthetic.ts';
import type { Measurement } from '../results/schema.ts';
import { tailSpread } from './tail-spread.ts';

const counts = (platform: number, own: number) => ({ platform_processor_cpu: platform, platform_driver_cpu: 0, runtime_pause: 0, gc_cycle: 0, driver_lag: 0, queued: 0, unexplained: own });

/** One processor, three repetitions, with the given clean p99s and tail counts patched in. */
function run(clean_us: number[]) {
  const r = syntheticRun({ seed: 3, scenarios: ['ingest'], processors: ['rust'], repetitions: clean_us.length, samples_per_phase: 2000 });
  r.measurements.forEach((m: Measurement, i) => {
    m.clean = { p50: null, p99: { value_us: clean_us[i]!, lo_us: clean_us[i]! * 0.9, hi_us: clean_us[i]! * 1.1 }, p999: null, count: 1000, set_aside: 5, set_aside_share: 0.005, stall_delayed: 6, set_aside_fraction: 0.8, fairness: 'idle-explained share', lag1: 0.1 } as unknown as Measurement['clean'];
    m.tail = { p99: { threshold_us: 1, slow: 10, counts: counts(4, 6) }, p999: { threshold_us: 1, slow: 1, counts: counts(1, 0) } } as Measurement['tail'];
  });
  return r;
}

describe('tail spread', () => {
  it('gives σ of ln p99 over repetitions: zero for identical repetitions, ln 2 / √… for a doubling', () => {
    const [same] = tailSpread(run([500, 500, 500]));
    expect(same!.sigma_log_p99_clean).toBeCloseTo(0, 9);
    const [spread] = tailSpread(run([500, 1000, 2000]));
    expect(spread!.sigma_log_p99_clean).toBeCloseTo(Math.log(2), 6);
    expect(spread!.p99_clean_median_us).toBe(1000);
  });

  it('pools the tail causes of every repetition into shares and the set-aside share over all requests', () => {
    const [row] = tailSpread(run([500, 600, 700]));
    expect(row!.p99_tail_shares!.platform_processor_cpu).toBeCloseTo(0.4);
    expect(row!.p99_tail_shares!.unexplained).toBeCloseTo(0.6);
    expect(row!.set_aside_share).toBeCloseTo(0.005);
    expect(row!.sigma_log_p99_raw).not.toBeNull();
  });

  it('leaves the clean figures empty for a run recorded before the tail existed', () => {
    const r = syntheticRun({ seed: 1, scenarios: ['ingest'], processors: ['go'], repetitions: 3, samples_per_phase: 500 });
    r.measurements.forEach((m) => { delete m.clean; delete m.tail; });
    const [row] = tailSpread(r);
    expect(row!.sigma_log_p99_clean).toBeNull();
    expect(row!.p99_tail_shares).toBeNull();
    expect(row!.sigma_log_p99_raw).not.toBeNull();
  });
});
