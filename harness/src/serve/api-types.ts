// The JSON the dashboard API answers with. The dashboard imports these types (type-only) instead
// of re-typing them, so a change here breaks the app's type check rather than the app at runtime.
import type { Capacity, Interval, Measurement, PhaseResult, RunManifest } from '../results/schema.ts';
import type { MicrobenchRecord, StoredMicrobench } from '../results/microbench-schema.ts';
import type { MicrobenchSummary } from '../store/microbench-types.ts';
import type { TradeoffsResult } from '../results/tradeoffs-schema.ts';
import type { SweepResult } from '../results/sweep-schema.ts';
import type { CurveView } from '../sweep/curve-view.ts';
import type { RunSummary, SeriesMetric, SeriesPoint } from '../store/types.ts';

/** A phase without its encoded histograms: the views draw percentiles, not bytes. */
export type PhaseView = Omit<PhaseResult, 'corrected_hdr' | 'uncorrected_hdr'>;
export type IntervalView = Omit<Interval, 'corrected_hdr'>;
/**
 * A measurement as the views get it. Since result schema v2 it also carries `platform` (the stall
 * recorder's summary and the measure phase's stalls), `tail`, `clean`, `raw_intervals` and
 * `gc_cycles`, which the tail view, the latency chart's bands and the Overview's clean p99 draw;
 * in runs written before them the fields are absent (not null), and the views say so.
 */
export type MeasurementView = Omit<Measurement, 'phases' | 'intervals'> & { phases: PhaseView[]; intervals: IntervalView[] };

/** A run as the views need it: everything except the encoded histograms (those come from /api/histogram). */
export interface RunView {
  manifest: RunManifest;
  measurements: MeasurementView[];
  capacity: Capacity[];
}

export interface RunsResponse {
  runs: RunSummary[];
}

export interface RunResponse {
  run: RunView;
}

/** The newest run, or null for an empty store. */
export interface LatestResponse {
  run: RunView | null;
}

export interface SeriesResponse {
  metric: SeriesMetric;
  scenario: string;
  points: SeriesPoint[];
}

/** One point of a percentile spectrum: the latency at or below which `percentile` % of requests completed. */
export interface SpectrumPoint {
  percentile: number;
  value_us: number;
}

export interface HistogramResponse {
  run_id: string;
  scenario: string;
  processor: string;
  which: 'corrected' | 'uncorrected';
  /** Requests in the merged measure-phase histogram of all repetitions. */
  count: number;
  points: SpectrumPoint[];
}

export interface CompareResponse {
  a: RunView;
  b: RunView;
}

export type ClaimVerdictKind = 'supported' | 'refuted' | 'inconclusive';

/**
 * One declared claim and what the run says about it (produced by `harness claims`, which leaves
 * claims.json in the run folder). Numbers are null when there was nothing to estimate from.
 */
export interface ClaimVerdict {
  /** What is claimed, in words. */
  claim: string;
  measured: number | null;
  ci_low: number | null;
  ci_high: number | null;
  verdict: ClaimVerdictKind;
  claim_id?: string;
  /** The scenario the verdict is about; null when the claim pools every scenario. */
  scenario?: string | null;
  /** e.g. "ratio", "share", "events/s per core". */
  unit?: string;
  reasons?: string[];
  /** Repetitions the verdict rests on. */
  n?: number;
}

export type ClaimsResponse =
  | { state: 'not-evaluated'; run_id: string; hint: string }
  | { state: 'evaluated'; run_id: string; title?: string; verdicts: ClaimVerdict[] };

export interface MicrobenchListResponse {
  results: MicrobenchSummary[];
}

/** A record without its samples: the in-process view draws medians and intervals, not samples. */
export type MicrobenchRecordView = Omit<MicrobenchRecord, 'samples_ns'>;
export type MicrobenchView = Omit<StoredMicrobench, 'results'> & { results: MicrobenchRecordView[] };

export interface MicrobenchResponse {
  result: MicrobenchView;
}
/** `harness tradeoffs` results: none yet (with the command to run), or one run's result. */
export type TradeoffsResponse = { state: 'none'; hint: string } | { state: 'measured'; result: TradeoffsResult };

/** Every non-2xx answer. `parameter` names the query parameter that was rejected, when one was. */
export interface ApiError {
  error: string;
  parameter?: string;
}

/** One processor's sustainable throughput in a sweep's summary. */
export interface SweepSustainableView {
  scenario: string;
  processor: string;
  rate_per_s: number;
  events_per_s: number;
  events_per_s_per_core: number;
  /** The driver limited the search first: the processor sustains at least this. */
  lower_bound: boolean;
  confirmed: boolean;
}

/** A sweep in the list: when, what and each processor's sustainable throughput. */
export interface SweepSummary {
  id: string;
  started_at: string;
  git_sha: string;
  git_branch: string;
  scenarios: string[];
  sustainable: SweepSustainableView[];
}

/** `harness sweep` results, newest first. */
export interface SweepsResponse {
  sweeps: SweepSummary[];
}

/** One sweep as the "latency against load" view draws it. */
export interface SweepResponse {
  sweep: {
    id: string;
    status: SweepResult['status'];
    started_at: string;
    finished_at: string | null;
    git_sha: string;
    hostname: string;
    settings: SweepResult['settings'];
    notes: string[];
    views: CurveView[];
  };
}
