import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measurementFile } from '../../results/layout.ts';
import type { RunRecord } from '../../results/schema.ts';
import { syntheticRun } from '../../results/synthetic.ts';
import { writeRunDir } from '../../results/write-run.ts';
import { ClickHouseStore } from './clickhouse-store.ts';
import { ClickHouseError, connect, type Connection } from './connection.ts';
import { countRunRowsSql, RUN_TABLES } from './queries.ts';
import { pushRuns } from './push-runs.ts';
import { runRows } from './rows.ts';
import { startProxy } from './tcp-proxy.ts';
import { serverSkipReason, throwawayDatabase, type ThrowawayDatabase } from './test-server.ts';

const skip = await serverSkipReason();

async function storedCounts(conn: Connection, runId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of RUN_TABLES) out[t] = Number((await conn.query<{ rows: string }>(countRunRowsSql(t, runId)))[0]?.rows);
  return out;
}

function expectedCounts(run: RunRecord): Record<string, number> {
  const rows = runRows(run, 1);
  return Object.fromEntries(RUN_TABLES.map((t) => [t, rows[t].length]));
}

describe.skipIf(skip !== undefined)(`harness push${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let db: ThrowawayDatabase;
  let conn: Connection;
  let root: string;
  const runA = syntheticRun({ seed: 21, run_id: 'push-a', samples_per_phase: 50 });
  const runB = syntheticRun({ seed: 22, run_id: 'push-b', samples_per_phase: 50, repetitions: 5, scenarios: ['ingest', 'reads', 'mixed', 'burst'] });

  beforeAll(async () => {
    db = await throwawayDatabase('harness_push');
    conn = connect(db.cfg);
    root = await mkdtemp(path.join(os.tmpdir(), 'push-'));
    await writeRunDir(path.join(root, 'push-a'), runA);
    await writeRunDir(path.join(root, 'push-b'), runB);
  });
  afterAll(async () => {
    await conn?.close();
    await db?.drop();
    await rm(root, { recursive: true, force: true });
  });

  it('leaves exactly one copy of a run pushed twice', async () => {
    await pushRuns(db.cfg, root, ['push-a']);
    await pushRuns(db.cfg, root, ['push-a'], { force: true });
    expect(await storedCounts(conn, 'push-a')).toEqual(expectedCounts(runA));
  });

  it('skips a run already stored with the same manifest', async () => {
    await pushRuns(db.cfg, root, ['push-a']);
    const report = await pushRuns(db.cfg, root, ['push-a']);
    expect(report.skipped).toEqual(['push-a']);
    expect(report.pushed).toEqual([]);
  });

  it('completes a push cut off mid-write with no duplicates and no gaps', async () => {
    const proxy = await startProxy(new URL(db.cfg.url), { cutAfterBytes: 400_000 });
    try {
      await expect(pushRuns({ ...db.cfg, url: proxy.url }, root, ['push-b'])).rejects.toThrow(ClickHouseError);
    } finally {
      await proxy.close();
    }
    const partial = await storedCounts(conn, 'push-b');
    expect(partial.runs).toBe(0);
    const report = await pushRuns(db.cfg, root, ['push-b']);
    expect(report.pushed.map((p) => p.run_id)).toEqual(['push-b']);
    expect(await storedCounts(conn, 'push-b')).toEqual(expectedCounts(runB));
    const store = new ClickHouseStore(connect(db.cfg));
    try {
      expect((await store.getRun('push-b'))?.measurements).toHaveLength(runB.measurements.length);
    } finally {
      await store.close();
    }
  });

  it('refuses a run folder that fails validation, naming the file and the field', async () => {
    const bad = syntheticRun({ seed: 23, run_id: 'push-bad', samples_per_phase: 20 });
    const dir = path.join(root, 'push-bad');
    await writeRunDir(dir, bad);
    const m = bad.measurements[2]!;
    const file = path.join(dir, measurementFile(m.scenario, m.processor, m.repetition));
    const doc = JSON.parse(await readFile(file, 'utf8'));
    doc.phases[1].corrected.p99_us = 'fast';
    await writeFile(file, JSON.stringify(doc));
    const report = await pushRuns(db.cfg, root, ['push-bad']);
    expect(report.pushed).toEqual([]);
    expect(report.invalid[0]?.error).toContain(file);
    expect(report.invalid[0]?.error).toContain('phases.1.corrected.p99_us');
    expect((await storedCounts(conn, 'push-bad')).measurements).toBe(0);
  });

  it('fails on wrong credentials with one line, no password in it, and no retries', async () => {
    const password = 'Sup3r-Secret-Pw!';
    const proxy = await startProxy(new URL(db.cfg.url));
    try {
      const err = await pushRuns({ ...db.cfg, url: proxy.url, password }, root, ['push-a']).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ClickHouseError);
      expect((err as ClickHouseError).kind).toBe('auth');
      expect((err as Error).message).not.toContain(password);
      expect((err as Error).message).not.toContain('\n');
      // ping answers without credentials on 18.16; the first authenticated query fails and nothing is retried.
      expect(proxy.requests).toBeLessThanOrEqual(2);
    } finally {
      await proxy.close();
    }
  });

  it('fails on a database that does not exist with one line that says so', async () => {
    await expect(pushRuns({ ...db.cfg, database: 'harness_no_such_db' }, root, ['push-a'])).rejects.toThrow(/no database "harness_no_such_db"/);
  });
});
