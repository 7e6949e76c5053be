// Sweeps in ClickHouse: written at the end of `harness sweep` (when a server is configured) or by
// `harness push --sweeps`, read back for report, claims, compare and the dashboard, and the trend
// of sustainable throughput over sweeps. Idempotent like every other table: a second write of a
// sweep replaces the first (ReplacingMergeTree, read with FINAL), and push skips a sweep whose
// stored copy already equals the file.
import { isDeepStrictEqual } from 'node:util';
import type { SweepResult } from '../../results/sweep-schema.ts';
import type { ClickHouseConfig } from '../config.ts';
import type { SustainablePoint, SustainableQuery } from '../sweep-trend.ts';
import { connect, describeError, nextVersion, type Connection } from './connection.ts';
import { assertMigrated } from './migrate.ts';
import { join, sql, type Sql } from './sql-values.ts';
import { sweepFromRows, sweepRows, type StoredSweepRows } from './sweep-rows.ts';

export const SWEEP_TREND_DEFAULT_LAST = 100;

export function sweepResultsSql(id: string): Sql {
  return sql`SELECT scenario, processor, scenario_position, position, processor_json, scenario_json, run_json FROM sweep_results FINAL WHERE sweep_id = ${id} ORDER BY scenario_position, position`;
}

export function sweepStepsSql(id: string): Sql {
  return sql`SELECT scenario, processor, seq, step_json FROM sweep_steps FINAL WHERE sweep_id = ${id} ORDER BY scenario, processor, seq`;
}

export function latestSweepIdSql(): Sql {
  return sql`SELECT sweep_id FROM (SELECT sweep_id, started_ms FROM sweep_results FINAL) ORDER BY started_ms DESC, sweep_id DESC LIMIT 1`;
}

/** One row per sweep × scenario × processor with a sustainable figure, of the newest `last` sweeps, oldest first. */
export function sustainableTrendSql(q: SustainableQuery): Sql {
  const filters: Sql[] = [sql`sustainable_rate_per_s IS NOT NULL`];
  if (q.scenario !== undefined) filters.push(sql`scenario = ${q.scenario}`);
  if (q.processor !== undefined) filters.push(sql`processor = ${q.processor}`);
  const where = join(filters, ' AND ');
  const last = q.last ?? SWEEP_TREND_DEFAULT_LAST;
  return sql`SELECT sweep_id, started_at, git_sha, git_branch, scenario, processor, sustainable_rate_per_s, sustainable_events_per_s, events_per_s_per_core, lower_bound, confirmed, ended FROM sweep_results FINAL WHERE ${where} AND sweep_id IN (SELECT sweep_id FROM (SELECT sweep_id, max(started_ms) AS newest FROM sweep_results FINAL WHERE ${where} GROUP BY sweep_id ORDER BY newest DESC, sweep_id DESC LIMIT ${last})) ORDER BY started_at, sweep_id, scenario, processor`;
}

export async function insertSweep(conn: Connection, result: SweepResult): Promise<number> {
  const rows = sweepRows(result, nextVersion());
  await conn.insert('sweep_results', rows.sweep_results);
  await conn.insert('sweep_steps', rows.sweep_steps);
  return rows.sweep_results.length + rows.sweep_steps.length;
}

/** One sweep by id, or the newest with "latest"; undefined when there is none. */
export async function readSweep(conn: Connection, ref: string): Promise<SweepResult | undefined> {
  let id = ref;
  if (ref === 'latest') {
    const newest = await conn.query<{ sweep_id: string }>(latestSweepIdSql());
    if (newest.length === 0) return undefined;
    id = newest[0]!.sweep_id;
  }
  const results = await conn.query<StoredSweepRows['results'][number]>(sweepResultsSql(id));
  if (results.length === 0) return undefined;
  const steps = await conn.query<StoredSweepRows['steps'][number]>(sweepStepsSql(id));
  return sweepFromRows({ results, steps });
}

export async function readSustainableTrend(conn: Connection, q: SustainableQuery): Promise<SustainablePoint[]> {
  const rows = await conn.query<Record<string, unknown>>(sustainableTrendSql(q));
  return rows.map((r) => ({
    sweep_id: String(r.sweep_id),
    started_at: String(r.started_at),
    git_sha: String(r.git_sha),
    git_branch: String(r.git_branch),
    scenario: String(r.scenario),
    processor: String(r.processor),
    rate_per_s: Number(r.sustainable_rate_per_s),
    events_per_s: Number(r.sustainable_events_per_s),
    events_per_s_per_core: Number(r.events_per_s_per_core),
    lower_bound: Number(r.lower_bound) === 1,
    confirmed: Number(r.confirmed) === 1,
    ended: String(r.ended),
  }));
}

/** Writes one sweep; a failure comes back as one line (credentials redacted), never thrown. */
export async function writeSweepToClickHouse(cfg: ClickHouseConfig, result: SweepResult): Promise<{ ok: true; rows: number } | { ok: false; error: string }> {
  const conn = connect(cfg, { request_timeout_ms: 30_000 });
  try {
    await conn.ping();
    await assertMigrated(conn);
    return { ok: true, rows: await insertSweep(conn, result) };
  } catch (err) {
    return { ok: false, error: describeError(err, cfg).message };
  } finally {
    await conn.close();
  }
}

export interface SweepPushReport {
  pushed: string[];
  skipped: string[];
  rows: number;
}

/** Pushes sweeps, skipping those whose stored copy already reads back equal (unless forced). Throws ClickHouseError. */
export async function pushSweeps(cfg: ClickHouseConfig, results: readonly SweepResult[], opts: { force?: boolean; log?: (line: string) => void } = {}): Promise<SweepPushReport> {
  const log = opts.log ?? (() => undefined);
  const report: SweepPushReport = { pushed: [], skipped: [], rows: 0 };
  const conn = connect(cfg);
  try {
    await conn.ping();
    await assertMigrated(conn);
    for (const r of results) {
      if (!opts.force && isDeepStrictEqual(await readSweep(conn, r.id), r)) {
        report.skipped.push(r.id);
        log(`sweep ${r.id}: already in ClickHouse`);
        continue;
      }
      const rows = await insertSweep(conn, r);
      report.pushed.push(r.id);
      report.rows += rows;
      log(`sweep ${r.id}: pushed ${rows} rows`);
    }
    return report;
  } finally {
    await conn.close();
  }
}
