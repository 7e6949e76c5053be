// Per-processor series on the run's clock (seconds from the start of warmup) for the latency-over-
// time and memory-over-time views, downsampled so a long run still draws quickly.
import type { MeasurementView, RunView } from '../../../harness/src/serve/api-types.ts';
import { bandLanes, type BandLanes } from './bands.ts';
import { lttb } from './lttb.ts';

export interface TimePoint {
  t_s: number;
  value: number;
}

export interface TimeSeries {
  processor: string;
  points: TimePoint[];
  /** Points before downsampling, so the view can say it downsampled. */
  raw_count: number;
}

export interface PauseMark {
  processor: string;
  start_s: number;
  duration_us: number;
  kind: string;
}

export interface Timeline {
  series: TimeSeries[];
  pauses: PauseMark[];
  /** Where warmup ends and measurement starts, null when the phases are missing. */
  measure_start_s: number | null;
}

export interface LatencyTimeline extends Timeline {
  /** The axis: from the start of warmup to the end of the longest measurement. */
  span_s: number;
  /** Platform stalls and GC cycles of the same measurements, on the same axis. */
  bands: BandLanes;
}

export const MAX_POINTS_PER_SERIES = 600;

/** The width of the harness's per-second intervals (record/measurement.ts). */
export const INTERVAL_S = 1;

/** The measurements of one repetition of a scenario, in manifest processor order. */
export function pickMeasurements(run: RunView, scenario: string, repetition: number): MeasurementView[] {
  return run.manifest.processors
    .map((p) => run.measurements.find((m) => m.scenario === scenario && m.processor === p.name && m.repetition === repetition))
    .filter((m): m is MeasurementView => m !== undefined);
}

function warmupEnd(ms: MeasurementView[]): number | null {
  const warm = ms.map((m) => m.phases.find((p) => p.phase === 'warmup')?.duration_s).find((d) => d !== undefined);
  return warm ?? null;
}

function series(processor: string, points: TimePoint[], maxPoints: number): TimeSeries {
  const sorted = [...points].sort((a, b) => a.t_s - b.t_s);
  return { processor, points: lttb(sorted, maxPoints, (p) => p.t_s, (p) => p.value), raw_count: sorted.length };
}

function spanOf(ms: MeasurementView[]): number {
  const phases = ms.map((m) => m.phases.reduce((s, p) => s + p.duration_s, 0));
  const intervals = ms.map((m) => m.intervals.reduce((e, i) => Math.max(e, i.t_s + INTERVAL_S), 0));
  return Math.max(0, ...phases, ...intervals);
}

/**
 * Per-second corrected p99 per processor, with that processor's runtime pauses, platform stalls
 * and GC cycles. Each second's p99 is drawn at the middle of its second, so a spike sits over the
 * stall or cycle that caused it rather than up to a second before it.
 */
export function latencyTimeline(run: RunView, scenario: string, repetition: number, maxPoints = MAX_POINTS_PER_SERIES): LatencyTimeline {
  const ms = pickMeasurements(run, scenario, repetition);
  const span_s = spanOf(ms);
  return {
    series: ms.map((m) => series(m.processor, m.intervals.map((i) => ({ t_s: i.t_s + INTERVAL_S / 2, value: i.p99_us })), maxPoints)),
    pauses: ms.flatMap((m) => (m.runtime?.pauses ?? []).map((p) => ({ processor: m.processor, ...p }))),
    measure_start_s: warmupEnd(ms),
    span_s,
    bands: bandLanes(ms, span_s),
  };
}

/** RSS samples per processor (negative t_s: idle, before load). */
export function memoryTimeline(run: RunView, scenario: string, repetition: number, maxPoints = MAX_POINTS_PER_SERIES): Timeline {
  const ms = pickMeasurements(run, scenario, repetition);
  return {
    series: ms.map((m) => series(m.processor, (m.resources?.samples ?? []).map((s) => ({ t_s: s.t_s, value: s.rss_bytes })), maxPoints)),
    pauses: [],
    measure_start_s: warmupEnd(ms),
  };
}

/** The repetitions present for a scenario, for the repetition picker. */
export function repetitionsOf(run: RunView, scenario: string): number[] {
  return [...new Set(run.measurements.filter((m) => m.scenario === scenario).map((m) => m.repetition))].sort((a, b) => a - b);
}
