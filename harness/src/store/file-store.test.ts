import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../results/synthetic.ts';
import { writeRunDir } from '../results/write-run.ts';
import { FileStore } from './file-store.ts';
import { storeContract } from './store-contract.ts';

storeContract('file', async (runs) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'file-store-'));
  for (const r of runs) await writeRunDir(path.join(root, r.manifest.run_id), r);
  return { store: new FileStore(root), cleanup: () => rm(root, { recursive: true, force: true }) };
});

describe('FileStore', () => {
  it('leaves out folders that hold no valid run.json', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'file-store-'));
    try {
      const run = syntheticRun({ seed: 1, samples_per_phase: 20 });
      await writeRunDir(path.join(root, run.manifest.run_id), run);
      await mkdir(path.join(root, 'broken-run'));
      await writeFile(path.join(root, 'broken-run', 'run.json'), '{"schema_version": 1}');
      await writeFile(path.join(root, 'README.md'), 'not a run');
      expect((await new FileStore(root).listRuns()).map((r) => r.run_id)).toEqual([run.manifest.run_id]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('answers an empty list when the results root does not exist', async () => {
    expect(await new FileStore('/nonexistent/results-root').listRuns()).toEqual([]);
  });

  it('sees a run.json rewritten after it was cached', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'file-store-'));
    try {
      const run = syntheticRun({ seed: 2, samples_per_phase: 20 });
      const dir = path.join(root, run.manifest.run_id);
      await writeRunDir(dir, { ...run, manifest: { ...run.manifest, status: 'running' } });
      const store = new FileStore(root);
      expect((await store.listRuns())[0]?.status).toBe('running');
      await writeRunDir(dir, { ...run, manifest: { ...run.manifest, status: 'complete', notes: [...run.manifest.notes, 'a longer manifest'] } });
      expect((await store.listRuns())[0]?.status).toBe('complete');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
