import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSweep } from '../sweep/fixtures/sample-sweep.ts';
import { fileSweepSource } from './sweep-source.ts';
import { resolveSweep, sweepIds, writeSweepFile } from './sweep-files.ts';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'sweeps-'));
  await writeSweepFile(path.join(root, '20261201T130000Z-abc1234-0001'), await sampleSweep('20261201T130000Z-abc1234-0001'));
  await writeSweepFile(path.join(root, '20261202T130000Z-abc1234-0002'), { ...(await sampleSweep('20261202T130000Z-abc1234-0002')), started_at: '2026-12-02T13:00:00.000Z' });
  await mkdir(path.join(root, '20261203T130000Z-abc1234-0003'));
  await writeFile(path.join(root, '20261203T130000Z-abc1234-0003', 'sweep.json'), '{"schema_version": 1}');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the sweep file store', () => {
  it('lists the sweeps, oldest first', async () => {
    expect(await sweepIds(root)).toEqual(['20261201T130000Z-abc1234-0001', '20261202T130000Z-abc1234-0002', '20261203T130000Z-abc1234-0003']);
  });

  it('resolves an id and a folder to the sweep written there', async () => {
    const byId = await resolveSweep('20261201T130000Z-abc1234-0001', root);
    const byDir = await resolveSweep(path.join(root, '20261201T130000Z-abc1234-0001'), root);
    expect(byId.ok && byId.result).toEqual(await sampleSweep('20261201T130000Z-abc1234-0001'));
    expect(byDir.ok && byDir.result.id).toBe('20261201T130000Z-abc1234-0001');
  });

  it('names the fields of a file that does not match the schema', async () => {
    const r = await resolveSweep('latest', root);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(/sweep\.json: id: /);
  });

  it('says there is no such sweep, as an answer rather than a problem', async () => {
    expect(await fileSweepSource(root).get('20990101T000000Z-nope000-0000')).toBeUndefined();
  });

  it('answers the trend of sustainable throughput from the files, skipping a broken one', async () => {
    const trend = await fileSweepSource(root).sustainableTrend({ processor: 'go' });
    expect(trend.map((p) => p.sweep_id)).toEqual(['20261201T130000Z-abc1234-0001', '20261202T130000Z-abc1234-0002']);
  });
});
