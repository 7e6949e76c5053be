// The v2.1 additions (precision-driven phases, the independence check, the order seed) are
// optional: files written before them read unchanged, files with them round-trip.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunDir } from './read-run.ts';
import { Measurement, RunManifest, type Precision } from './schema.ts';
import { syntheticRun } from './synthetic.ts';
import { writeRunDir } from './write-run.ts';

const precision: Precision = { target_pct: 5, of: 'p99', reached: false, half_width_pct: 12.5, min_measure_s: 3, max_measure_s: 5, measured_s: 5, stopped_by: 'cap', checks: 3 };
const clean = {
  p50: { value_us: 100, lo_us: 99, hi_us: 101 }, p99: { value_us: 800, lo_us: 700, hi_us: 900 }, p999: null,
  count: 6000, set_aside: 12, set_aside_share: 0.002, stall_delayed: 12, set_aside_fraction: 1, fairness: 'idle-explained share' as const,
  lag1: 0.4, independent: false, n_eff: 2571.4,
};

describe('result schema v2.1', () => {
  it('reads a v2 measurement written before precision, n_eff and the order seed', () => {
    const run = syntheticRun({ seed: 1, samples_per_phase: 50 });
    const m = run.measurements[0]!;
    expect(m.precision).toBeUndefined();
    expect(Measurement.safeParse({ ...m, clean: { ...clean, independent: undefined, n_eff: undefined } }).error).toBeUndefined();
    expect(RunManifest.safeParse(run.manifest).error).toBeUndefined();
  });

  it('round-trips the precision outcome, the independence check and the order seed through a run folder', async () => {
    const run = syntheticRun({ seed: 2, samples_per_phase: 50 });
    const withFields = { ...run, manifest: { ...run.manifest, order_seed: 1234 }, measurements: run.measurements.map((m) => ({ ...m, precision, clean })) };
    const dir = await mkdtemp(path.join(os.tmpdir(), 'run-v21-'));
    try {
      await writeRunDir(dir, withFields);
      const back = await readRunDir(dir);
      expect(back.manifest.order_seed).toBe(1234);
      expect(back.measurements.map((m) => m.precision)).toEqual(withFields.measurements.map(() => precision));
      expect(back.measurements[0]!.clean).toEqual(clean);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a precision outcome with an unknown way of stopping', () => {
    const m = syntheticRun({ seed: 3, samples_per_phase: 50 }).measurements[0]!;
    expect(Measurement.safeParse({ ...m, precision: { ...precision, stopped_by: 'boredom' } }).success).toBe(false);
  });
});
