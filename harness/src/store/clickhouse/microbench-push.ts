// Micro-benchmark results → ClickHouse, idempotently: rows carry a fresh version and the table is
// a ReplacingMergeTree keyed by the record, so pushing again replaces. A result whose stored rows
// already read back equal to it is skipped (nothing to do), unless forced.
import { isDeepStrictEqual } from 'node:util';
import type { StoredMicrobench } from '../../results/microbench-schema.ts';
import type { ClickHouseConfig } from '../config.ts';
import { connect, nextVersion, type Connection } from './connection.ts';
import { assertMigrated } from './migrate.ts';
import { microbenchRowsSql } from './microbench-queries.ts';
import { microbenchFromRows, microbenchRows } from './microbench-rows.ts';
import type { Row } from './rows.ts';

export interface MicrobenchPushReport {
  pushed: string[];
  skipped: string[];
  rows: number;
}

/** How many results' rows to read back per query. */
const CHECK_CHUNK = 50;

export async function storedMicrobench(conn: Connection, ids: readonly string[]): Promise<Map<string, StoredMicrobench>> {
  const out = new Map<string, StoredMicrobench>();
  for (let i = 0; i < ids.length; i += CHECK_CHUNK) {
    const rows = await conn.query<Row>(microbenchRowsSql(ids.slice(i, i + CHECK_CHUNK)));
    const byId = new Map<string, Row[]>();
    for (const r of rows) byId.set(String(r.id), [...(byId.get(String(r.id)) ?? []), r]);
    for (const [id, rs] of byId) out.set(id, microbenchFromRows(rs)!);
  }
  return out;
}

export async function pushMicrobench(
  cfg: ClickHouseConfig,
  results: readonly StoredMicrobench[],
  opts: { force?: boolean; log?: (line: string) => void } = {},
): Promise<MicrobenchPushReport> {
  const log = opts.log ?? (() => undefined);
  const report: MicrobenchPushReport = { pushed: [], skipped: [], rows: 0 };
  const conn = connect(cfg);
  try {
    await conn.ping();
    await assertMigrated(conn);
    const stored = opts.force ? new Map<string, StoredMicrobench>() : await storedMicrobench(conn, results.map((r) => r.id));
    for (const r of results) {
      if (isDeepStrictEqual(stored.get(r.id), r)) {
        report.skipped.push(r.id);
        log(`microbench ${r.id}: already in ClickHouse`);
        continue;
      }
      const rows = microbenchRows(r, nextVersion());
      await conn.insert('microbench', rows);
      report.pushed.push(r.id);
      report.rows += rows.length;
      log(`microbench ${r.id}: pushed ${rows.length} rows`);
    }
    return report;
  } finally {
    await conn.close();
  }
}
