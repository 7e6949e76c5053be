// Micro-benchmark results through the real ClickHouse server: pushed, read back equal to the
// files, listed like the file store lists them, and pushed again without duplicates.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MicrobenchFileStore } from '../microbench-file-store.ts';
import { syntheticMicrobench } from '../microbench-fixtures.ts';
import { ClickHouseMicrobench } from './clickhouse-microbench.ts';
import { connect, type Connection } from './connection.ts';
import { pushMicrobench } from './microbench-push.ts';
import { sql } from './sql-values.ts';
import { serverSkipReason, throwawayDatabase, type ThrowawayDatabase } from './test-server.ts';

const skip = await serverSkipReason();

describe.skipIf(skip !== undefined)(`microbench in ClickHouse${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let db: ThrowawayDatabase;
  let conn: Connection;
  let root: string;
  let files: MicrobenchFileStore;
  const a = syntheticMicrobench('20261201T090000Z-abc1234-0001', '2026-12-01T09:00:00Z');
  const b = syntheticMicrobench('20261201T100000Z-abc1234-0002', '2026-12-01T10:00:00Z', { smoke: true, withSources: false });

  beforeAll(async () => {
    db = await throwawayDatabase('harness_microbench');
    conn = connect(db.cfg);
    root = await mkdtemp(path.join(os.tmpdir(), 'microbench-ch-'));
    files = new MicrobenchFileStore(root);
    await files.write(a);
    await files.write(b);
  });
  afterAll(async () => {
    await conn?.close();
    await db?.drop();
    await rm(root, { recursive: true, force: true });
  });

  it('pushes every record, then finds the results already there', async () => {
    const first = await pushMicrobench(db.cfg, [a, b]);
    expect(first).toEqual({ pushed: [a.id, b.id], skipped: [], rows: 6 });
    const second = await pushMicrobench(db.cfg, [a, b]);
    expect(second).toEqual({ pushed: [], skipped: [a.id, b.id], rows: 0 });
  });

  it('keeps one copy of each record when forced to push again', async () => {
    await pushMicrobench(db.cfg, [a], { force: true });
    const [row] = await conn.query<{ c: string }>(sql`SELECT count() AS c FROM microbench FINAL WHERE id = ${a.id}`);
    expect(Number(row!.c)).toBe(3);
  });

  it('reads a result back exactly as the file store does', async () => {
    const ch = await ClickHouseMicrobench.open(db.cfg);
    try {
      expect(await ch.getMicrobench(a.id)).toEqual(await files.getMicrobench(a.id));
      expect(await ch.getMicrobench(b.id)).toEqual(b);
      expect(await ch.getMicrobench('no-such')).toBeUndefined();
    } finally {
      await ch.close();
    }
  });

  it('lists results as the file store does', async () => {
    const ch = await ClickHouseMicrobench.open(db.cfg);
    try {
      expect(await ch.listMicrobench()).toEqual(await files.listMicrobench());
      expect(await ch.listMicrobench(1)).toEqual(await files.listMicrobench(1));
    } finally {
      await ch.close();
    }
  });
});
