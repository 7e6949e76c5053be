import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import hdr from 'hdr-histogram-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDir } from '../results/layout.ts';
import { syntheticRun } from '../results/synthetic.ts';
import { writeRunDir } from '../results/write-run.ts';
import { FileStore, MicrobenchFileStore } from '../store/index.ts';
import { handleApi, type ApiContext } from './api.ts';
import type { ClaimsResponse, HistogramResponse, RunResponse, RunsResponse } from './api-types.ts';
import { fileClaimsSource } from './claims.ts';

let root: string;
let ctx: ApiContext;
const get = (url: string) => handleApi(ctx, new URL(url, 'http://x'));

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'api-test-'));
  for (const seed of [1, 2]) {
    const run = syntheticRun({ seed, samples_per_phase: 100, repetitions: 2 });
    await writeRunDir(runDir(root, run.manifest.run_id), run);
  }
  ctx = { store: new FileStore(root), claims: fileClaimsSource(root), microbench: new MicrobenchFileStore(path.join(root, 'no-microbench')) };
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('GET /api/runs', () => {
  it('lists the runs newest first', async () => {
    const a = await get('/api/runs');
    expect(a.status).toBe(200);
    expect((a.body as RunsResponse).runs.map((r) => r.run_id)).toEqual(['synthetic-000002', 'synthetic-000001']);
  });
  it('rejects an unknown parameter with 400', async () => {
    expect(await get('/api/runs?sort=x')).toMatchObject({ status: 400, body: { parameter: 'sort' } });
  });
  it('rejects a limit that is not a positive whole number', async () => {
    expect((await get('/api/runs?limit=-3')).status).toBe(400);
    expect((await get('/api/runs?limit=0')).status).toBe(400);
  });
});

describe('GET /api/runs/:id', () => {
  it('answers the run without its encoded histograms', async () => {
    const a = await get('/api/runs/synthetic-000001');
    expect(a.status).toBe(200);
    const run = (a.body as RunResponse).run;
    expect(run.manifest.run_id).toBe('synthetic-000001');
    expect(JSON.stringify(run)).not.toContain('corrected_hdr');
  });
  it('rejects a path-traversal id with 400, encoded or not', async () => {
    expect((await get('/api/runs/..%2F..%2Fetc')).status).toBe(400);
    expect((await get('/api/runs/a%2Fb')).status).toBe(400);
  });
  it('answers 404 for a well-formed id that is not stored', async () => {
    expect((await get('/api/runs/nope')).status).toBe(404);
  });
});

describe('GET /api/histogram', () => {
  it('answers the merged spectrum, ending at the merged maximum', async () => {
    const a = await get('/api/histogram?run=synthetic-000001&scenario=ingest&processor=go&which=corrected');
    expect(a.status).toBe(200);
    const body = a.body as HistogramResponse;
    const merged = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 2, numberOfSignificantValueDigits: 3, autoResize: true });
    const record = (await ctx.store.getRun('synthetic-000001'))!;
    for (const m of record.measurements.filter((x) => x.scenario === 'ingest' && x.processor === 'go')) {
      merged.add(hdr.decodeFromCompressedBase64(m.phases.find((p) => p.phase === 'measure')!.corrected_hdr));
    }
    expect(body.count).toBe(merged.totalCount);
    const last = body.points.at(-1)!;
    expect(last.percentile).toBe(100);
    // Within the histogram's 3 significant digits: the store re-encodes the merged histogram.
    expect(Math.abs(last.value_us - merged.maxValue) / merged.maxValue).toBeLessThan(1e-3);
    expect(body.points.find((p) => p.percentile === 99)?.value_us).toBe(merged.getValueAtPercentile(99));
  });
  it('rejects an unknown histogram kind', async () => {
    expect(await get('/api/histogram?run=synthetic-000001&scenario=ingest&processor=go&which=both')).toMatchObject({
      status: 400,
      body: { parameter: 'which' },
    });
  });
  it('rejects a scenario name with a path in it', async () => {
    expect((await get('/api/histogram?run=synthetic-000001&scenario=../x&processor=go&which=corrected')).status).toBe(400);
  });
  it('rejects a missing parameter', async () => {
    expect(await get('/api/histogram?run=synthetic-000001&scenario=ingest&which=corrected')).toMatchObject({
      status: 400,
      body: { parameter: 'processor' },
    });
  });
  it('rejects a repeated parameter', async () => {
    expect((await get('/api/histogram?run=a&run=b&scenario=ingest&processor=go&which=corrected')).status).toBe(400);
  });
});

describe('GET /api/series', () => {
  it('answers one point per run and processor', async () => {
    const a = await get('/api/series?metric=p99_us&scenario=ingest');
    expect(a.status).toBe(200);
    expect((a.body as { points: unknown[] }).points).toHaveLength(6);
  });
  it('rejects an unknown metric', async () => {
    expect(await get('/api/series?metric=p98_us&scenario=ingest')).toMatchObject({ status: 400, body: { parameter: 'metric' } });
  });
});

describe('GET /api/compare', () => {
  it('answers both runs', async () => {
    const a = await get('/api/compare?a=synthetic-000001&b=synthetic-000002');
    expect(a.status).toBe(200);
  });
  it('names the missing run', async () => {
    expect(await get('/api/compare?a=synthetic-000001&b=gone')).toMatchObject({ status: 404, body: { error: expect.stringContaining('"gone" (b)') } });
  });
});

describe('GET /api/claims', () => {
  it('says the run has not been evaluated and names the command', async () => {
    const body = (await get('/api/claims?run=synthetic-000001')).body as ClaimsResponse;
    expect(body).toEqual({ state: 'not-evaluated', run_id: 'synthetic-000001', hint: expect.stringContaining('harness claims') });
  });
  it('answers the verdicts once a claims file exists', async () => {
    const verdicts = [{ claim: 'rust p99 25% below go', measured: 0.74, ci_low: 0.7, ci_high: 0.79, verdict: 'supported' }];
    await writeFile(path.join(runDir(root, 'synthetic-000002'), 'claims.json'), JSON.stringify({ verdicts }));
    expect((await get('/api/claims?run=synthetic-000002')).body).toEqual({ state: 'evaluated', run_id: 'synthetic-000002', verdicts });
  });
  it('reads the verdicts `harness claims` writes, with their description as the claim', async () => {
    const written = {
      schema_version: 1,
      run_id: 'synthetic-000001',
      title: 'ADR-7',
      verdicts: [
        { claim_id: 'p99', description: 'rust p99 ≤ 0.75 × go', scenario: 'ingest', measured: null, ci_low: null, ci_high: null, unit: 'ratio', verdict: 'inconclusive', reasons: ['no rust'], n: 0 },
      ],
    };
    await writeFile(path.join(runDir(root, 'synthetic-000001'), 'claims.json'), JSON.stringify(written));
    expect((await get('/api/claims?run=synthetic-000001')).body).toEqual({
      state: 'evaluated',
      run_id: 'synthetic-000001',
      title: 'ADR-7',
      verdicts: [{ claim: 'rust p99 ≤ 0.75 × go', claim_id: 'p99', scenario: 'ingest', measured: null, ci_low: null, ci_high: null, unit: 'ratio', verdict: 'inconclusive', reasons: ['no rust'], n: 0 }],
    });
  });
  it('rejects a claims file with a verdict outside the three kinds', async () => {
    await writeFile(path.join(runDir(root, 'synthetic-000001'), 'claims.json'), JSON.stringify([{ claim: 'x', measured: 1, ci_low: 0, ci_high: 2, verdict: 'maybe' }]));
    await expect(get('/api/claims?run=synthetic-000001')).rejects.toThrow(/claims\.json/);
  });
});

describe('routing', () => {
  it('answers 404 for an unknown endpoint', async () => {
    expect((await get('/api/nope')).status).toBe(404);
  });
  it('answers the latest run', async () => {
    const a = await get('/api/latest');
    expect((a.body as RunResponse).run.manifest.run_id).toBe('synthetic-000002');
  });
});
