import { describe, expect, it } from 'vitest';
import { realRunView, runView } from './fixtures.ts';
import { INTERVAL_S, latencyTimeline, memoryTimeline, repetitionsOf } from './timeline.ts';

describe('latencyTimeline', () => {
  const run = runView({ seed: 9 });
  it('draws one series per processor from the per-second p99', () => {
    const t = latencyTimeline(run, 'ingest', 1);
    expect(t.series.map((s) => s.processor)).toEqual(['node', 'go', 'rust']);
    const go = run.measurements.find((m) => m.scenario === 'ingest' && m.processor === 'go' && m.repetition === 1)!;
    expect(t.series[1]!.points.map((p) => p.value)).toEqual(go.intervals.map((i) => i.p99_us));
  });
  it('marks the pauses of collected runtimes on the same clock', () => {
    const t = latencyTimeline(run, 'ingest', 0);
    expect(new Set(t.pauses.map((p) => p.processor))).toEqual(new Set(['node', 'go']));
    expect(t.measure_start_s).toBe(1);
  });
  it('draws each second\u2019s p99 at the middle of its second, on an axis as long as the measurement', () => {
    const t = latencyTimeline(run, 'ingest', 1);
    const go = run.measurements.find((m) => m.scenario === 'ingest' && m.processor === 'go' && m.repetition === 1)!;
    expect(t.series[1]!.points.map((p) => p.t_s)).toEqual(go.intervals.map((i) => i.t_s + INTERVAL_S / 2));
    expect(t.span_s).toBe(go.phases.reduce((s, p) => s + p.duration_s, 0));
  });
  it('carries the stall and GC-cycle lanes of the same repetition', async () => {
    const real = await realRunView();
    const t = latencyTimeline(real, 'ingest', 2);
    const go = real.measurements.find((m) => m.processor === 'go' && m.repetition === 2)!;
    const goStalls = t.bands.lanes.filter((l) => l.processor === 'go' && l.kind !== 'gc').reduce((s, l) => s + l.raw_count, 0);
    expect(goStalls).toBe(go.platform!.stalls.length);
    expect(t.bands.gaps).toEqual([{ processor: 'rust', kind: 'gc', reason: 'no collector' }]);
  });
});

describe('memoryTimeline', () => {
  it('downsamples long RSS series to the point budget', () => {
    const run = runView({ seed: 9 });
    const t = memoryTimeline(run, 'reads', 0, 10);
    expect(t.series[0]!.raw_count).toBe(40);
    expect(t.series[0]!.points).toHaveLength(10);
  });
});

describe('repetitionsOf', () => {
  it('lists the repetitions of a scenario', () => {
    expect(repetitionsOf(runView({ seed: 9, repetitions: 2 }), 'ingest')).toEqual([0, 1]);
  });
});
