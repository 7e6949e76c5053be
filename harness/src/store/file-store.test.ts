import { currentOwner } from '../results/liveness.ts';
import { mkdtemp, rm, writeFile, mkdir, readFile, stat, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measurementFile, newRunId } from '../results/layout.ts';
import type { RunRecord } from '../results/schema.ts';
import { syntheticRun } from '../results/synthetic.ts';
import { writeManifest, writeMeasurement, writeRunDir } from '../results/write-run.ts';
import { SERIES_INDEX_FILE } from './file-series-index.ts';
import { FileSink } from './file-sink.ts';
import { FileStore, runIdTimeMs, STAMP_SLACK_MS } from './file-store.ts';
import { storeContract } from './store-contract.ts';
import { matchesFilter, newestFirst, summarize } from './summary.ts';
import type { RunFilter } from './types.ts';

storeContract('file', async (runs) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'file-store-'));
  for (const r of runs) await writeRunDir(path.join(root, r.manifest.run_id), r);
  return { store: new FileStore(root), cleanup: () => rm(root, { recursive: true, force: true }) };
});

/** Runs written the way a real run is (FileSink: series-index.json at stop). */
async function sinkRun(root: string, r: RunRecord): Promise<void> {
  const sink = new FileSink(root);
  await sink.start({ ...r.manifest, status: 'running', finished_at: null, owner: currentOwner() });
  for (const m of r.measurements) sink.addMeasurement(m);
  for (const c of r.capacity) sink.addCapacity(c);
  const outcome = await sink.stop(r.manifest);
  if (!outcome.ok) throw new Error(outcome.error);
}

storeContract('file, written by the FileSink (series from series-index.json)', async (runs) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'file-store-'));
  for (const r of runs) await sinkRun(root, r);
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

  it('lists a running run whose harness process is gone as abandoned', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'file-store-'));
    try {
      const run = syntheticRun({ seed: 2, samples_per_phase: 20 });
      // pid 0 is never a user process: the owner is certainly gone.
      const gone = { ...currentOwner(), pid: 0 };
      await writeRunDir(path.join(root, run.manifest.run_id), { ...run, manifest: { ...run.manifest, status: 'running', owner: gone } });
      const store = new FileStore(root);
      expect((await store.listRuns())[0]?.status).toBe('abandoned');
      expect((await store.getRun(run.manifest.run_id))?.manifest.status).toBe('abandoned');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('sees a run.json rewritten after it was cached', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'file-store-'));
    try {
      const run = syntheticRun({ seed: 2, samples_per_phase: 20 });
      const dir = path.join(root, run.manifest.run_id);
      await writeRunDir(dir, { ...run, manifest: { ...run.manifest, status: 'running', owner: currentOwner() } });
      const store = new FileStore(root);
      expect((await store.listRuns())[0]?.status).toBe('running');
      await writeRunDir(dir, { ...run, manifest: { ...run.manifest, status: 'complete', notes: [...run.manifest.notes, 'a longer manifest'] } });
      expect((await store.listRuns())[0]?.status).toBe('complete');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('reads the start time out of newRunId ids, and only out of those', () => {
    const now = new Date(Date.UTC(2026, 10, 26, 9, 15, 0, 734));
    expect(runIdTimeMs(newRunId(now, 'abc1234def'))).toBe(Date.UTC(2026, 10, 26, 9, 15, 0));
    expect(runIdTimeMs('synthetic-000001')).toBeUndefined();
    expect(runIdTimeMs('c-001-main')).toBeUndefined();
  });
});

describe('FileStore over time-stamped run ids', () => {
  const t0 = Date.UTC(2026, 2, 1, 8, 0, 0);
  const branches = ['main', 'main', 'feat/a', 'main', 'feat/b'];

  /** Reference answer: every summary, filtered and sorted, as the contract defines it. */
  const reference = (runs: RunRecord[], f: RunFilter) =>
    runs.map((r) => summarize(r.manifest)).filter((s) => matchesFilter(s, f)).sort(newestFirst).slice(0, f.limit ?? 100);

  it('lists exactly what a full scan would, for starts anywhere within the slack of the id', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'file-store-'));
    try {
      let seed = 1;
      const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
      const runs: RunRecord[] = [];
      for (let i = 0; i < 60; i++) {
        // Clusters of runs seconds apart, some sharing a second, started up to the slack after their id's stamp.
        const idTime = new Date(t0 + Math.floor(i / 3) * 1_800_000 + (i % 3) * 400);
        const started = new Date(idTime.getTime() + Math.floor(rand() * rand() * STAMP_SLACK_MS));
        const run = syntheticRun({
          seed: i + 1, samples_per_phase: 10, repetitions: 1, run_id: newRunId(idTime, 'abcdef1', rand), started_at: started,
          git_branch: branches[i % branches.length]!, scenarios: i % 4 === 0 ? ['reads'] : ['ingest', 'reads'],
        });
        runs.push(run);
        await writeManifest(path.join(root, run.manifest.run_id), run.manifest);
      }
      // Two runs with ids of another shape take part too.
      for (const [i, id] of ['zz-manual-run', 'aa-imported'].entries()) {
        const run = syntheticRun({ seed: 100 + i, samples_per_phase: 10, repetitions: 1, run_id: id, started_at: new Date(t0 + (20 + 7 * i) * 1_800_000 + 5) });
        runs.push(run);
        await writeManifest(path.join(root, id), run.manifest);
      }
      const store = new FileStore(root);
      const filters: RunFilter[] = [
        {}, { limit: 1 }, { limit: 2 }, { limit: 7 }, { limit: 1000 }, { branch: 'feat/b', limit: 3 }, { branch: 'nope' },
        { scenario: 'ingest', limit: 5 }, { status: 'complete', limit: 4 },
        { until: new Date(t0 + 10 * 1_800_000).toISOString(), limit: 3 }, { since: new Date(t0 + 25 * 1_800_000).toISOString(), limit: 50 },
      ];
      for (const f of filters) expect(await store.listRuns(f), JSON.stringify(f)).toEqual(reference(runs, f));
      expect((await store.latestRun())?.manifest.run_id).toBe(reference(runs, { limit: 1 })[0]!.run_id);
      expect((await store.latestRun({ branch: 'feat/a' }))?.manifest.run_id).toBe(reference(runs, { branch: 'feat/a', limit: 1 })[0]!.run_id);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('reads only the newest run.json files for the latest run', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'file-store-'));
    try {
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) {
        const at = new Date(t0 + i * 2 * STAMP_SLACK_MS);
        const run = syntheticRun({ seed: i + 1, samples_per_phase: 10, repetitions: 1, run_id: newRunId(at, 'abcdef1'), started_at: at });
        await writeManifest(path.join(root, run.manifest.run_id), run.manifest);
        ids.push(run.manifest.run_id);
      }
      // Old runs whose run.json claims a start far beyond their id's stamp (which newRunId never
      // writes): a full scan would rank them first, so they tell whether their files were opened.
      const future = new Date(t0 + 1000 * STAMP_SLACK_MS).toISOString();
      for (const id of ids.slice(0, 30)) {
        const file = path.join(root, id, 'run.json');
        await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), started_at: future }));
      }
      const store = new FileStore(root);
      expect((await store.latestRun())?.manifest.run_id).toBe(ids[39]);
      expect((await store.listRuns({ limit: 3 })).map((r) => r.run_id)).toEqual([ids[39], ids[38], ids[37]]);
      // A new run shows up at once; a rewritten run.json too.
      const at = new Date(t0 + 41 * 2 * STAMP_SLACK_MS);
      const newer = syntheticRun({ seed: 99, samples_per_phase: 10, repetitions: 1, run_id: newRunId(at, 'abcdef1'), started_at: at });
      await writeManifest(path.join(root, newer.manifest.run_id), { ...newer.manifest, status: 'running', finished_at: null, owner: currentOwner() });
      expect((await store.listRuns({ limit: 1 }))[0]).toMatchObject({ run_id: newer.manifest.run_id, status: 'running' });
      await writeManifest(path.join(root, newer.manifest.run_id), { ...newer.manifest, notes: ['finished, a longer manifest'] });
      expect((await store.listRuns({ limit: 1 }))[0]).toMatchObject({ run_id: newer.manifest.run_id, status: 'complete' });
      // Deleted: gone at once.
      await rm(path.join(root, newer.manifest.run_id), { recursive: true });
      expect((await store.latestRun())?.manifest.run_id).toBe(ids[39]);
      // A list long enough to reach them reads them (and ranks them by their recorded start).
      const all = await store.listRuns({ limit: 1000 });
      expect(all).toHaveLength(40);
      expect(all[0]!.started_at).toBe(future);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('FileStore series index', () => {
  it('the FileSink leaves series-index.json; series answers the same with it, without it, and from memory', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'file-store-'));
    try {
      const runs = [1, 2, 3].map((seed) => syntheticRun({ seed, samples_per_phase: 20, run_id: `s-00${seed}`, started_at: new Date(Date.UTC(2026, 0, seed)) }));
      runs[0]!.measurements[0]!.status = 'failed';
      for (const r of runs) await sinkRun(root, r);
      const withIndex = new FileStore(root);
      const queries = [
        { metric: 'p99_us', scenario: 'ingest' }, { metric: 'steady_rss_bytes', scenario: 'reads', processor: 'go' },
        { metric: 'capacity_events_per_s', scenario: 'ingest' }, { metric: 'cpu_s_per_million_events', scenario: 'reads' },
      ] as const;
      const first = await Promise.all(queries.map((q) => withIndex.series(q)));
      expect(first[0]!.length).toBeGreaterThan(0);
      const stored = JSON.parse(await readFile(path.join(root, 's-001', SERIES_INDEX_FILE), 'utf8'));
      expect(stored.run_id).toBe('s-001');
      expect(await Promise.all(queries.map((q) => withIndex.series(q)))).toEqual(first);
      for (const r of runs) await rm(path.join(root, r.manifest.run_id, SERIES_INDEX_FILE));
      expect(await Promise.all(queries.map((q) => new FileStore(root).series(q)))).toEqual(first);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('ignores an index (stored or in memory) once a measurement file changed after it', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'file-store-'));
    try {
      const run = syntheticRun({ seed: 7, samples_per_phase: 20, run_id: 's-007', repetitions: 1 });
      await sinkRun(root, run);
      const dir = path.join(root, 's-007');
      const measurements = path.join(dir, 'measurements');
      // Make the run old enough that its index is kept in memory too.
      const old = new Date(Date.now() - 60_000);
      await utimes(measurements, old, old);
      await utimes(path.join(dir, 'capacity'), old, old);
      const store = new FileStore(root);
      const before = await store.series({ metric: 'p99_us', scenario: 'ingest', processor: 'go' });
      expect(before).toHaveLength(1);
      // Rewrite one measurement with a new p99, as a re-run of that repetition would.
      const m = structuredClone(run.measurements.find((x) => x.scenario === 'ingest' && x.processor === 'go')!);
      m.phases.find((p) => p.phase === 'measure')!.corrected.p99_us = 123_456;
      await writeMeasurement(dir, m);
      // Whatever the clock tick, the folder's mtime now differs from the recorded one.
      const later = new Date(Date.now() + 5_000);
      await utimes(measurements, later, later);
      expect((await stat(measurements)).mtimeMs).not.toBe(old.getTime());
      const after = await store.series({ metric: 'p99_us', scenario: 'ingest', processor: 'go' });
      expect(after[0]!.value).toBe(123_456);
      expect((await new FileStore(root).series({ metric: 'p99_us', scenario: 'ingest', processor: 'go' }))[0]!.value).toBe(123_456);
      expect(measurementFile(m.scenario, m.processor, m.repetition)).toContain('ingest__go__r');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
