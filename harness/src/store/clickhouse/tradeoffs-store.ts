// Trade-offs runs in ClickHouse: written once per run by `harness tradeoffs` (when a server is
// configured), read back for report and the dashboard. Idempotent like every other table: a
// second write of the same run replaces the first (ReplacingMergeTree, read with FINAL).
import type { TradeoffsResult } from '../../results/tradeoffs-schema.ts';
import type { ClickHouseConfig } from '../config.ts';
import { connect, describeError, nextVersion, type Connection } from './connection.ts';
import { assertMigrated } from './migrate.ts';
import { sql, type Sql } from './sql-values.ts';
import { tradeoffsFromRows, tradeoffsRows } from './tradeoffs-rows.ts';

export function tradeoffsRunSql(id: string): Sql {
  return sql`SELECT position, processor_json, run_json FROM tradeoffs FINAL WHERE tradeoffs_id = ${id} ORDER BY position`;
}

export function latestTradeoffsIdSql(): Sql {
  return sql`SELECT tradeoffs_id FROM (SELECT tradeoffs_id, started_ms FROM tradeoffs FINAL) ORDER BY started_ms DESC, tradeoffs_id DESC LIMIT 1`;
}

export async function insertTradeoffs(conn: Connection, result: TradeoffsResult): Promise<number> {
  const rows = tradeoffsRows(result, nextVersion());
  await conn.insert('tradeoffs', rows);
  return rows.length;
}

/** Writes one run; a failure comes back as one line (credentials redacted), never thrown. */
export async function writeTradeoffsToClickHouse(cfg: ClickHouseConfig, result: TradeoffsResult): Promise<{ ok: true; rows: number } | { ok: false; error: string }> {
  const conn = connect(cfg, { request_timeout_ms: 10_000 });
  try {
    await conn.ping();
    await assertMigrated(conn);
    return { ok: true, rows: await insertTradeoffs(conn, result) };
  } catch (err) {
    return { ok: false, error: describeError(err, cfg).message };
  } finally {
    await conn.close();
  }
}

/** One run by id, or the newest with "latest"; undefined when there is none. */
export async function readTradeoffs(conn: Connection, ref: string): Promise<TradeoffsResult | undefined> {
  let id = ref;
  if (ref === 'latest') {
    const newest = await conn.query<{ tradeoffs_id: string }>(latestTradeoffsIdSql());
    if (newest.length === 0) return undefined;
    id = newest[0]!.tradeoffs_id;
  }
  return tradeoffsFromRows(await conn.query<{ position: number; processor_json: string; run_json: string }>(tradeoffsRunSql(id)));
}
