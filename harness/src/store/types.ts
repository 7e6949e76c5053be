// The store interface: one way in (sinks, written during a run) and one way out (queries, used by
// report, compare, gate, claims and the dashboard). Two implementations: the file store under
// results/ (the embedded default) and ClickHouse (the shared store). One contract test suite runs
// against both.
import type { Capacity, Measurement, RunManifest, RunRecord, RunStatus } from '../results/schema.ts';

/** A sink receives a run as it happens. `add*` never blocks the measurement: it queues. */
export interface Sink {
  readonly name: string;
  start(manifest: RunManifest): Promise<void>;
  addMeasurement(m: Measurement): void;
  addCapacity(c: Capacity): void;
  /** Flush and close; `manifest` is the final one (status complete/incomplete/failed). */
  stop(manifest: RunManifest): Promise<SinkOutcome>;
  /**
   * The last resort when the process must exit now (a second Ctrl-C, an uncaught error): write,
   * synchronously, what can be written locally, ending with the final manifest. Only the file sink
   * does anything; a shared store gets the run later with `harness push`.
   */
  stopNow?(manifest: RunManifest): void;
}

export type SinkOutcome =
  | { ok: true; written: number }
  | { ok: false; written: number; error: string };

/** A short row per run, for lists and trends. */
export interface RunSummary {
  run_id: string;
  started_at: string;
  status: RunStatus;
  profile: string;
  git_sha: string;
  git_branch: string;
  git_dirty: boolean;
  scenarios: string[];
  processors: string[];
}

export interface RunFilter {
  branch?: string;
  scenario?: string;
  processor?: string;
  /** ISO times, inclusive. */
  since?: string;
  until?: string;
  status?: RunStatus;
  /** Newest first; default 100. */
  limit?: number;
}

/** The metrics a series can be drawn for (all from the measure phase). */
export type SeriesMetric =
  | 'p50_us' | 'p90_us' | 'p99_us' | 'p999_us' | 'max_us'
  | 'achieved_rate_per_s' | 'events_per_s'
  | 'peak_rss_bytes' | 'steady_rss_bytes' | 'cpu_s_per_million_events'
  | 'pause_total_us' | 'capacity_events_per_s';

export interface SeriesPoint {
  run_id: string;
  started_at: string;
  git_sha: string;
  git_branch: string;
  processor: string;
  /** Median over the run's repetitions (for capacity: the one value). */
  value: number;
  repetitions: number;
}

export interface SeriesQuery {
  metric: SeriesMetric;
  scenario: string;
  processor?: string;
  branch?: string;
  /** The last N runs that have this scenario; default 100. */
  last?: number;
}

export interface MergedHistogramQuery {
  run_id: string;
  scenario: string;
  processor: string;
  which: 'corrected' | 'uncorrected';
}

/** Read side. Every method resolves to undefined / [] when there is nothing, never throws for "not found". */
export interface StoreReader {
  readonly name: string;
  listRuns(filter?: RunFilter): Promise<RunSummary[]>;
  getRun(runId: string): Promise<RunRecord | undefined>;
  latestRun(filter?: RunFilter): Promise<RunRecord | undefined>;
  /** Oldest run first (ties: run id ascending), then processor name; ok measurements of the measure phase only. */
  series(query: SeriesQuery): Promise<SeriesPoint[]>;
  /** Measure-phase histograms of all ok repetitions (and agents) merged (never averaged percentiles), encoded V2 base64. */
  mergedHistogram(query: MergedHistogramQuery): Promise<string | undefined>;
  close(): Promise<void>;
}
