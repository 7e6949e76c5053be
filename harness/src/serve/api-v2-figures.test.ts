// The run answer carries schema v2's per-measurement figures (what the tail view, the latency
// chart's bands and the Overview's clean p99 draw), and a run written before them still answers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDir } from '../results/layout.ts';
import type { Measurement, RunRecord } from '../results/schema.ts';
import { writeRunDir } from '../results/write-run.ts';
import { contractRuns } from '../store/contract-fixtures.ts';
import { FileStore, MicrobenchFileStore } from '../store/index.ts';
import { handleApi, type ApiContext } from './api.ts';
import type { RunResponse } from './api-types.ts';
import { fileClaimsSource } from './claims.ts';

let root: string;
let ctx: ApiContext;
let v2Run: RunRecord;
const get = (url: string) => handleApi(ctx, new URL(url, 'http://x'));
const V2_FIELDS = ['raw_intervals', 'platform', 'tail', 'clean', 'gc_cycles'] as const;
const key = (m: Pick<Measurement, 'scenario' | 'processor' | 'repetition'>) => `${m.scenario}/${m.processor}/${m.repetition}`;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'api-v2-'));
  // c-004-main: v2 figures on all but one measurement (store/contract-fixtures.ts).
  v2Run = contractRuns().find((r) => r.manifest.run_id === 'c-004-main')!;
  await writeRunDir(runDir(root, v2Run.manifest.run_id), v2Run);
  ctx = { store: new FileStore(root), claims: fileClaimsSource(root), microbench: new MicrobenchFileStore(path.join(root, 'no-microbench')) };
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('GET /api/runs/:id with schema v2 figures', () => {
  it('carries each measurement\u2019s stalls, tail composition, clean percentiles and GC cycles as written', async () => {
    const a = await get('/api/runs/c-004-main');
    expect(a.status).toBe(200);
    const got = new Map((a.body as RunResponse).run.measurements.map((m) => [key(m), m]));
    const written = v2Run.measurements.filter((m) => m.tail !== undefined);
    expect(written.length).toBeGreaterThan(0);
    for (const m of written) for (const f of V2_FIELDS) expect(got.get(key(m))![f]).toEqual(m[f]);
  });

  it('answers a measurement written without them with the fields absent, not null', async () => {
    const a = await get('/api/runs/c-004-main');
    const v1 = v2Run.measurements.find((m) => m.tail === undefined)!;
    const back = (a.body as RunResponse).run.measurements.find((m) => key(m) === key(v1))!;
    for (const f of V2_FIELDS) expect(f in back).toBe(false);
  });
});
