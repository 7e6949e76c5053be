import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunDir } from '../../results/read-run.ts';
import type { RunManifest } from '../../results/schema.ts';
import { syntheticRun } from '../../results/synthetic.ts';
import { FileSink } from '../file-sink.ts';
import { SinkSet } from '../sink-set.ts';
import { ClickHouseSink } from './clickhouse-sink.ts';
import { connect, type Connection } from './connection.ts';
import { countRunRowsSql } from './queries.ts';
import { sql } from './sql-values.ts';
import { startProxy } from './tcp-proxy.ts';
import { serverSkipReason, throwawayDatabase, type ThrowawayDatabase } from './test-server.ts';

const skip = await serverSkipReason();
const running = (m: RunManifest): RunManifest => ({ ...m, status: 'running', finished_at: null });

describe.skipIf(skip !== undefined)(`ClickHouse sink${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let db: ThrowawayDatabase;
  let conn: Connection;
  let root: string;
  const rows = async (table: 'runs' | 'measurements', runId: string) => Number((await conn.query<{ rows: string }>(countRunRowsSql(table, runId)))[0]?.rows);

  beforeAll(async () => {
    db = await throwawayDatabase('harness_sink');
    conn = connect(db.cfg);
    root = await mkdtemp(path.join(os.tmpdir(), 'sink-'));
  });
  afterAll(async () => {
    await conn?.close();
    await db?.drop();
    await rm(root, { recursive: true, force: true });
  });

  it('writes the whole run, flushing on its timer before stop', async () => {
    const run = syntheticRun({ seed: 31, run_id: 'sink-ok', samples_per_phase: 30 });
    const sink = new ClickHouseSink(db.cfg, { flushIntervalMs: 50 });
    await sink.start(running(run.manifest));
    sink.addMeasurement(run.measurements[0]!);
    await expect.poll(() => rows('measurements', 'sink-ok'), { timeout: 5000 }).toBe(2);
    for (const m of run.measurements.slice(1)) sink.addMeasurement(m);
    for (const c of run.capacity) sink.addCapacity(c);
    const outcome = await sink.stop(run.manifest);
    expect(outcome.ok).toBe(true);
    expect(await rows('measurements', 'sink-ok')).toBe(run.measurements.length * 2);
    const [stored] = await conn.query<{ status: string }>(sql`SELECT status FROM runs FINAL WHERE run_id = ${'sink-ok'}`);
    expect(stored?.status).toBe('complete');
  });

  it('with the server down at start: one line on stderr, the run goes to files, the manifest notes it', async () => {
    const run = syntheticRun({ seed: 32, run_id: 'sink-down', samples_per_phase: 20 });
    const lines: string[] = [];
    const set = new SinkSet(new FileSink(root), [new ClickHouseSink({ ...db.cfg, url: 'http://127.0.0.1:1' })], { warn: (l) => lines.push(l) });
    await set.start(running(run.manifest));
    for (const m of run.measurements) set.addMeasurement(m);
    const outcome = await set.stop(run.manifest);
    expect(outcome.ok).toBe(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^clickhouse: not writing this run \(ClickHouse at http:\/\/127\.0\.0\.1:1 is not answering/);
    const back = await readRunDir(path.join(root, 'sink-down'));
    expect(back.measurements).toHaveLength(run.measurements.length);
    expect(back.manifest.notes).toContain(lines[0]);
  });

  it('failing mid-write: the run completes on disk and says so', async () => {
    const run = syntheticRun({ seed: 33, run_id: 'sink-cut', samples_per_phase: 20 });
    const proxy = await startProxy(new URL(db.cfg.url));
    const lines: string[] = [];
    const set = new SinkSet(new FileSink(root), [new ClickHouseSink({ ...db.cfg, url: proxy.url }, { flushIntervalMs: 60_000 })], { warn: (l) => lines.push(l) });
    await set.start(running(run.manifest));
    await proxy.close(); // the server goes away after the run started
    for (const m of run.measurements) set.addMeasurement(m);
    const outcome = await set.stop(run.manifest);
    expect(outcome.ok).toBe(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^clickhouse: write failed after \d+ rows .*the run is complete on disk, push it with `harness push sink-cut`/);
    const back = await readRunDir(path.join(root, 'sink-cut'));
    expect(back.measurements).toHaveLength(run.measurements.length);
    expect(back.manifest.notes).toContain(lines[0]);
  });

  it('never throws from add, even before start or after a failure', () => {
    const run = syntheticRun({ seed: 34, samples_per_phase: 20 });
    const sink = new ClickHouseSink(db.cfg);
    expect(() => sink.addMeasurement(run.measurements[0]!)).not.toThrow();
    expect(() => sink.addCapacity(run.capacity[0]!)).not.toThrow();
  });
});
