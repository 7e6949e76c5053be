// The embedded default store: queries over results/<run_id>/ folders.
//
// Listing: run ids made by newRunId start with their start time to the second
// ("20261126T091500Z-…"), so listRuns and latestRun walk those folder names newest first and read
// only the run.json files that can still be among the answer (a folder name is one readdir; a
// run.json is a stat, plus a parse when it changed). Run ids of any other shape carry no time and
// are always read. Manifests are cached by mtime and size, so a rewritten run.json (running →
// complete) is seen at once, and a new run is a new folder name, seen by the next readdir.
//
// Series: per run, a small index of every series metric (file-series-index.ts), read from
// `series-index.json` (written by the FileSink at stop) or built from the measurement files, and
// kept in memory while the run's measurements/ and capacity/ folders keep their mtimes.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MEASUREMENTS_DIR, RUN_FILE, RUN_ID_PATTERN, runDir } from '../results/layout.ts';
import { effectiveStatus } from '../results/liveness.ts';
import { readRunDir } from '../results/read-run.ts';
import { Measurement, RunManifest, type RunRecord } from '../results/schema.ts';
import { dirStamp, indexValues, readSeriesIndex, seriesIndexFromFiles, type SeriesIndex } from './file-series-index.ts';
import { mergeEncodedHistograms } from './merge-histograms.ts';
import { DEFAULT_SERIES_LAST, seriesPoint } from './series-logic.ts';
import { limitOf, matchesFilter, newestFirst, summarize, timeMs } from './summary.ts';
import type { MergedHistogramQuery, RunFilter, RunSummary, SeriesPoint, SeriesQuery, StoreReader } from './types.ts';

interface CachedManifest {
  key: string;
  summary: RunSummary;
  /** What a `running` run's liveness is decided from, again at every read (its process may die without touching the file). */
  running?: Pick<RunManifest, 'status' | 'started_at' | 'owner'>;
}

interface CachedIndex {
  stamp: string;
  index: SeriesIndex;
}

/** "20261126T091500Z-…" (newRunId): the start time to the second, or undefined for other ids. */
const STAMPED_ID = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-/;

export function runIdTimeMs(runId: string): number | undefined {
  const m = STAMPED_ID.exec(runId);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se] = m.map(Number) as number[];
  const t = Date.UTC(y!, mo! - 1, d!, h!, mi!, se!);
  return Number.isFinite(t) ? t : undefined;
}

/**
 * How much later than its id's stamp a run may have started. The pipeline takes the id's time
 * first and started_at right after (milliseconds apart); an hour of slack costs a few extra
 * run.json reads and keeps the answer exact even for a slow start.
 */
export const STAMP_SLACK_MS = 3_600_000;

/** A cached series index is trusted only when its folders were last changed this long before it was read (see seriesIndexOf). */
const RACY_MS = 2_000;

/** Runs read in parallel by `series`. */
const SERIES_CONCURRENCY = 16;

export class FileStore implements StoreReader {
  readonly name = 'file';
  private readonly manifests = new Map<string, CachedManifest>();
  private readonly seriesIndexes = new Map<string, CachedIndex>();

  constructor(readonly resultsRoot: string) {}

  private async runIds(): Promise<string[]> {
    try {
      return (await readdir(this.resultsRoot)).filter((e) => RUN_ID_PATTERN.test(e));
    } catch {
      return [];
    }
  }

  private async summaryOf(runId: string): Promise<RunSummary | undefined> {
    const file = path.join(runDir(this.resultsRoot, runId), RUN_FILE);
    try {
      const st = await stat(file);
      const key = `${st.mtimeMs}:${st.size}`;
      const hit = this.manifests.get(runId);
      if (hit?.key === key) return hit.running ? { ...hit.summary, status: effectiveStatus(hit.running) } : hit.summary;
      const parsed = RunManifest.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (!parsed.success || parsed.data.run_id !== runId) return undefined;
      const summary = summarize(parsed.data);
      const m = parsed.data;
      this.manifests.set(runId, { key, summary, ...(m.status === 'running' ? { running: { status: m.status, started_at: m.started_at, owner: m.owner } } : {}) });
      return summary;
    } catch {
      this.manifests.delete(runId);
      return undefined;
    }
  }

  private async summariesOf(ids: readonly string[]): Promise<RunSummary[]> {
    return (await Promise.all(ids.map((id) => this.summaryOf(id)))).filter((s): s is RunSummary => s !== undefined);
  }

  /**
   * The newest `limit` runs matching `filter`. Unstamped ids are read first; stamped ones in
   * batches, newest stamp first, until every run not yet read must have started before the
   * limit-th match (its stamp + STAMP_SLACK_MS is no later than that match's start).
   */
  async listRuns(filter: RunFilter = {}): Promise<RunSummary[]> {
    const limit = limitOf(filter);
    if (limit === 0) return [];
    const ids = await this.runIds();
    const stamped: { id: string; t: number }[] = [];
    const unstamped: string[] = [];
    for (const id of ids) {
      const t = runIdTimeMs(id);
      if (t === undefined) unstamped.push(id);
      else stamped.push({ id, t });
    }
    stamped.sort((a, b) => b.t - a.t || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    const read = await this.summariesOf(unstamped);
    let matches = read.filter((s) => matchesFilter(s, filter)).sort(newestFirst);
    let next = 0;
    let batch = Math.max(8, Math.min(limit, 256));
    while (next < stamped.length) {
      const kth = matches[limit - 1];
      if (kth !== undefined && stamped[next]!.t + STAMP_SLACK_MS <= timeMs(kth.started_at)) break;
      const more = await this.summariesOf(stamped.slice(next, next + batch).map((s) => s.id));
      next += batch;
      batch *= 2;
      matches = matches.concat(more.filter((s) => matchesFilter(s, filter))).sort(newestFirst);
    }
    return matches.slice(0, limit);
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    if (!RUN_ID_PATTERN.test(runId)) return undefined;
    if ((await this.summaryOf(runId)) === undefined) return undefined;
    return readRunDir(runDir(this.resultsRoot, runId));
  }

  async latestRun(filter: RunFilter = {}): Promise<RunRecord | undefined> {
    const [first] = await this.listRuns({ ...filter, limit: 1 });
    return first ? this.getRun(first.run_id) : undefined;
  }

  /** Reads only the measurement files of one scenario (the file names say which), validated. */
  private async readScenarioMeasurements(runId: string, scenario: string): Promise<Measurement[]> {
    const folder = path.join(runDir(this.resultsRoot, runId), MEASUREMENTS_DIR);
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      return [];
    }
    const wanted = names.filter((n) => n.startsWith(`${scenario}__`) && n.endsWith('.json')).sort();
    const out: Measurement[] = [];
    for (const n of wanted) {
      const parsed = Measurement.safeParse(JSON.parse(await readFile(path.join(folder, n), 'utf8')));
      if (parsed.success && parsed.data.scenario === scenario) out.push(parsed.data);
    }
    return out;
  }

  /**
   * The run's series index: from memory while its folders are unchanged, else from its
   * series-index.json when that matches the folders, else built from the files. An index is kept
   * in memory only when the folders were last changed RACY_MS before it was read: a file replaced
   * within the same mtime tick as the stamp could otherwise hide behind an unchanged stamp.
   */
  private async seriesIndexOf(runId: string): Promise<SeriesIndex> {
    const dir = runDir(this.resultsRoot, runId);
    const current = await dirStamp(dir);
    const hit = this.seriesIndexes.get(runId);
    if (hit?.stamp === current.stamp) return hit.index;
    const index = (await readSeriesIndex(dir, runId, current)) ?? (await seriesIndexFromFiles(dir));
    if (Date.now() - current.newestMs >= RACY_MS) this.seriesIndexes.set(runId, { stamp: current.stamp, index });
    else this.seriesIndexes.delete(runId);
    return index;
  }

  async series(q: SeriesQuery): Promise<SeriesPoint[]> {
    const last = q.last ?? DEFAULT_SERIES_LAST;
    const filter: RunFilter = { scenario: q.scenario, limit: last };
    if (q.branch !== undefined) filter.branch = q.branch;
    if (q.processor !== undefined) filter.processor = q.processor;
    const runs = [...(await this.listRuns(filter))].reverse();
    const indexes: SeriesIndex[] = new Array(runs.length);
    let cursor = 0;
    const worker = async () => {
      while (cursor < runs.length) {
        const i = cursor++;
        indexes[i] = await this.seriesIndexOf(runs[i]!.run_id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(SERIES_CONCURRENCY, runs.length) }, worker));
    const points: SeriesPoint[] = [];
    runs.forEach((run, i) => {
      const values = indexValues(indexes[i]!, q.metric, q.scenario, q.processor);
      for (const processor of [...values.keys()].sort()) {
        const vs = values.get(processor)!;
        points.push(seriesPoint(run, processor, vs));
      }
    });
    return points;
  }

  async mergedHistogram(q: MergedHistogramQuery): Promise<string | undefined> {
    if (!RUN_ID_PATTERN.test(q.run_id)) return undefined;
    const ms = await this.readScenarioMeasurements(q.run_id, q.scenario);
    const encoded: string[] = [];
    for (const m of ms) {
      if (m.processor !== q.processor || m.status !== 'ok') continue;
      const measure = m.phases.find((p) => p.phase === 'measure');
      if (measure) encoded.push(q.which === 'corrected' ? measure.corrected_hdr : measure.uncorrected_hdr);
    }
    return mergeEncodedHistograms(encoded);
  }

  async close(): Promise<void> {
    this.manifests.clear();
    this.seriesIndexes.clear();
  }
}
