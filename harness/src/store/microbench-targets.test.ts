import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MicrobenchFileStore } from './microbench-file-store.ts';
import { syntheticMicrobench } from './microbench-fixtures.ts';
import { resolveMicrobenchTargets } from './microbench-targets.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'microbench-targets-'));
  const store = new MicrobenchFileStore(root);
  await store.write(syntheticMicrobench('mb-1', '2026-12-01T09:00:00Z'));
  await store.write(syntheticMicrobench('mb-2', '2026-12-01T10:00:00Z'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const ids = async (refs: string[], all = false) => {
  const r = await resolveMicrobenchTargets(refs, root, all);
  return r.ok ? r.results.map((x) => x.id) : r.problems;
};

describe('resolveMicrobenchTargets', () => {
  it('takes ids, latest, --all, a result folder (trailing slash or not) and a folder of results', async () => {
    expect(await ids(['mb-1'])).toEqual(['mb-1']);
    expect(await ids(['latest'])).toEqual(['mb-2']);
    expect(await ids([], true)).toEqual(['mb-1', 'mb-2']);
    expect(await ids([`${path.join(root, 'mb-1')}/`])).toEqual(['mb-1']);
    expect(await ids([root])).toEqual(['mb-1', 'mb-2']);
  });

  it('reports every bad reference at once', async () => {
    expect(await ids(['nope', 'a b', '/no/such/folder'])).toEqual([
      `no microbench result nope under ${root}`,
      '"a b" is not a microbench result id, a result folder or "latest"',
      '/no/such/folder: not a microbench result folder (no result.json) nor a folder of them',
    ]);
  });
});
