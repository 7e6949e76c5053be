import { describe, expect, it } from 'vitest';
import { summarize } from '../../../harness/src/report/summary.ts';
import { syntheticRun } from '../../../harness/src/results/synthetic.ts';
import { toRunView } from '../../../harness/src/serve/run-view.ts';
import { realRunView, runView } from './fixtures.ts';
import { overviewRows } from './overview.ts';

describe('overviewRows', () => {
  const run = runView({ seed: 3 });
  const rows = overviewRows(run);

  it('has one row per scenario and processor, in manifest order', () => {
    expect(rows.map((r) => `${r.scenario}/${r.processor}`)).toEqual([
      'ingest/node', 'ingest/go', 'ingest/rust', 'reads/node', 'reads/go', 'reads/rust',
    ]);
  });

  it('reports the geometric mean of the corrected p99 over repetitions', () => {
    const p99s = run.measurements
      .filter((m) => m.scenario === 'ingest' && m.processor === 'rust')
      .map((m) => m.phases.find((p) => p.phase === 'measure')!.corrected.p99_us);
    const row = rows.find((r) => r.scenario === 'ingest' && r.processor === 'rust')!;
    expect(row.p99_us.estimate).toBeCloseTo(Math.exp(p99s.reduce((s, v) => s + Math.log(v), 0) / p99s.length), 9);
    expect(row.p99_us.n).toBe(3);
  });

  it('shows the same p99, RSS and CPU intervals as `harness report`', () => {
    const record = syntheticRun({ seed: 3, samples_per_phase: 200 });
    const report = summarize(record);
    for (const r of overviewRows(toRunView(record))) {
      const f = report.find((s) => s.scenario === r.scenario)!.rows.find((x) => x.processor === r.processor)!.figures;
      if (f.p99.interval.kind !== 'interval') throw new Error('expected an interval');
      expect([r.p99_us.estimate, r.p99_us.low, r.p99_us.high]).toEqual([f.p99.value, f.p99.interval.ci_low, f.p99.interval.ci_high]);
      expect(r.steady_rss_bytes.low).toBe(f.steady_rss.interval.kind === 'interval' ? f.steady_rss.interval.ci_low : Number.NaN);
      if (r.cpu_s_per_million_events && f.cpu_per_million_events.interval.kind === 'interval') expect(r.cpu_s_per_million_events.high).toBe(f.cpu_per_million_events.interval.ci_high);
    }
  });

  it('shows no interval below three usable repetitions, like the command line', () => {
    const two = overviewRows(runView({ seed: 3, repetitions: 2 }));
    expect(two.every((r) => !r.p99_us.interval && r.p99_us.low === r.p99_us.estimate)).toBe(true);
  });

  it('leaves driver-limited repetitions out of the figure, as compare and the gate do', () => {
    const limited = runView({ seed: 3 });
    const m = limited.measurements.find((x) => x.scenario === 'ingest' && x.processor === 'go')!;
    m.driver = { ...m.driver!, driver_limited: true };
    expect(overviewRows(limited).find((r) => r.scenario === 'ingest' && r.processor === 'go')!.p99_us.n).toBe(2);
  });

  it('gives the baseline a ratio of 1 and the others a ratio against it', () => {
    const go = rows.find((r) => r.scenario === 'ingest' && r.processor === 'go')!;
    const rust = rows.find((r) => r.scenario === 'ingest' && r.processor === 'rust')!;
    expect(go.is_baseline).toBe(true);
    expect(go.p99_ratio).toBe(1);
    expect(rust.p99_ratio).toBeCloseTo(rust.p99_us.estimate / go.p99_us.estimate);
  });

  it('reports no GC totals for a runtime without a collector', () => {
    const rust = rows.find((r) => r.processor === 'rust')!;
    const node = rows.find((r) => r.processor === 'node')!;
    expect(rust.gc_pause_total_us).toBeNull();
    expect(node.gc_pause_total_us?.estimate).toBeGreaterThan(0);
  });

  it('leaves failed repetitions out of the statistics but counts them', () => {
    const broken = runView({ seed: 3 });
    const m = broken.measurements.find((x) => x.scenario === 'ingest' && x.processor === 'node')!;
    m.status = 'failed';
    const row = overviewRows(broken).find((r) => r.scenario === 'ingest' && r.processor === 'node')!;
    expect(row.repetitions_ok).toBe(2);
    expect(row.repetitions_total).toBe(3);
  });

  it('reports the clean p99 of a run that recorded it as report does: geometric mean over repetitions', async () => {
    const real = await realRunView();
    const row = overviewRows(real).find((r) => r.processor === 'node')!;
    const cleans = real.measurements.filter((m) => m.processor === 'node').map((m) => m.clean!.p99!.value_us);
    const geomean = Math.exp(cleans.reduce((a, c) => a + Math.log(c), 0) / cleans.length);
    expect(row.p99_clean_us?.estimate).toBeCloseTo(geomean, 6);
    expect(row.clean_recorded).toBe(true);
  });

  it('has no clean p99 for a run written before it existed, and says the run is that old', () => {
    const row = rows.find((r) => r.processor === 'go')!;
    expect(row.p99_clean_us).toBeNull();
    expect(row.clean_recorded).toBe(false);
  });
});
