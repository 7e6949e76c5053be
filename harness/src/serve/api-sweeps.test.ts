import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDir } from '../results/layout.ts';
import { FileStore, MicrobenchFileStore } from '../store/index.ts';
import { writeSweepFile } from '../store/sweep-files.ts';
import { fileSweepSource } from '../store/sweep-source.ts';
import { sampleSweep } from '../sweep/fixtures/sample-sweep.ts';
import { handleApi, type ApiContext } from './api.ts';
import type { SweepResponse, SweepsResponse } from './api-types.ts';
import { fileClaimsSource } from './claims.ts';

const OLDER = '20261201T120000Z-abc1234-0001';
const NEWER = '20261202T080000Z-abc1234-0002';
let root: string;
let ctx: ApiContext;
const get = (url: string) => handleApi(ctx, new URL(url, 'http://x'));

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'api-sweeps-'));
  const sweeps = path.join(root, 'sweeps');
  await writeSweepFile(sweepDir(sweeps, OLDER), { ...(await sampleSweep(OLDER)), started_at: '2026-12-01T12:00:00.000Z' });
  await writeSweepFile(sweepDir(sweeps, NEWER), { ...(await sampleSweep(NEWER)), started_at: '2026-12-02T08:00:00.000Z' });
  ctx = {
    store: new FileStore(path.join(root, 'results')),
    claims: fileClaimsSource(path.join(root, 'results')),
    microbench: new MicrobenchFileStore(path.join(root, 'microbench')),
    sweeps: fileSweepSource(sweeps),
  };
}, 60_000);
afterAll(() => rm(root, { recursive: true, force: true }));

describe('GET /api/sweeps', () => {
  it('lists the sweeps newest first', async () => {
    const { status, body } = await get('/api/sweeps');
    expect(status).toBe(200);
    expect((body as SweepsResponse).sweeps.map((s) => s.id)).toEqual([NEWER, OLDER]);
  });

  it('keeps only the newest sweeps up to the limit', async () => {
    expect(((await get('/api/sweeps?limit=1')).body as SweepsResponse).sweeps.map((s) => s.id)).toEqual([NEWER]);
  });

  it("carries each processor's sustainable throughput as the sweep file has it", async () => {
    const file = await sampleSweep(NEWER);
    const go = file.scenarios[0]!.processors.find((p) => p.processor === 'go')!.sustainable!;
    const summary = ((await get('/api/sweeps')).body as SweepsResponse).sweeps[0]!;
    expect(summary.sustainable.find((s) => s.processor === 'go')).toEqual({
      scenario: 'ingest',
      processor: 'go',
      rate_per_s: go.rate_per_s,
      events_per_s: go.events_per_s,
      events_per_s_per_core: go.events_per_s_per_core,
      lower_bound: go.lower_bound,
      confirmed: go.confirmation.confirmed,
    });
  });

  it('lists nothing for a scenario no sweep measured', async () => {
    expect((await get('/api/sweeps?scenario=reads')).body).toEqual({ sweeps: [] });
  });

  it('rejects a limit that is not a count with 400 naming it', async () => {
    expect(await get('/api/sweeps?limit=0')).toMatchObject({ status: 400, body: { parameter: 'limit' } });
  });

  it('rejects an unknown parameter with 400', async () => {
    expect(await get('/api/sweeps?run=x')).toMatchObject({ status: 400, body: { parameter: 'run' } });
  });

  it('lists nothing when no sweep source is configured', async () => {
    const { sweeps: _none, ...without } = ctx;
    expect(await handleApi(without, new URL('http://x/api/sweeps'))).toEqual({ status: 200, body: { sweeps: [] } });
  });
});

describe('GET /api/sweeps/:id', () => {
  it("answers one sweep's curve views", async () => {
    const { status, body } = await get(`/api/sweeps/${OLDER}`);
    expect(status).toBe(200);
    const sweep = (body as SweepResponse).sweep;
    expect(sweep.id).toBe(OLDER);
    expect(sweep.views.map((v) => v.scenario)).toEqual(['ingest']);
    expect(sweep.views[0]!.processors.map((p) => p.processor)).toEqual(['go', 'rust', 'node']);
  });

  it('answers the newest sweep for "latest"', async () => {
    expect(((await get('/api/sweeps/latest')).body as SweepResponse).sweep.id).toBe(NEWER);
  });

  it('is a 404 for an id it does not have', async () => {
    expect((await get('/api/sweeps/20990101T000000Z-nope000-0000')).status).toBe(404);
  });

  it('rejects an id that is not one with 400', async () => {
    expect(await get('/api/sweeps/..%2Fetc')).toMatchObject({ status: 400, body: { parameter: 'id' } });
  });

  it('rejects a query parameter with 400', async () => {
    expect((await get(`/api/sweeps/${OLDER}?scenario=ingest`)).status).toBe(400);
  });
});
