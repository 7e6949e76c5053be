// Against the real server (18.16 on the project's machines): migration 0010, a sweep written and
// read back exactly, the latest, push twice = one copy, and the sustainable-throughput trend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSweep } from '../../sweep/fixtures/sample-sweep.ts';
import { connect, type Connection } from './connection.ts';
import { serverSkipReason, throwawayDatabase, type ThrowawayDatabase } from './test-server.ts';
import { sql } from './sql-values.ts';
import { pushSweeps, readSustainableTrend, readSweep, writeSweepToClickHouse } from './sweep-store.ts';

const skip = await serverSkipReason();

describe.skipIf(skip !== undefined)(`sweeps in ClickHouse${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let db: ThrowawayDatabase;
  let conn: Connection;
  beforeAll(async () => {
    db = await throwawayDatabase('harness_sweeps');
    conn = connect(db.cfg);
  });
  afterAll(async () => {
    await conn?.close();
    await db?.drop();
  });

  it('writes a sweep and reads it back exactly, by id', async () => {
    const s = await sampleSweep('20261201T130000Z-abc1234-0001');
    expect(await writeSweepToClickHouse(db.cfg, s)).toMatchObject({ ok: true });
    expect(await readSweep(conn, s.id)).toEqual(s);
  });

  it('reads the newest sweep as the latest', async () => {
    const newer = { ...(await sampleSweep('20261202T080000Z-abc1234-0002', { go: 5000, rust: 32_000 })), started_at: '2026-12-02T08:00:00.000Z' };
    await writeSweepToClickHouse(db.cfg, newer);
    expect((await readSweep(conn, 'latest'))?.id).toBe(newer.id);
  });

  it('keeps one copy of a sweep pushed twice, and skips the second push', async () => {
    const s = { ...(await sampleSweep('20261203T080000Z-abc1234-0003')), started_at: '2026-12-03T08:00:00.000Z' };
    const first = await pushSweeps(db.cfg, [s]);
    const second = await pushSweeps(db.cfg, [s]);
    expect(first.pushed).toEqual([s.id]);
    expect(second).toMatchObject({ pushed: [], skipped: [s.id] });
    await pushSweeps(db.cfg, [s], { force: true });
    const steps = await conn.query<{ c: string }>(sql`SELECT count() AS c FROM sweep_steps FINAL WHERE sweep_id = ${s.id}`);
    expect(Number(steps[0]!.c)).toBe(s.scenarios[0]!.processors.reduce((n, p) => n + p.steps.length, 0));
    const results = await conn.query<{ c: string }>(sql`SELECT count() AS c FROM sweep_results FINAL WHERE sweep_id = ${s.id}`);
    expect(Number(results[0]!.c)).toBe(3);
  });

  it('answers the trend of sustainable throughput, oldest first, for one processor', async () => {
    const trend = await readSustainableTrend(conn, { scenario: 'ingest', processor: 'rust' });
    expect(trend.map((p) => p.sweep_id)).toEqual(['20261201T130000Z-abc1234-0001', '20261202T080000Z-abc1234-0002', '20261203T080000Z-abc1234-0003']);
    expect(trend.every((p) => p.processor === 'rust' && p.confirmed && p.events_per_s_per_core > 0)).toBe(true);
    expect((await readSustainableTrend(conn, { processor: 'rust', last: 1 })).map((p) => p.sweep_id)).toEqual(['20261203T080000Z-abc1234-0003']);
  });

  it('answers nothing for an id it does not have', async () => {
    expect(await readSweep(conn, '20990101T000000Z-nope000-0000')).toBeUndefined();
  });

  it('reports a server that does not answer as one line, without throwing', async () => {
    const outcome = await writeSweepToClickHouse({ ...db.cfg, url: 'http://127.0.0.1:1' }, await sampleSweep());
    expect(outcome).toMatchObject({ ok: false });
    if (!outcome.ok) expect(outcome.error).toMatch(/^ClickHouse at http:\/\/127\.0\.0\.1:1 is not answering/);
  });
});
