import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../../results/synthetic.ts';
import { SERIES_TABLE_COLUMNS } from './queries.ts';
import { groupSeriesRows, recordFromRows, runRows, type RunRows, type StoredRows } from './rows.ts';

// What a JSON round trip through ClickHouse does to rows: 64-bit integers come back as strings.
const viaJson = <T>(rows: T): T => JSON.parse(JSON.stringify(rows, (_k, v) => (typeof v === 'number' && Number.isInteger(v) ? String(v) : v)));

/** The rows as the store reads them back: series tables grouped per measurement, items in reverse (groupArray keeps no order). */
function asStored(rows: RunRows): StoredRows {
  const grouped = (t: keyof typeof SERIES_TABLE_COLUMNS) => groupSeriesRows(rows[t], SERIES_TABLE_COLUMNS[t]).map((g) => ({ ...g, columns: g.columns.map((c) => [...c].reverse()) }));
  return viaJson({ ...rows, intervals: grouped('intervals'), resource_samples: grouped('resource_samples'), runtime_pauses: grouped('runtime_pauses') });
}

describe('run rows', () => {
  it('rebuild the run they were made from', () => {
    const run = syntheticRun({ seed: 9, samples_per_phase: 30 });
    expect(recordFromRows(asStored(runRows(run, 1)))).toEqual(run);
  });

  it('keep a measurement that recorded no phase, with nulls where it has nothing', () => {
    const run = syntheticRun({ seed: 10, samples_per_phase: 30, scenarios: ['ingest'], processors: ['go'], repetitions: 1 });
    const m = run.measurements[0]!;
    Object.assign(m, { status: 'failed', phases: [], intervals: [], resources: null, runtime: null, pause_attribution: null, driver: null,
      failure: { stage: 'launch', message: 'exit 1', stderr_tail: 'boom' } });
    const rows = runRows(run, 1);
    expect(rows.measurements).toHaveLength(1);
    expect(rows.measurements[0]!.phase).toBe('');
    expect(recordFromRows(asStored(rows))).toEqual(run);
  });

  it('keep the fields added since the first layout (measurement_details), and leave them absent where they were', () => {
    const run = syntheticRun({ seed: 12, samples_per_phase: 30 });
    run.measurements[0]!.conservation = { ok: false, acknowledged_events: 5000, reported_events: 4900, unanswered_events: 0, acknowledged_reads: 0, reported_reads: 0, unanswered_reads: 0 };
    run.measurements[1]!.conservation = null;
    const rows = runRows(run, 1);
    expect(rows.measurement_details).toHaveLength(2);
    const back = recordFromRows(asStored(rows))!;
    expect(back).toEqual(run);
    expect(back.measurements[2]).not.toHaveProperty('conservation');
  });

  it("keep a precision-driven measurement's outcome and the run's order seed", () => {
    const run = syntheticRun({ seed: 13, samples_per_phase: 30 });
    run.manifest.order_seed = 99;
    run.measurements[0]!.precision = { target_pct: 5, of: 'p99', reached: false, half_width_pct: 9.5, min_measure_s: 2, max_measure_s: 3, measured_s: 3, stopped_by: 'cap', checks: 2 };
    const back = recordFromRows(asStored(runRows(run, 1)))!;
    expect(back.measurements[0]!.precision).toEqual(run.measurements[0]!.precision);
    expect(back.manifest.order_seed).toBe(99);
  });

  it("keep the CPU figure's source and the instruction count, which have no column", () => {
    const run = syntheticRun({ seed: 14, samples_per_phase: 30 });
    Object.assign(run.measurements[0]!.resources!, { cpu_source: '/proc/<pid>/stat utime+stime, 10 ms ticks', instructions: { status: 'not-supported', reason: 'perf: <not supported>' } });
    Object.assign(run.measurements[1]!.resources!, { instructions: { status: 'measured', instructions: 4.2e9, per_event: 1050 } });
    const back = recordFromRows(asStored(runRows(run, 1)))!;
    expect(back).toEqual(run);
    expect(back.measurements[2]!.resources).not.toHaveProperty('cpu_source');
    expect(back.measurements[0]).not.toHaveProperty('resources_extra');
  });

  it('write one measurement row per phase', () => {
    const run = syntheticRun({ seed: 11, samples_per_phase: 30 });
    expect(runRows(run, 1).measurements).toHaveLength(run.measurements.length * 2);
  });

  it('give nothing when there is no run row', () => {
    expect(recordFromRows({ runs: [], measurements: [], capacity: [], intervals: [], resource_samples: [], runtime_pauses: [], measurement_details: [] })).toBeUndefined();
  });
});
