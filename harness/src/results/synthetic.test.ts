import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunDir } from './read-run.ts';
import { Measurement, RunManifest } from './schema.ts';
import { syntheticRun } from './synthetic.ts';
import { writeRunDir } from './write-run.ts';

describe('synthetic runs', () => {
  it('satisfy the result schema', () => {
    const run = syntheticRun({ seed: 1, samples_per_phase: 50 });
    expect(RunManifest.safeParse(run.manifest).success).toBe(true);
    for (const m of run.measurements) expect(Measurement.safeParse(m).error).toBeUndefined();
  });

  it('are deterministic for a seed', () => {
    const a = syntheticRun({ seed: 7, samples_per_phase: 50 });
    const b = syntheticRun({ seed: 7, samples_per_phase: 50 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('round-trip through a run folder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'run-'));
    try {
      const run = syntheticRun({ seed: 3, samples_per_phase: 50 });
      await writeRunDir(dir, run);
      const back = await readRunDir(dir);
      expect(back.manifest).toEqual(run.manifest);
      expect(back.measurements).toHaveLength(run.measurements.length);
      expect(back.capacity).toHaveLength(run.capacity.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
