import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStore, MicrobenchFileStore } from '../store/index.ts';
import { syntheticMicrobench } from '../store/microbench-fixtures.ts';
import { handleApi, type ApiContext } from './api.ts';
import { apiPaths } from './api-paths.ts';
import type { MicrobenchListResponse, MicrobenchResponse } from './api-types.ts';
import { fileClaimsSource } from './claims.ts';

let root: string;
let ctx: ApiContext;
const get = (url: string) => handleApi(ctx, new URL(url, 'http://x'));
const older = syntheticMicrobench('20261201T090000Z-abc1234-0001', '2026-12-01T09:00:00Z');
const newer = syntheticMicrobench('20261201T100000Z-abc1234-0002', '2026-12-01T10:00:00Z', { smoke: true });

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'api-microbench-'));
  const microbench = new MicrobenchFileStore(path.join(root, 'microbench'));
  await microbench.write(older);
  await microbench.write(newer);
  ctx = { store: new FileStore(path.join(root, 'results')), claims: fileClaimsSource(root), microbench };
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('GET /api/microbench', () => {
  it('lists the results newest first', async () => {
    const a = await get(apiPaths.microbenchList());
    expect(a.status).toBe(200);
    expect((a.body as MicrobenchListResponse).results.map((r) => [r.id, r.smoke])).toEqual([[newer.id, true], [older.id, false]]);
  });

  it('takes a limit and refuses anything else', async () => {
    expect(((await get(apiPaths.microbenchList({ limit: 1 }))).body as MicrobenchListResponse).results).toHaveLength(1);
    expect(await get('/api/microbench?sort=x')).toMatchObject({ status: 400, body: { parameter: 'sort' } });
  });
});

describe('GET /api/microbench/:id', () => {
  it('answers the result with its records, without their samples', async () => {
    const a = await get(apiPaths.microbench(older.id));
    expect(a.status).toBe(200);
    const { result } = a.body as MicrobenchResponse;
    expect(result.id).toBe(older.id);
    expect(result.sources).toEqual(older.sources);
    expect(result.results.map((r) => [r.name, r.implementation, r.median_ns])).toEqual(older.results.map((r) => [r.name, r.implementation, r.median_ns]));
    expect(result.results.every((r) => !('samples_ns' in r))).toBe(true);
  });

  it('is a 404 for an unknown id and a 400 for one that is not an id', async () => {
    expect(await get(apiPaths.microbench('20991231T000000Z-0000000-0000'))).toMatchObject({ status: 404 });
    expect(await get('/api/microbench/%2E%2E%2Fetc')).toMatchObject({ status: 400, body: { parameter: 'id' } });
  });
});
