// The driver's schedule lag, split by the stall recorder into the platform's part and the
// driver's own. A send is late by the platform when a stall on the driver's CPU overlaps the time
// between its intended moment and its send: the driver's thread could not run then, whatever it
// does. What remains is the lateness the driver itself is answerable for.
import type { OpenLoopRecords } from '../drive/records.ts';
import type { Stall } from '../drive/stall-recording.ts';

export interface ScheduleLagSplit {
  /** Lag p99 over every send that found a free connection (the driver's own lag definition). */
  lag_p99_us: number;
  /** The same without the sends a platform stall delayed. */
  own_lag_p99_us: number;
  samples: number;
  /** Sends whose [intended, sent] overlapped a stall on one of the driver's CPUs. */
  stalled_samples: number;
}

/** Nearest-rank quantile of ascending values, as the driver computes its own lag percentiles. */
function nearestRank(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1]!;
}

/** Stalls as disjoint intervals in time order (stalls on different CPUs of the driver may overlap). */
function disjoint(stalls: readonly Stall[]): Array<[number, number]> {
  const sorted = [...stalls].sort((a, b) => a.start_ns - b.start_ns);
  const out: Array<[number, number]> = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start_ns <= last[1]) last[1] = Math.max(last[1], s.end_ns);
    else out.push([s.start_ns, s.end_ns]);
  }
  return out;
}

/** Whether [from, to] meets any of the disjoint, ordered intervals. */
function overlaps(intervals: ReadonlyArray<[number, number]>, from: number, to: number): boolean {
  // The first interval that ends at or after `from`; it is the only candidate that may start by `to`.
  let lo = 0;
  let hi = intervals.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (intervals[mid]![1] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < intervals.length && intervals[lo]![0] <= to;
}

/**
 * @param records the driver's records (times after its t0)
 * @param stalls stalls on the driver's CPUs, already on the driver's time axis (stallsRelativeTo)
 */
export function splitScheduleLag(records: OpenLoopRecords, stalls: readonly Stall[]): ScheduleLagSplit {
  const intervals = disjoint(stalls);
  const all: number[] = [];
  const own: number[] = [];
  for (let i = 0; i < records.count; i++) {
    const sent = records.sent_ns[i]!;
    // Only a request that found a free connection measures the driver's delay; a queued one waited for the server.
    if (Number.isNaN(sent) || records.queued[i] === 1) continue;
    const intended = records.intended_ns[i]!;
    const lag = Math.max(0, sent - intended);
    all.push(lag);
    if (!overlaps(intervals, intended, sent)) own.push(lag);
  }
  all.sort((a, b) => a - b);
  own.sort((a, b) => a - b);
  const us = (ns: number) => Math.floor(ns / 1000);
  return { lag_p99_us: us(nearestRank(all, 0.99)), own_lag_p99_us: us(nearestRank(own, 0.99)), samples: all.length, stalled_samples: all.length - own.length };
}
