// `harness push`: run folders → ClickHouse. Each folder is read and validated first (a bad one is
// refused, naming the file and field); runs whose stored manifest already equals the file's are
// skipped, so re-running after an interruption only redoes what did not finish.
import { runDir } from '../../results/layout.ts';
import { readRunDir, ResultFileError } from '../../results/read-run.ts';
import type { RunRecord } from '../../results/schema.ts';
import type { ClickHouseConfig } from '../config.ts';
import { connect, type Connection } from './connection.ts';
import { assertMigrated } from './migrate.ts';
import { alreadyPushed, pushRun } from './push.ts';

export interface PushReport {
  pushed: { run_id: string; rows: number }[];
  skipped: string[];
  invalid: { run_id: string; error: string }[];
}

export interface PushOptions {
  /** Push even when the stored manifest already equals the file's. */
  force?: boolean;
  log?: (line: string) => void;
}

/** How many runs' manifests to compare per query (keeps the IN list small). */
const CHECK_CHUNK = 200;

export async function pushRuns(cfg: ClickHouseConfig, resultsRoot: string, runIds: readonly string[], opts: PushOptions = {}): Promise<PushReport> {
  const log = opts.log ?? (() => undefined);
  const report: PushReport = { pushed: [], skipped: [], invalid: [] };
  const conn: Connection = connect(cfg);
  try {
    await conn.ping();
    await assertMigrated(conn);
    for (let i = 0; i < runIds.length; i += CHECK_CHUNK) {
      const records: RunRecord[] = [];
      for (const id of runIds.slice(i, i + CHECK_CHUNK)) {
        try {
          records.push(await readRunDir(runDir(resultsRoot, id)));
        } catch (err) {
          if (!(err instanceof ResultFileError)) throw err;
          report.invalid.push({ run_id: id, error: err.message });
          log(`refused ${id}: ${err.message}`);
        }
      }
      const done = opts.force ? new Set<string>() : await alreadyPushed(conn, records);
      for (const r of records) {
        const id = r.manifest.run_id;
        if (done.has(id)) {
          report.skipped.push(id);
          log(`${id}: already in ClickHouse`);
          continue;
        }
        const rows = await pushRun(conn, r);
        report.pushed.push({ run_id: id, rows });
        log(`${id}: pushed ${rows} rows`);
      }
    }
    return report;
  } finally {
    await conn.close();
  }
}
