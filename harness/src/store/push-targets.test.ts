import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRun } from '../results/synthetic.ts';
import { writeRunDir } from '../results/write-run.ts';
import { resolvePushTargets } from './push-targets.ts';
import { runFolderIds } from './run-folders.ts';

let root: string;
const OLD = '20261130T090000Z-aaaaaaa-0001';
const NEW = '20261201T090000Z-bbbbbbb-0002';

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'push-targets-'));
  const at = (id: string, iso: string) => {
    const run = syntheticRun({ seed: 3, run_id: id, samples_per_phase: 5 });
    return { ...run, manifest: { ...run.manifest, started_at: iso } };
  };
  await writeRunDir(path.join(root, OLD), at(OLD, '2026-11-30T09:00:00.000Z'));
  await writeRunDir(path.join(root, NEW), at(NEW, '2026-12-01T09:00:00.000Z'));
  // What an older harness left in the runs folder: calibration results, no run.json.
  await mkdir(path.join(root, 'calibration'));
  await writeFile(path.join(root, 'calibration', '20261201T080000Z.json'), '{}');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('runFolderIds', () => {
  it('lists only folders that hold a run.json', async () => {
    expect(await runFolderIds(root)).toEqual([OLD, NEW]);
  });
});

describe('resolvePushTargets', () => {
  it('takes a run id under the results root', async () => {
    expect(await resolvePushTargets([OLD], root)).toEqual({ ok: true, targets: [{ resultsRoot: root, runIds: [OLD] }] });
  });

  it('takes a run folder, with or without a trailing slash', async () => {
    for (const ref of [path.join(root, NEW), `${path.join(root, NEW)}/`]) {
      expect(await resolvePushTargets([ref], '/elsewhere')).toEqual({ ok: true, targets: [{ resultsRoot: root, runIds: [NEW] }] });
    }
  });

  it('takes "latest" as the newest run', async () => {
    expect(await resolvePushTargets(['latest'], root)).toEqual({ ok: true, targets: [{ resultsRoot: root, runIds: [NEW] }] });
  });

  it('takes a folder of runs, passing over what is not a run', async () => {
    expect(await resolvePushTargets([root], '/elsewhere')).toEqual({ ok: true, targets: [{ resultsRoot: root, runIds: [OLD, NEW] }] });
  });

  it('names every reference it cannot resolve', async () => {
    const r = await resolvePushTargets(['20991231T000000Z-none-0000', path.join(root, 'calibration'), 'bad id!'], root);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toHaveLength(3);
      expect(r.problems[0]).toMatch(/no run folder/);
      expect(r.problems[1]).toMatch(/not a run folder/);
      expect(r.problems[2]).toMatch(/not a run id/);
    }
  });
});
