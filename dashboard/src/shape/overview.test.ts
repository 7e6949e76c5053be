import { describe, expect, it } from 'vitest';
import { realRunView, runView } from './fixtures.ts';
import { overviewRows } from './overview.ts';
import { median } from './bootstrap.ts';

describe('overviewRows', () => {
  const run = runView({ seed: 3 });
  const rows = overviewRows(run);

  it('has one row per scenario and processor, in manifest order', () => {
    expect(rows.map((r) => `${r.scenario}/${r.processor}`)).toEqual([
      'ingest/node', 'ingest/go', 'ingest/rust', 'reads/node', 'reads/go', 'reads/rust',
    ]);
  });

  it('reports the median corrected p99 over repetitions', () => {
    const p99s = run.measurements
      .filter((m) => m.scenario === 'ingest' && m.processor === 'rust')
      .map((m) => m.phases.find((p) => p.phase === 'measure')!.corrected.p99_us);
    const row = rows.find((r) => r.scenario === 'ingest' && r.processor === 'rust')!;
    expect(row.p99_us.estimate).toBe(median(p99s));
    expect(row.p99_us.n).toBe(3);
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

  it('reports the median clean p99 over repetitions of a run that recorded it', async () => {
    const real = await realRunView();
    const row = overviewRows(real).find((r) => r.processor === 'node')!;
    const cleans = real.measurements.filter((m) => m.processor === 'node').map((m) => m.clean!.p99!.value_us);
    expect(row.p99_clean_us?.estimate).toBe(median(cleans));
    expect(row.clean_recorded).toBe(true);
  });

  it('has no clean p99 for a run written before it existed, and says the run is that old', () => {
    const row = rows.find((r) => r.processor === 'go')!;
    expect(row.p99_clean_us).toBeNull();
    expect(row.clean_recorded).toBe(false);
  });
});
