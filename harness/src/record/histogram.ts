// HDR histograms of latency in integer microseconds (1 µs … 1 h, 3 significant digits), built from
// the driver's records. hdr-histogram-js runs in WebAssembly mode (~4× faster recording); wasm
// memory is not garbage-collected, so every histogram must be destroy()ed by its owner.
import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import { hasResponse, Phase, type OpenLoopRecords, type PhaseName } from '../drive/records.ts';

export type { Histogram };

export const LOWEST_US = 1;
export const HIGHEST_US = 3_600_000_000;
export const SIGNIFICANT_DIGITS = 3;

let wasmReady = false;
function ensureWasm(): void {
  if (!wasmReady) {
    hdr.initWebAssemblySync();
    wasmReady = true;
  }
}

export function newHistogram(): Histogram {
  ensureWasm();
  return hdr.build({
    useWebAssembly: true,
    lowestDiscernibleValue: LOWEST_US,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: SIGNIFICANT_DIGITS,
    autoResize: false,
  });
}

/** Records a latency in µs: floored to an integer, clamped into the trackable range. */
export function recordUs(h: Histogram, value_us: number): void {
  h.recordValue(Math.min(HIGHEST_US, Math.max(0, Math.floor(value_us))));
}

export interface LatencyHistograms {
  /** done − intended: what a user arriving on schedule experienced (queueing included). */
  corrected: Histogram;
  /** done − sent: service time as seen on the wire; hides stalls (coordinated omission). */
  uncorrected: Histogram;
}

export interface RecordFilter {
  /** Only this phase; both when undefined. */
  phase?: PhaseName;
  /** Only this pool kind label. */
  kind?: number;
}

function matches(r: OpenLoopRecords, i: number, f: RecordFilter): boolean {
  if (f.phase !== undefined && r.phase[i] !== Phase[f.phase]) return false;
  if (f.kind !== undefined && r.kind[i] !== f.kind) return false;
  return hasResponse(r, i);
}

/** Corrected and uncorrected histograms of every request that got a response (errors are counted elsewhere). */
export function histogramsFromRecords(r: OpenLoopRecords, filter: RecordFilter = {}): LatencyHistograms {
  const corrected = newHistogram();
  const uncorrected = newHistogram();
  for (let i = 0; i < r.count; i++) {
    if (!matches(r, i, filter)) continue;
    const done = r.done_ns[i]!;
    recordUs(corrected, (done - r.intended_ns[i]!) / 1000);
    recordUs(uncorrected, (done - r.sent_ns[i]!) / 1000);
  }
  return { corrected, uncorrected };
}

export interface IntervalHistograms extends LatencyHistograms {
  /** Interval start, seconds after t0 (by intended time). */
  start_s: number;
  /** Requests scheduled in the interval (with or without a response). */
  scheduled: number;
}

/** One pair of histograms per interval of intended time (default 1 s), in order, empty intervals included. */
export function intervalHistograms(r: OpenLoopRecords, interval_s = 1, filter: RecordFilter = {}): IntervalHistograms[] {
  if (!(interval_s > 0)) throw new Error('interval_s must be > 0');
  const out: IntervalHistograms[] = [];
  const interval_ns = interval_s * 1e9;
  for (let i = 0; i < r.count; i++) {
    if (filter.phase !== undefined && r.phase[i] !== Phase[filter.phase]) continue;
    if (filter.kind !== undefined && r.kind[i] !== filter.kind) continue;
    const slot = Math.floor(r.intended_ns[i]! / interval_ns);
    while (out.length <= slot) out.push({ start_s: out.length * interval_s, scheduled: 0, corrected: newHistogram(), uncorrected: newHistogram() });
    const bucket = out[slot]!;
    bucket.scheduled++;
    if (!hasResponse(r, i)) continue;
    recordUs(bucket.corrected, (r.done_ns[i]! - r.intended_ns[i]!) / 1000);
    recordUs(bucket.uncorrected, (r.done_ns[i]! - r.sent_ns[i]!) / 1000);
  }
  // Intervals before the first selected record (e.g. warmup when only measure is asked for) carry nothing.
  const first = out.findIndex((b) => b.scheduled > 0);
  for (const b of out.slice(0, Math.max(0, first))) destroyHistograms(b);
  return first < 0 ? [] : out.slice(first);
}

export interface PercentilesUs {
  count: number;
  mean_us: number;
  p50_us: number;
  p90_us: number;
  p99_us: number;
  p99_9_us: number;
  p99_99_us: number;
  max_us: number;
}

/**
 * Percentiles as HDR reports them: the highest value equivalent to the bucket (within 0.1 %).
 * max_us is taken the same way, not from the exact recorded maximum, so a histogram decoded
 * from storage gives the same figures as the live one.
 */
export function percentiles(h: Histogram): PercentilesUs {
  const empty = h.totalCount === 0;
  return {
    count: h.totalCount,
    mean_us: empty ? 0 : h.mean,
    p50_us: h.getValueAtPercentile(50),
    p90_us: h.getValueAtPercentile(90),
    p99_us: h.getValueAtPercentile(99),
    p99_9_us: h.getValueAtPercentile(99.9),
    p99_99_us: h.getValueAtPercentile(99.99),
    max_us: empty ? 0 : h.getValueAtPercentile(100),
  };
}

/** HdrHistogram V2 compressed, base64: the unit of record. */
export function encodeHistogram(h: Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

export function decodeHistogram(encoded: string): Histogram {
  ensureWasm();
  return hdr.decodeFromCompressedBase64(encoded, 32, true);
}

/** A new histogram holding every value of the inputs (percentiles are never averaged, histograms are merged). */
export function mergeHistograms(hs: readonly Histogram[]): Histogram {
  const out = newHistogram();
  for (const h of hs) out.add(h);
  return out;
}

export function destroyHistograms(...groups: Array<Histogram | LatencyHistograms>): void {
  for (const g of groups) {
    if ('corrected' in g) {
      g.corrected.destroy();
      g.uncorrected.destroy();
    } else {
      g.destroy();
    }
  }
}
