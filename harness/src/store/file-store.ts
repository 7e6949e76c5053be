// The embedded default store: queries over results/<run_id>/ folders. Manifests are cached by
// mtime and size so repeated queries (dashboard, gate) do not re-parse a thousand run.json files.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MEASUREMENTS_DIR, CAPACITY_DIR, RUN_FILE, RUN_ID_PATTERN, runDir } from '../results/layout.ts';
import { readRunDir } from '../results/read-run.ts';
import { Capacity, Measurement, RunManifest, type RunRecord } from '../results/schema.ts';
import { mergeEncodedHistograms } from './merge-histograms.ts';
import { capacityValue, DEFAULT_SERIES_LAST, measurementValue, median } from './series-logic.ts';
import { limitOf, matchesFilter, newestFirst, summarize } from './summary.ts';
import type { MergedHistogramQuery, RunFilter, RunSummary, SeriesPoint, SeriesQuery, StoreReader } from './types.ts';

interface CachedManifest {
  key: string;
  summary: RunSummary;
}

export class FileStore implements StoreReader {
  readonly name = 'file';
  private readonly manifests = new Map<string, CachedManifest>();

  constructor(readonly resultsRoot: string) {}

  /** Every readable run, newest first. Folders without a valid run.json are not runs and are left out. */
  private async allSummaries(): Promise<RunSummary[]> {
    let entries: string[];
    try {
      entries = await readdir(this.resultsRoot);
    } catch {
      return [];
    }
    const ids = entries.filter((e) => RUN_ID_PATTERN.test(e));
    const summaries = await Promise.all(ids.map((id) => this.summaryOf(id)));
    return summaries.filter((s): s is RunSummary => s !== undefined).sort(newestFirst);
  }

  private async summaryOf(runId: string): Promise<RunSummary | undefined> {
    const file = path.join(runDir(this.resultsRoot, runId), RUN_FILE);
    try {
      const st = await stat(file);
      const key = `${st.mtimeMs}:${st.size}`;
      const hit = this.manifests.get(runId);
      if (hit?.key === key) return hit.summary;
      const parsed = RunManifest.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (!parsed.success || parsed.data.run_id !== runId) return undefined;
      const summary = summarize(parsed.data);
      this.manifests.set(runId, { key, summary });
      return summary;
    } catch {
      return undefined;
    }
  }

  async listRuns(filter: RunFilter = {}): Promise<RunSummary[]> {
    const limit = limitOf(filter);
    return (await this.allSummaries()).filter((s) => matchesFilter(s, filter)).slice(0, limit);
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

  /** Reads only the files of one scenario (the file names say which), validated. */
  private async readScenarioFiles<T>(runId: string, dir: string, scenario: string, schema: typeof Measurement | typeof Capacity): Promise<T[]> {
    const folder = path.join(runDir(this.resultsRoot, runId), dir);
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      return [];
    }
    const wanted = names.filter((n) => n.startsWith(`${scenario}__`) && n.endsWith('.json')).sort();
    const out: T[] = [];
    for (const n of wanted) {
      const parsed = schema.safeParse(JSON.parse(await readFile(path.join(folder, n), 'utf8')));
      if (parsed.success && parsed.data.scenario === scenario) out.push(parsed.data as T);
    }
    return out;
  }

  async series(q: SeriesQuery): Promise<SeriesPoint[]> {
    const last = q.last ?? DEFAULT_SERIES_LAST;
    const filter: RunFilter = { scenario: q.scenario, limit: last };
    if (q.branch !== undefined) filter.branch = q.branch;
    if (q.processor !== undefined) filter.processor = q.processor;
    const runs = await this.listRuns(filter);
    const points: SeriesPoint[] = [];
    for (const run of [...runs].reverse()) {
      const values = new Map<string, number[]>();
      const push = (processor: string, v: number | undefined) => {
        if (v === undefined || (q.processor !== undefined && processor !== q.processor)) return;
        const list = values.get(processor) ?? [];
        list.push(v);
        values.set(processor, list);
      };
      if (q.metric === 'capacity_events_per_s') {
        for (const c of await this.readScenarioFiles<Capacity>(run.run_id, CAPACITY_DIR, q.scenario, Capacity)) push(c.processor, capacityValue(c));
      } else {
        for (const m of await this.readScenarioFiles<Measurement>(run.run_id, MEASUREMENTS_DIR, q.scenario, Measurement)) push(m.processor, measurementValue(m, q.metric));
      }
      for (const processor of [...values.keys()].sort()) {
        const vs = values.get(processor)!;
        points.push({
          run_id: run.run_id,
          started_at: run.started_at,
          git_sha: run.git_sha,
          git_branch: run.git_branch,
          processor,
          value: median(vs),
          repetitions: vs.length,
        });
      }
    }
    return points;
  }

  async mergedHistogram(q: MergedHistogramQuery): Promise<string | undefined> {
    if (!RUN_ID_PATTERN.test(q.run_id)) return undefined;
    const ms = await this.readScenarioFiles<Measurement>(q.run_id, MEASUREMENTS_DIR, q.scenario, Measurement);
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
  }
}
