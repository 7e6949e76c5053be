import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tradeoffsDir } from '../results/layout.ts';
import { FileStore, MicrobenchFileStore } from '../store/index.ts';
import { writeTradeoffsFile } from '../store/tradeoffs-files.ts';
import { fileTradeoffsSource } from '../store/tradeoffs-source.ts';
import { sampleTradeoffs } from '../tradeoffs/fixtures/sample-result.ts';
import { handleApi, type ApiContext } from './api.ts';
import { fileClaimsSource } from './claims.ts';

const OLDER = '20261201T120000Z-abc1234-0001';
const NEWER = '20261202T080000Z-abc1234-0002';
let root: string;
let ctx: ApiContext;
const get = (url: string) => handleApi(ctx, new URL(url, 'http://x'));

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'api-tradeoffs-'));
  for (const id of [OLDER, NEWER]) await writeTradeoffsFile(tradeoffsDir(path.join(root, 'tradeoffs'), id), sampleTradeoffs(id));
  ctx = { store: new FileStore(path.join(root, 'results')), claims: fileClaimsSource(path.join(root, 'results')), microbench: new MicrobenchFileStore(path.join(root, 'microbench')), tradeoffs: fileTradeoffsSource(path.join(root, 'tradeoffs')) };
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('GET /api/tradeoffs', () => {
  it('answers the newest run', async () => {
    expect(await get('/api/tradeoffs')).toMatchObject({ status: 200, body: { state: 'measured', result: { id: NEWER } } });
  });

  it('answers the run asked for by id', async () => {
    expect(await get(`/api/tradeoffs?id=${OLDER}`)).toMatchObject({ status: 200, body: { state: 'measured', result: { id: OLDER } } });
  });

  it('is a 404 for an id it does not have', async () => {
    expect((await get('/api/tradeoffs?id=20990101T000000Z-nope000-0000')).status).toBe(404);
  });

  it('rejects an id that is not one with 400', async () => {
    expect(await get('/api/tradeoffs?id=..%2Fetc')).toMatchObject({ status: 400, body: { parameter: 'id' } });
  });

  it('says there is nothing yet, naming the command, when nothing was measured', async () => {
    const empty: ApiContext = { ...ctx, tradeoffs: fileTradeoffsSource(path.join(root, 'nowhere')) };
    expect(await handleApi(empty, new URL('http://x/api/tradeoffs'))).toEqual({ status: 200, body: { state: 'none', hint: expect.stringContaining('harness tradeoffs') } });
  });
});
