import { beforeAll, describe, expect, it } from 'vitest';
import type { MeasurementView, RunView } from '../../../harness/src/serve/api-types.ts';
import { bandCounts, bandLanes, gapNotes, mergeBands, overlapsLoad } from './bands.ts';
import { realRunView, runView } from './fixtures.ts';

let real: RunView;
beforeAll(async () => {
  real = await realRunView();
});

const measurement = (run: RunView, processor: string, repetition = 0): MeasurementView =>
  run.measurements.find((m) => m.scenario === 'ingest' && m.processor === processor && m.repetition === repetition)!;

describe('mergeBands', () => {
  it('merges spans closer together than the resolution into one band that counts them', () => {
    const bands = mergeBands([{ start_s: 1.0012, duration_us: 500 }, { start_s: 1, duration_us: 1000 }, { start_s: 1.0015, duration_us: 2000 }], 0.001);
    expect(bands).toEqual([{ start_s: 1, end_s: 1.0035, count: 3, total_us: 3500, max_us: 2000 }]);
  });

  it('keeps spans farther apart than the resolution as bands of their own', () => {
    const bands = mergeBands([{ start_s: 2, duration_us: 1000 }, { start_s: 1, duration_us: 1000 }], 0.01);
    expect(bands.map((b) => [b.start_s, b.count])).toEqual([[1, 1], [2, 1]]);
  });
});

describe('bandLanes', () => {
  it('puts each recorded stall in the lane of its CPU\u2019s role', () => {
    const go = measurement(real, 'go', 1);
    const { lanes } = bandLanes([go], 4);
    const cpuOf = (role: string) => go.platform!.cpus.filter((c) => c.role === role).map((c) => c.cpu);
    const proc = lanes.find((l) => l.kind === 'stall_processor_cpu')!;
    const drv = lanes.find((l) => l.kind === 'stall_driver_cpu')!;
    expect(proc.raw_count).toBe(go.platform!.stalls.filter((s) => cpuOf('processor').includes(s.cpu)).length);
    expect(drv.raw_count).toBe(go.platform!.stalls.filter((s) => cpuOf('driver').includes(s.cpu)).length);
    expect(proc.raw_count + drv.raw_count).toBe(go.platform!.stalls.length);
    expect(proc.label).toBe(`proc CPU ${cpuOf('processor').join(',')}`);
  });

  it('puts a stall in both lanes when the run was not pinned (every CPU has both roles)', () => {
    const go = structuredClone(measurement(real, 'go', 1));
    go.platform!.cpus = [0, 1].flatMap((cpu) => (['processor', 'driver'] as const).map((role) => ({ ...go.platform!.cpus[0]!, cpu, role })));
    const { lanes } = bandLanes([go], 4);
    expect(lanes.filter((l) => l.kind !== 'gc').map((l) => l.raw_count)).toEqual([go.platform!.stalls.length, go.platform!.stalls.length]);
  });

  it('lays out one GC lane per cycle kind, holding every cycle of the load', () => {
    const go = structuredClone(measurement(real, 'go'));
    go.gc_cycles![0]!.kind = 'mark assist';
    const gc = bandLanes([go], 4).lanes.filter((l) => l.kind === 'gc');
    expect(gc.map((l) => l.label)).toEqual(['GC mark assist', 'GC major']);
    expect(gc.reduce((s, l) => s + l.raw_count, 0)).toBe(go.gc_cycles!.filter((c) => overlapsLoad(c, 4)).length);
  });

  it('leaves out GC cycles that ended before the load started (start-up and preload)', () => {
    const node = measurement(real, 'node', 2);
    const before = node.gc_cycles!.filter((c) => c.start_s + c.duration_us / 1e6 <= 0);
    expect(before.length).toBeGreaterThan(0);
    const gc = bandLanes([node], 4).lanes.filter((l) => l.kind === 'gc');
    expect(gc.reduce((s, l) => s + l.raw_count, 0)).toBe(node.gc_cycles!.length - before.length);
    expect(Math.min(...gc.flatMap((l) => l.bands.map((b) => b.end_s)))).toBeGreaterThan(0);
  });

  it('orders lanes by processor, then stalls on its CPU, on the driver\u2019s and its GC kinds', () => {
    const { lanes } = bandLanes([measurement(real, 'node'), measurement(real, 'rust')], 4);
    expect(lanes.map((l) => l.id)).toEqual(['node/stall_processor_cpu', 'node/stall_driver_cpu', 'node/gc/minor', 'rust/stall_processor_cpu', 'rust/stall_driver_cpu']);
  });

  it('says why a lane is missing instead of drawing it empty', () => {
    const noRecorder = structuredClone(measurement(real, 'go'));
    noRecorder.platform = null;
    const { gaps } = bandLanes([noRecorder, measurement(real, 'rust')], 4);
    expect(gaps).toEqual([
      { processor: 'go', kind: 'stall_processor_cpu', reason: 'the stall recorder did not run' },
      { processor: 'go', kind: 'stall_driver_cpu', reason: 'the stall recorder did not run' },
      { processor: 'rust', kind: 'gc', reason: 'no collector' },
    ]);
  });

  it('says "not recorded (v1 run)" for measurements written without stalls or GC cycles', () => {
    const old = runView({ seed: 2 }).measurements.filter((m) => m.scenario === 'ingest' && m.repetition === 0);
    const { lanes, gaps } = bandLanes(old, 4);
    expect(lanes).toEqual([]);
    expect(gapNotes(gaps)).toEqual(['platform stalls of node, go, rust: not recorded (v1 run)', 'GC cycles of node, go: not recorded (v1 run)', 'GC cycles of rust: no collector']);
  });

  it('merges the stored maximum of 2,000 stalls into at most one band per resolution step', () => {
    const go = structuredClone(measurement(real, 'go'));
    go.platform!.stalls = Array.from({ length: 2000 }, (_, i) => ({ cpu: go.platform!.cpus[0]!.cpu, start_s: 1 + i * 0.0015, duration_us: 600 }));
    const proc = bandLanes([go], 4, 1000).lanes.find((l) => l.kind === 'stall_processor_cpu')!;
    expect(proc.raw_count).toBe(2000);
    expect(proc.bands.length).toBeLessThanOrEqual(1000);
    expect(proc.bands.reduce((s, b) => s + b.count, 0)).toBe(2000);
  });
});

describe('bandCounts', () => {
  it('counts stalls and cycles per kind before merging', () => {
    const node = measurement(real, 'node', 2);
    expect(bandCounts(bandLanes([node], 4).lanes)).toEqual({
      stall_processor_cpu: node.platform!.stalls.filter((s) => s.cpu === 1).length,
      stall_driver_cpu: node.platform!.stalls.filter((s) => s.cpu === 0).length,
      gc: node.gc_cycles!.filter((c) => overlapsLoad(c, 4)).length,
    });
  });
});
