import { describe, expect, it } from 'vitest';
import type { SamplerResult, TimedReading } from '../sample/index.ts';
import { cpuAt, resourcesOf } from './resources.ts';

const reading = (unix_ms: number, cpu_s: number): TimedReading => ({ unix_ms, cpu_s, rss_bytes: 1 << 20, peak_rss_bytes: 1 << 20 });

function sampler(readings: TimedReading[], instructions: SamplerResult['instructions']): SamplerResult {
  return { readings, pauses: [], gc_cycles: { reported: false, cycles: [], until_unix_ns: null, in_progress: null }, first_metrics: undefined, last_metrics: undefined, heap_bytes_max: null, instructions, process_gone: false };
}

describe('cpuAt', () => {
  it('interpolates between the readings around a time', () => {
    expect(cpuAt([reading(1000, 1), reading(1100, 1.05)], 1040)).toBeCloseTo(1.02, 12);
  });
  it('is undefined outside the readings', () => {
    expect(cpuAt([reading(1000, 1), reading(1100, 1.05)], 1200)).toBeUndefined();
  });
});

describe('resourcesOf, cost over the measure phase only', () => {
  // 0.5 CPU s per wall second throughout, readings every 100 ms from t0 = 10 s (unix).
  const readings = Array.from({ length: 61 }, (_, i) => reading(10_000 + 100 * i, 0.05 * i));
  const t0_ns = 10_000 * 1e6;

  it('counts CPU between the start and the end of the measure phase, not warmup', () => {
    // warmup 1.05 s, measure 3 s: the bounds fall between readings.
    const r = resourcesOf(sampler(readings, { status: 'not-supported', reason: 'x' }), t0_ns, 1.05, 3, 0, 1_500_000)!;
    expect(r.cpu_s).toBeCloseTo(1.5, 9);
    expect(r.cpu_s_per_million_events).toBeCloseTo(1.0, 9);
    expect(r.cpu_source).toMatch(/\/proc\/<pid>\/stat/);
  });

  it('says why there is no instruction count', () => {
    const r = resourcesOf(sampler(readings, { status: 'not-supported', reason: 'perf not installed (Debian package linux-perf)' }), t0_ns, 1, 3, 0, 1000)!;
    expect(r.instructions).toEqual({ status: 'not-supported', reason: 'perf not installed (Debian package linux-perf)' });
  });

  it("divides the measure phase's instructions by its events", () => {
    // perf started at t0 − 0.5 s; 1e6 instructions per 100 ms interval.
    const intervals = Array.from({ length: 60 }, (_, i) => ({ end_s: 0.1 * (i + 1), count: 1e6 }));
    const r = resourcesOf(sampler(readings, { status: 'counted', start_unix_ms: 9_500, intervals }), t0_ns, 1, 3, 0, 3_000)!;
    expect(r.instructions?.status).toBe('measured');
    if (r.instructions?.status !== 'measured') return;
    expect(r.instructions.instructions).toBe(30_000_000);
    expect(r.instructions.per_event).toBeCloseTo(10_000, 6);
  });
});
