// The microbench table's queries, in the subset ClickHouse 18.16 and current engines share (the
// chDB test runs them on a current one). The id is the first sorting-key column: PREWHERE on it
// reads only the granules of the results asked for.
import { MICROBENCH_COLUMNS } from './microbench-rows.ts';
import { list, Sql, sql } from './sql-values.ts';

const COLUMNS = new Sql(MICROBENCH_COLUMNS.join(', '));

/** Newest first: one row per result with its record count and the implementations (with their seq, for first-seen order). */
export function listMicrobenchSql(limit: number): Sql {
  return sql`SELECT id, created_at, suite, smoke, git_commit, hostname, count() AS records, groupArray(seq) AS seqs, groupArray(implementation) AS implementations
FROM (SELECT id, created_at, suite, smoke, git_commit, hostname, seq, implementation FROM microbench FINAL)
GROUP BY id, created_at, suite, smoke, git_commit, hostname
ORDER BY created_at DESC, id DESC
LIMIT ${limit}`;
}

/** Every row of the given results (an empty list has no SQL: callers answer "nothing" themselves). */
export function microbenchRowsSql(ids: readonly string[]): Sql {
  return sql`SELECT ${COLUMNS} FROM microbench FINAL PREWHERE id IN ${list(ids)} ORDER BY id, seq`;
}
