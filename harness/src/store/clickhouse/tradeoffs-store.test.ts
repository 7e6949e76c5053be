// Against the real server (18.16 on the project's machines): the migration, an insert, reading
// back by id and as the latest, and a second write replacing the first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleTradeoffs } from '../../tradeoffs/fixtures/sample-result.ts';
import { connect, type Connection } from './connection.ts';
import { serverSkipReason, throwawayDatabase, type ThrowawayDatabase } from './test-server.ts';
import { sql } from './sql-values.ts';
import { readTradeoffs, writeTradeoffsToClickHouse } from './tradeoffs-store.ts';

const skip = await serverSkipReason();

describe.skipIf(skip !== undefined)(`trade-offs in ClickHouse${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let db: ThrowawayDatabase;
  let conn: Connection;
  beforeAll(async () => {
    db = await throwawayDatabase('harness_tradeoffs');
    conn = connect(db.cfg);
  });
  afterAll(async () => {
    await conn?.close();
    await db?.drop();
  });

  it('writes a run and reads it back exactly, by id', async () => {
    const result = sampleTradeoffs('20261201T120000Z-abc1234-0001');
    expect(await writeTradeoffsToClickHouse(db.cfg, result)).toEqual({ ok: true, rows: 2 });
    expect(await readTradeoffs(conn, result.id)).toEqual(result);
  });

  it('reads the newest run as the latest', async () => {
    const newer = { ...sampleTradeoffs('20261202T080000Z-abc1234-0002'), started_at: '2026-12-02T08:00:00.000Z' };
    await writeTradeoffsToClickHouse(db.cfg, newer);
    expect((await readTradeoffs(conn, 'latest'))?.id).toBe(newer.id);
  });

  it('keeps one copy of a run written twice', async () => {
    const result = sampleTradeoffs('20261201T120000Z-abc1234-0001');
    await writeTradeoffsToClickHouse(db.cfg, { ...result, notes: ['second write'] });
    const rows = await conn.query<{ c: string }>(sql`SELECT count() AS c FROM tradeoffs FINAL WHERE tradeoffs_id = ${result.id}`);
    expect(Number(rows[0]!.c)).toBe(2);
    expect((await readTradeoffs(conn, result.id))?.notes).toEqual(['second write']);
  });

  it('answers nothing for an id it does not have', async () => {
    expect(await readTradeoffs(conn, '20990101T000000Z-nope000-0000')).toBeUndefined();
  });

  it('reports a server that does not answer as one line, without throwing', async () => {
    const outcome = await writeTradeoffsToClickHouse({ ...db.cfg, url: 'http://127.0.0.1:1' }, sampleTradeoffs());
    expect(outcome).toMatchObject({ ok: false });
    if (!outcome.ok) expect(outcome.error).toMatch(/^ClickHouse at http:\/\/127\.0\.0\.1:1 is not answering/);
  });
});
