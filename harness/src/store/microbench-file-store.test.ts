import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MicrobenchFileError, MicrobenchFileStore, microbenchRootFrom } from './microbench-file-store.ts';
import { syntheticMicrobench } from './microbench-fixtures.ts';

let root: string;
let store: MicrobenchFileStore;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'microbench-store-'));
  store = new MicrobenchFileStore(root);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('MicrobenchFileStore', () => {
  it('reads back exactly what it wrote, in <root>/<id>/result.json', async () => {
    const r = syntheticMicrobench('20261201T100000Z-abc1234-0001', '2026-12-01T10:00:00Z');
    const file = await store.write(r);
    expect(file).toBe(path.join(root, r.id, 'result.json'));
    expect(await store.getMicrobench(r.id)).toEqual(r);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(r);
  });

  it('lists newest first with what a picker needs', async () => {
    await store.write(syntheticMicrobench('b-older', '2026-12-01T09:00:00Z'));
    await store.write(syntheticMicrobench('a-newer', '2026-12-01T10:00:00Z', { smoke: true }));
    const list = await store.listMicrobench();
    expect(list.map((s) => s.id)).toEqual(['a-newer', 'b-older']);
    expect(list[0]).toEqual({
      id: 'a-newer', created_at: '2026-12-01T10:00:00Z', suite: 'harness-microbench', smoke: true,
      git_commit: '0123456789abcdef0123456789abcdef01234567', hostname: 'bench-host', records: 3, implementations: ['go', 'rust', 'node'],
    });
    expect(await store.listMicrobench(1)).toHaveLength(1);
  });

  it('passes over folders without result.json (a result whose every benchmark failed keeps only logs)', async () => {
    await mkdir(path.join(root, 'only-logs', 'logs'), { recursive: true });
    expect(await store.ids()).toEqual([]);
    expect(await store.getMicrobench('only-logs')).toBeUndefined();
  });

  it('names the file and field of a broken result, and leaves it out of the list', async () => {
    await mkdir(path.join(root, 'broken'));
    const bad = { ...syntheticMicrobench('broken', '2026-12-01T10:00:00Z'), smoke: 'yes' };
    await writeFile(path.join(root, 'broken', 'result.json'), JSON.stringify(bad));
    await expect(store.getMicrobench('broken')).rejects.toThrow(MicrobenchFileError);
    await expect(store.getMicrobench('broken')).rejects.toThrow(/broken\/result\.json: smoke: /);
    expect(await store.listMicrobench()).toEqual([]);
  });

  it("refuses a result whose id is not its folder's name", async () => {
    await mkdir(path.join(root, 'here'));
    await writeFile(path.join(root, 'here', 'result.json'), JSON.stringify(syntheticMicrobench('elsewhere', '2026-12-01T10:00:00Z')));
    await expect(store.getMicrobench('here')).rejects.toThrow(/id "elsewhere" is not its folder's name "here"/);
  });

  it('answers undefined for an id that could leave the root', async () => {
    expect(await store.getMicrobench('../etc')).toBeUndefined();
  });

  it('has no results in a root that does not exist', async () => {
    expect(await new MicrobenchFileStore(path.join(root, 'nope')).listMicrobench()).toEqual([]);
  });
});

describe('microbenchRootFrom', () => {
  it('takes the flag, then HARNESS_MICROBENCH_DIR, then microbench/ in the repository', () => {
    expect(microbenchRootFrom('/flag', { HARNESS_MICROBENCH_DIR: '/env' })).toBe('/flag');
    expect(microbenchRootFrom(undefined, { HARNESS_MICROBENCH_DIR: '/env' })).toBe('/env');
    expect(microbenchRootFrom(undefined, {})).toMatch(/\/microbench$/);
  });
});
