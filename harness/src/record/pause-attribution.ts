// Pause attribution: did the slow requests coincide with the runtime's pauses? Each request's
// interval (intended start to end, so a request that waited behind a pause counts) is lined up
// with the processor's pauses on one clock. This is the evidence for or against "no GC pauses"
// that no load tool gives: a tail made of requests that overlapped pauses is the collector's; a
// tail that stays when they are set aside is not.
//
// Clocks: request times are ns after the driver's t0 (monotonic); pauses are reported by the
// processor as wall-clock end times (Unix ns). `t0_unix_ns` (the wall-clock reading taken with
// t0) maps one onto the other. Pass bigints where you have them: a Unix time in ns does not fit a
// double exactly (its spacing near 2026 is 256 ns), and the subtraction is done in bigint.
import type { PauseAttribution } from '../results/schema.ts';

export interface ObservedPauseNs {
  end_unix_ns: bigint | number;
  duration_ns: number;
}

export interface PauseAttributionInput {
  /** Intended send time of each measure-phase request, ns after t0. */
  intended_ns: Float64Array;
  /** Completion time of each request, ns after t0; NaN entries (no response) are skipped. */
  done_ns: Float64Array;
  t0_unix_ns: bigint | number;
  pauses: readonly ObservedPauseNs[];
  /**
   * "Slow" means latency above this (µs). Pass the phase's corrected p99 from its histogram so the
   * figure matches the report; without it, the nearest-rank p99 of these requests is used.
   */
  slow_threshold_us?: number;
}

const toBig = (x: bigint | number): bigint => (typeof x === 'bigint' ? x : BigInt(Math.round(x)));

/** Pause end relative to t0, ns, as a double (exact while within 104 days of t0). */
function relativeEndNs(end: bigint | number, t0: bigint | number): number {
  if (typeof end === 'number' && typeof t0 === 'number') return end - t0;
  return Number(toBig(end) - toBig(t0));
}

interface Spans {
  start: Float64Array;
  end: Float64Array;
}

/** Pauses as disjoint half-open [start, end) spans, ascending: overlapping pauses merge into one. */
export function pauseSpans(pauses: readonly ObservedPauseNs[], t0_unix_ns: bigint | number): Spans {
  const raw = pauses
    .filter((p) => p.duration_ns > 0)
    .map((p) => {
      const end = relativeEndNs(p.end_unix_ns, t0_unix_ns);
      return { start: end - p.duration_ns, end };
    })
    .sort((a, b) => a.start - b.start);
  const start: number[] = [];
  const end: number[] = [];
  for (const p of raw) {
    const last = end.length - 1;
    if (last >= 0 && p.start <= end[last]!) end[last] = Math.max(end[last]!, p.end);
    else {
      start.push(p.start);
      end.push(p.end);
    }
  }
  return { start: Float64Array.from(start), end: Float64Array.from(end) };
}

/**
 * Does [s, e) overlap any span? Spans are disjoint and sorted, so their ends ascend too: find the
 * first span ending after s (binary search); the request overlaps iff that span starts before e.
 * Touching at a single instant (e == span start, or s == span end) is not an overlap.
 */
export function overlapsSpan(spans: Spans, s: number, e: number): boolean {
  let lo = 0;
  let hi = spans.end.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans.end[mid]! > s) hi = mid;
    else lo = mid + 1;
  }
  return lo < spans.end.length && spans.start[lo]! < e;
}

/** Nearest-rank p99 of sorted values: the ⌈0.99·n⌉-th smallest (0 for none). */
function p99Sorted(sorted: Float64Array): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.max(0, Math.ceil(0.99 * sorted.length) - 1)]!;
}

export function attributePauses(input: PauseAttributionInput): PauseAttribution {
  const { intended_ns, done_ns } = input;
  if (intended_ns.length !== done_ns.length) throw new RangeError(`intended_ns has ${intended_ns.length} entries, done_ns ${done_ns.length}`);
  const spans = pauseSpans(input.pauses, input.t0_unix_ns);
  const n = intended_ns.length;
  // Latency in integer µs, floored, as the histograms record it.
  const latency_us = new Float64Array(n);
  const overlap = new Uint8Array(n);
  let answered = 0;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const s = intended_ns[i]!;
    const e = done_ns[i]!;
    if (!Number.isFinite(e)) continue;
    latency_us[answered] = Math.floor((e - s) / 1000);
    const o = spans.end.length > 0 && overlapsSpan(spans, s, e);
    overlap[answered] = o ? 1 : 0;
    if (!o) kept++;
    answered++;
  }
  const all = latency_us.slice(0, answered);
  const withoutPauses = new Float64Array(kept);
  for (let i = 0, k = 0; i < answered; i++) if (!overlap[i]) withoutPauses[k++] = all[i]!;
  const threshold = input.slow_threshold_us ?? p99Sorted(Float64Array.from(all).sort());

  let slow = 0;
  let slowInPause = 0;
  for (let i = 0; i < answered; i++) {
    if (all[i]! > threshold) {
      slow++;
      slowInPause += overlap[i]!;
    }
  }
  return {
    slow_threshold_us: threshold,
    slow_requests: slow,
    slow_overlapping_pause: slowInPause,
    slow_overlap_share: slow === 0 ? 0 : slowInPause / slow,
    p99_without_pause_overlap_us: p99Sorted(withoutPauses.sort()),
  };
}
