import { beforeAll, describe, expect, it } from 'vitest';
import type { MeasurementView, RunView } from '../../../harness/src/serve/api-types.ts';
import { realRunView, runView } from './fixtures.ts';
import { platformRow } from './platform.ts';

let real: RunView;
beforeAll(async () => {
  real = await realRunView();
});

const measurement = (run: RunView, processor: string, repetition = 0): MeasurementView =>
  run.measurements.find((m) => m.scenario === 'ingest' && m.processor === processor && m.repetition === repetition)!;

describe('platformRow', () => {
  it('gives the recorder\u2019s own counts per role, not a recount of the stored list', () => {
    const node = measurement(real, 'node', 2);
    const row = platformRow(node);
    if (row.platform !== 'recorded') throw new Error('node r2 has no stall recording');
    const cpu = (role: string) => node.platform!.cpus.find((c) => c.role === role)!;
    expect(row.processor_cpu).toEqual({ cpus: [cpu('processor').cpu], stalls: cpu('processor').stalls, stall_share: cpu('processor').stall_share, max_stall_us: cpu('processor').max_stall_us });
    expect(row.driver_cpu.stalls).toBe(cpu('driver').stalls);
    expect(row.stalls_induced).toBe(node.platform!.stalls_induced);
  });

  it('counts and sums the GC cycles of a collected runtime during the load', () => {
    const node = measurement(real, 'node', 2);
    const during = node.gc_cycles!.filter((c) => c.start_s + c.duration_us / 1e6 > 0 && c.start_s < 4);
    expect(during.length).toBeLessThan(node.gc_cycles!.length);
    expect(platformRow(node).gc).toEqual({ cycles: during.length, total_us: during.reduce((s, c) => s + c.duration_us, 0) });
  });

  it('says "no collector" for a runtime without one', () => {
    expect(platformRow(measurement(real, 'rust')).gc).toBe('no collector');
  });

  it('says "not recorded (v1 run)" for a measurement written without stalls or GC cycles', () => {
    const row = platformRow(measurement(runView({ seed: 5 }), 'go'));
    expect(row.platform).toBe('not recorded (v1 run)');
    expect(row.gc).toBe('not recorded (v1 run)');
  });

  it('says the recorder did not run when the measurement has no stall recording', () => {
    const go = structuredClone(measurement(real, 'go'));
    go.platform = null;
    expect(platformRow(go).platform).toBe('the stall recorder did not run');
  });
});
