// StoreReader over ClickHouse. Same answers as the file store for the same runs: the run-level
// rules (summary, ordering, median, merging) are the shared ones; only the fetching differs.
import { RUN_ID_PATTERN } from '../../results/layout.ts';
import { effectiveStatus } from '../../results/liveness.ts';
import type { RunRecord } from '../../results/schema.ts';
import type { ClickHouseConfig } from '../config.ts';
import { mergeEncodedHistograms } from '../merge-histograms.ts';
import { DEFAULT_SERIES_LAST, seriesPoint } from '../series-logic.ts';
import { limitOf } from '../summary.ts';
import type { MergedHistogramQuery, RunFilter, RunSummary, SeriesPoint, SeriesQuery, StoreReader } from '../types.ts';
import { connectAnswering, type CompactRows, type Connection } from './connection.ts';
import { listRunsSql, measureHistogramsSql, RUN_TABLES, runIdsSql, runTableSql, SERIES_TABLE_COLUMNS, seriesValuesSql, type SeriesTable } from './queries.ts';
import { recordFromRows, type GroupedRow, type Row } from './rows.ts';

interface SummaryRow {
  run_id: string;
  started_at: string;
  status: RunSummary['status'];
  profile: string;
  git_sha: string;
  git_branch: string;
  git_dirty: number | string;
  scenarios: string[];
  processors: string[];
}

function objectsOf({ names, rows }: CompactRows): Row[] {
  return rows.map((r) => {
    const o: Row = {};
    for (let i = 0; i < names.length; i++) o[names[i]!] = r[i];
    return o;
  });
}

export class ClickHouseStore implements StoreReader {
  readonly name = 'clickhouse';

  constructor(private readonly conn: Connection) {}

  static async open(cfg: ClickHouseConfig): Promise<ClickHouseStore> {
    return new ClickHouseStore(await connectAnswering(cfg));
  }

  async listRuns(filter: RunFilter = {}): Promise<RunSummary[]> {
    const limit = limitOf(filter);
    if (limit === 0) return [];
    const rows = await this.conn.query<SummaryRow>(listRunsSql(filter, limit));
    return rows.map((r) => ({
      run_id: r.run_id,
      started_at: r.started_at,
      // No owner in the summary row: a `running` row is judged by its age only (getRun checks the owner).
      status: effectiveStatus({ status: r.status, started_at: r.started_at }),
      profile: r.profile,
      git_sha: r.git_sha,
      git_branch: r.git_branch,
      git_dirty: Number(r.git_dirty) === 1,
      scenarios: r.scenarios,
      processors: r.processors,
    }));
  }

  /**
   * One query per table, all six at once (compact rows, PREWHERE on the run id, series tables as
   * one row of column arrays per measurement; see queries.ts), then the record rebuilt from the rows.
   */
  async getRun(runId: string): Promise<RunRecord | undefined> {
    if (!RUN_ID_PATTERN.test(runId)) return undefined;
    const answers = await Promise.all(RUN_TABLES.map((t) => this.conn.queryCompact(runTableSql(t, runId))));
    const [runs, measurements, capacity, intervals, resource_samples, runtime_pauses, measurement_details] = answers.map(objectsOf);
    const grouped = (rows: Row[], table: SeriesTable): GroupedRow[] => {
      const names = SERIES_TABLE_COLUMNS[table];
      return rows.map((r) => ({
        scenario: r.scenario as string, processor: r.processor as string, repetition: r.repetition as number, agent: r.agent as string,
        columns: names.map((c) => r[`items_${c}`] as unknown[]),
      }));
    };
    const record = recordFromRows({
      runs: runs!, measurements: measurements!, capacity: capacity!,
      intervals: grouped(intervals!, 'intervals'), resource_samples: grouped(resource_samples!, 'resource_samples'), runtime_pauses: grouped(runtime_pauses!, 'runtime_pauses'),
      measurement_details: measurement_details!,
    });
    return record && { ...record, manifest: { ...record.manifest, status: effectiveStatus(record.manifest) } };
  }

  async latestRun(filter: RunFilter = {}): Promise<RunRecord | undefined> {
    const [first] = await this.listRuns({ ...filter, limit: 1 });
    return first ? this.getRun(first.run_id) : undefined;
  }

  async series(q: SeriesQuery): Promise<SeriesPoint[]> {
    const filter: RunFilter = { scenario: q.scenario, limit: q.last ?? DEFAULT_SERIES_LAST };
    if (q.branch !== undefined) filter.branch = q.branch;
    if (q.processor !== undefined) filter.processor = q.processor;
    const limit = limitOf(filter);
    if (limit === 0) return [];
    // The run list and the values go out together: the values query selects its runs with the same filter.
    const [runs, rows] = await Promise.all([
      this.listRuns(filter),
      this.conn.query<{ run_id: string; processor: string; metric_values: (number | string)[] }>(
        seriesValuesSql(q.metric, q.scenario, runIdsSql(filter, limit), q.processor),
      ),
    ]);
    const byRun = new Map<string, { processor: string; values: number[] }[]>();
    for (const r of rows) {
      const list = byRun.get(r.run_id) ?? [];
      list.push({ processor: r.processor, values: r.metric_values.map(Number) });
      byRun.set(r.run_id, list);
    }
    const points: SeriesPoint[] = [];
    for (const run of [...runs].reverse()) {
      for (const { processor, values } of (byRun.get(run.run_id) ?? []).sort((a, b) => (a.processor < b.processor ? -1 : 1))) {
        if (values.length === 0) continue;
        points.push(seriesPoint(run, processor, values));
      }
    }
    return points;
  }

  async mergedHistogram(q: MergedHistogramQuery): Promise<string | undefined> {
    if (!RUN_ID_PATTERN.test(q.run_id)) return undefined;
    const rows = await this.conn.query<{ hdr: string }>(measureHistogramsSql(q));
    return mergeEncodedHistograms(rows.map((r) => r.hdr).filter((h) => h !== ''));
  }

  async close(): Promise<void> {
    await this.conn.close();
  }
}
