// Every query text the ClickHouse store sends, built with client-side binding (sql-values.ts).
// Written in the subset ClickHouse 18.16 and current releases both accept; the chDB test runs
// each of them on a current engine. Non-key filters sit outside the FINAL subquery, so an old
// version of a row can never match a filter its newest version fails. Filters on sorting-key
// columns (run_id, scenario, processor, phase) go in PREWHERE: rows of different keys never
// replace each other, so filtering them before FINAL gives the same rows, and the server then reads
// the wide columns (encoded histograms) only for the granules holding the run instead of every
// granule the primary key range touches (getRun on measurements: ~190 ms → ~40 ms on 18.16).
import type { MergedHistogramQuery, RunFilter, SeriesMetric } from '../types.ts';
import { ident, join, list, Sql, sql } from './sql-values.ts';

export const RUN_TABLES = ['runs', 'measurements', 'capacity', 'intervals', 'resource_samples', 'runtime_pauses', 'measurement_details'] as const;
export type RunTable = (typeof RUN_TABLES)[number];

const ORDER_KEYS: Record<RunTable, string> = {
  runs: 'run_id',
  measurements: 'scenario, processor, repetition, agent, phase_index',
  capacity: 'scenario, processor',
  intervals: 'scenario, processor, repetition, agent, seq',
  resource_samples: 'scenario, processor, repetition, agent, seq',
  runtime_pauses: 'scenario, processor, repetition, agent, seq',
  measurement_details: 'scenario, processor, repetition, agent',
};

function timeBound(iso: string, label: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`${label} is not an ISO time: ${JSON.stringify(iso)}`);
  return ms;
}

function runFilterSql(f: RunFilter): Sql {
  const where: Sql[] = [sql`1 = 1`];
  if (f.branch !== undefined) where.push(sql`git_branch = ${f.branch}`);
  if (f.scenario !== undefined) where.push(sql`has(scenarios, ${f.scenario})`);
  if (f.processor !== undefined) where.push(sql`has(processors, ${f.processor})`);
  if (f.status !== undefined) where.push(sql`status = ${f.status}`);
  if (f.since !== undefined) where.push(sql`started_ms >= ${timeBound(f.since, 'since')}`);
  if (f.until !== undefined) where.push(sql`started_ms <= ${timeBound(f.until, 'until')}`);
  return join(where, ' AND ');
}

export function listRunsSql(f: RunFilter, limit: number): Sql {
  return sql`SELECT run_id, started_at, status, profile, git_sha, git_branch, git_dirty, scenarios, processors
FROM (SELECT run_id, started_at, started_ms, status, profile, git_sha, git_branch, git_dirty, scenarios, processors FROM runs FINAL)
WHERE ${runFilterSql(f)}
ORDER BY started_ms DESC, run_id DESC
LIMIT ${limit}`;
}

/** The ids listRunsSql would return, as a subquery for IN. */
export function runIdsSql(f: RunFilter, limit: number): Sql {
  return sql`SELECT run_id FROM (SELECT run_id, started_ms, status, git_branch, scenarios, processors FROM runs FINAL)
WHERE ${runFilterSql(f)}
ORDER BY started_ms DESC, run_id DESC
LIMIT ${limit}`;
}

/**
 * The per-measurement series tables, fetched as one row per measurement holding one array per
 * column (far less to send and parse than a row per sample, and cheaper for the server to format
 * than an array of tuples). The arrays of one row are aligned: every groupArray of a query sees the
 * group's rows in the same order. `seq` comes first and gives the order within the measurement.
 */
export const SERIES_TABLE_COLUMNS = {
  intervals: ['seq', 't_s', 'phase', 'requests', 'errors', 'p50_us', 'p99_us', 'max_us', 'corrected_hdr'],
  resource_samples: ['seq', 't_s', 'rss_bytes', 'cpu_s'],
  runtime_pauses: ['seq', 'start_s', 'duration_us', 'kind'],
} as const;
export type SeriesTable = keyof typeof SERIES_TABLE_COLUMNS;

export const isSeriesTable = (t: RunTable): t is SeriesTable => t === 'intervals' || t === 'resource_samples' || t === 'runtime_pauses';

/**
 * All rows of one run in one table, in the record's order; series tables one row per measurement
 * with a column `items_<name>` (an array) per SERIES_TABLE_COLUMNS entry. The runs table gives
 * only what a record is rebuilt from (run_id, manifest_json).
 */
export function runTableSql(table: RunTable, runId: string): Sql {
  if (isSeriesTable(table)) {
    const names = SERIES_TABLE_COLUMNS[table];
    const cols = join(names.map((c) => ident(c)), ', ');
    const arrays = join(names.map((c) => sql`groupArray(${ident(c)}) AS ${ident(`items_${c}`)}`), ', ');
    return sql`SELECT scenario, processor, repetition, agent, ${arrays}
FROM (SELECT scenario, processor, repetition, agent, ${cols} FROM ${ident(table)} FINAL PREWHERE run_id = ${runId})
GROUP BY scenario, processor, repetition, agent
ORDER BY scenario, processor, repetition, agent`;
  }
  if (table === 'runs') return sql`SELECT run_id, manifest_json FROM runs FINAL PREWHERE run_id = ${runId}`;
  return sql`SELECT * FROM ${ident(table)} FINAL PREWHERE run_id = ${runId} ORDER BY ${sqlOrder(table)}`;
}

function sqlOrder(table: RunTable): Sql {
  return sql`${ident('run_id')}${orderTail(table)}`;
}

function orderTail(table: RunTable): Sql {
  const cols = ORDER_KEYS[table] === 'run_id' ? [] : ORDER_KEYS[table].split(', ');
  return join(cols.map((c) => sql`, ${ident(c)}`), '');
}

/** Rows of one run per table (after FINAL): what push checks and the push-twice test counts. */
export function countRunRowsSql(table: RunTable, runId: string): Sql {
  return sql`SELECT count() AS rows FROM ${ident(table)} FINAL PREWHERE run_id = ${runId}`;
}

interface MetricColumn {
  column: string;
  /** Extra condition on the inner row (resources/runtime present). */
  when: 'always' | 'resources' | 'runtime';
}

const METRIC_COLUMNS: Record<Exclude<SeriesMetric, 'capacity_events_per_s'>, MetricColumn> = {
  p50_us: { column: 'p50_us', when: 'always' },
  p90_us: { column: 'p90_us', when: 'always' },
  p99_us: { column: 'p99_us', when: 'always' },
  p999_us: { column: 'p999_us', when: 'always' },
  max_us: { column: 'max_us', when: 'always' },
  achieved_rate_per_s: { column: 'achieved_rate_per_s', when: 'always' },
  events_per_s: { column: 'events_per_s', when: 'always' },
  peak_rss_bytes: { column: 'peak_rss_bytes', when: 'resources' },
  steady_rss_bytes: { column: 'steady_rss_bytes', when: 'resources' },
  cpu_s_per_million_events: { column: 'cpu_s_per_million_events', when: 'resources' },
  pause_total_us: { column: 'pause_total_us', when: 'runtime' },
};

/** One row per (run, processor): the metric's values over the ok repetitions of the measure phase. */
export function seriesValuesSql(metric: SeriesMetric, scenario: string, runs: Sql | readonly string[], processor?: string): Sql {
  const inRuns = runs instanceof Sql ? sql`(${runs})` : list(runs as readonly string[]);
  const procCond = processor === undefined ? sql`` : sql` AND processor = ${processor}`;
  if (metric === 'capacity_events_per_s') {
    return sql`SELECT run_id, processor, groupArray(events_per_s) AS metric_values
FROM (SELECT run_id, processor, status, events_per_s FROM capacity FINAL PREWHERE run_id IN ${inRuns} AND scenario = ${scenario}${procCond})
WHERE status = 'ok'
GROUP BY run_id, processor`;
  }
  const m = METRIC_COLUMNS[metric];
  const when = m.when === 'resources' ? sql` AND has_resources = 1` : m.when === 'runtime' ? sql` AND has_runtime = 1` : sql``;
  return sql`SELECT run_id, processor, groupArray(metric_value) AS metric_values
FROM (SELECT run_id, processor, status, has_resources, has_runtime, ${ident(m.column)} AS metric_value FROM measurements FINAL
      PREWHERE run_id IN ${inRuns} AND scenario = ${scenario} AND phase = 'measure'${procCond})
WHERE status = 'ok'${when} AND isNotNull(metric_value)
GROUP BY run_id, processor`;
}

export function measureHistogramsSql(q: MergedHistogramQuery): Sql {
  const column = ident(q.which === 'corrected' ? 'corrected_hdr' : 'uncorrected_hdr');
  return sql`SELECT hdr FROM (SELECT status, repetition, agent, ${column} AS hdr FROM measurements FINAL
      PREWHERE run_id = ${q.run_id} AND scenario = ${q.scenario} AND processor = ${q.processor} AND phase = 'measure')
WHERE status = 'ok'
ORDER BY repetition, agent`;
}

/**
 * The stored manifest of each run. The runs row is written last (by push and by the sink's stop), so a
 * stored manifest equal to the file's means every row of that run arrived: push skips it.
 */
export function storedManifestsSql(runIds?: readonly string[]): Sql {
  const where = runIds === undefined ? sql`` : sql` WHERE run_id IN ${list(runIds)}`;
  return sql`SELECT run_id, manifest_json FROM runs FINAL${where}`;
}
