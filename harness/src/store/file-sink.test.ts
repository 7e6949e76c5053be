import { currentOwner } from '../results/liveness.ts';
import { mkdtemp, readdir, rm, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRunDir } from '../results/read-run.ts';
import { syntheticRun } from '../results/synthetic.ts';
import { FileSink } from './file-sink.ts';

describe('FileSink', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'file-sink-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes run.json at start with the running status', async () => {
    const run = syntheticRun({ seed: 1, samples_per_phase: 20 });
    const sink = new FileSink(root);
    await sink.start({ ...run.manifest, status: 'running', finished_at: null, owner: currentOwner() });
    const back = await readRunDir(path.join(root, run.manifest.run_id));
    expect(back.manifest.status).toBe('running');
    expect(back.measurements).toEqual([]);
  });

  it('writes each measurement before stop is called', async () => {
    const run = syntheticRun({ seed: 2, samples_per_phase: 20 });
    const sink = new FileSink(root);
    await sink.start({ ...run.manifest, status: 'running', finished_at: null, owner: currentOwner() });
    sink.addMeasurement(run.measurements[0]!);
    await sink.flushed();
    const files = await readdir(path.join(root, run.manifest.run_id, 'measurements'));
    expect(files).toHaveLength(1);
  });

  it('leaves the whole run on disk at stop, equal to what was added', async () => {
    const run = syntheticRun({ seed: 3, samples_per_phase: 20 });
    const sink = new FileSink(root);
    await sink.start({ ...run.manifest, status: 'running', finished_at: null, owner: currentOwner() });
    for (const m of run.measurements) sink.addMeasurement(m);
    for (const c of run.capacity) sink.addCapacity(c);
    const outcome = await sink.stop(run.manifest);
    expect(outcome).toEqual({ ok: true, written: run.measurements.length + run.capacity.length });
    const back = await readRunDir(path.join(root, run.manifest.run_id));
    expect(back.manifest).toEqual(run.manifest);
    expect(back.measurements).toHaveLength(run.measurements.length);
    expect(back.capacity).toHaveLength(run.capacity.length);
  });

  it('reports a failed write at stop instead of throwing from add', async () => {
    const run = syntheticRun({ seed: 4, samples_per_phase: 20 });
    const sink = new FileSink(root);
    await sink.start(run.manifest);
    // A directory where the measurement file should go makes the rename fail.
    const dir = path.join(root, run.manifest.run_id, 'measurements');
    await mkdir(dir, { recursive: true });
    const m = run.measurements[0]!;
    await mkdir(path.join(dir, `${m.scenario}__${m.processor}__r${m.repetition}.json`));
    expect(() => sink.addMeasurement(m)).not.toThrow();
    const outcome = await sink.stop(run.manifest);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.error).toContain(`measurement ${m.scenario}/${m.processor}/r${m.repetition}`);
  });

  it('refuses a run id that could escape the results root', async () => {
    const run = syntheticRun({ seed: 5, samples_per_phase: 20, run_id: '../escape' });
    await expect(new FileSink(root).start(run.manifest)).rejects.toThrow(/does not match/);
  });
});
