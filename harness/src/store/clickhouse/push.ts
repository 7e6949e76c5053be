// Uploads runs from their folders. Idempotent: every row carries a fresh version and the tables
// are ReplacingMergeTree keyed by the row's identity, so a second push replaces the first (reads
// use FINAL). The runs row goes last: it is the commit marker, so a push killed half-way is redone
// in full next time, and a run whose stored manifest equals the file's is already complete.
import { isDeepStrictEqual } from 'node:util';
import type { RunRecord } from '../../results/schema.ts';
import type { Connection } from './connection.ts';
import { nextVersion } from './connection.ts';
import { storedManifestsSql } from './queries.ts';
import { runRows, type RunRows } from './rows.ts';

/** Child tables first, the runs row last. */
const INSERT_ORDER: (keyof RunRows)[] = ['measurements', 'capacity', 'intervals', 'resource_samples', 'runtime_pauses', 'measurement_details', 'runs'];

/** Rows per insert: big enough to be fast, small enough to keep a request well under server limits. */
export const INSERT_BATCH_ROWS = 20_000;

export async function insertRunRows(conn: Connection, rows: RunRows): Promise<number> {
  let written = 0;
  for (const table of INSERT_ORDER) {
    const all = rows[table];
    for (let i = 0; i < all.length; i += INSERT_BATCH_ROWS) {
      const batch = all.slice(i, i + INSERT_BATCH_ROWS);
      await conn.insert(table, batch);
      written += batch.length;
    }
  }
  return written;
}

export async function pushRun(conn: Connection, run: RunRecord): Promise<number> {
  return insertRunRows(conn, runRows(run, nextVersion()));
}

/** Run ids whose stored manifest equals the given one (nothing left to push). */
export async function alreadyPushed(conn: Connection, runs: readonly RunRecord[]): Promise<Set<string>> {
  if (runs.length === 0) return new Set();
  const stored = await conn.query<{ run_id: string; manifest_json: string }>(storedManifestsSql(runs.map((r) => r.manifest.run_id)));
  const byId = new Map(stored.map((s) => [s.run_id, s.manifest_json]));
  const done = new Set<string>();
  for (const r of runs) {
    const json = byId.get(r.manifest.run_id);
    if (json !== undefined && isDeepStrictEqual(JSON.parse(json), r.manifest)) done.add(r.manifest.run_id);
  }
  return done;
}
