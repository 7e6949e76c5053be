// What the tail is made of, and the processor's own percentiles.
//
// Every request of the measure phase slower than the phase's p99 (and, separately, p99.9) gets one
// primary cause: the first of these that covers at least half of its interval (intended send →
// done), or when none does, the one covering most of it among those it touches more than by
// chance (see causeOf):
//   1. a platform stall on the processor's CPU   4. a GC cycle in progress
//   2. a platform stall on the driver's CPU      5. driver schedule lag (sent late, not queued)
//   3. a runtime stop-the-world pause            6. queued behind earlier requests (pool busy)
// and otherwise it is "unexplained": the processor's own tail.
//
// The clean percentiles leave out requests delayed by the platform or the driver, never by the
// processor's own pauses or GC. "Delayed by a stall" means the stalls cover at least half of the
// request's latency, not merely that they intersect it: a request queued for 150 ms behind an
// overloaded processor overlaps some 2 ms stall by chance, and setting it aside would make
// overload look like platform noise (seen in a run on a loaded machine: 9.7% of an overloaded
// Go's requests intersected a stall, and the clean p99 fell from 150 to 58 ms). But a platform stall is not always exogenous: on a VM the stall
// rate follows the workload (measured: stalls ≥ 500 µs per 24 s were 47–96 idle, 97–141 under
// node), so a processor that induces stalls would gain from dropping them. The rule here: only the
// share of stall-delayed requests that the idle machine's stall rate explains is set aside. With
// `keep = 1 − min(1, idle_share / measured_share)`, a processor stalling the VM no more than idle
// loses all its stall-delayed requests from the clean figure; one stalling it 3× as often keeps
// two thirds of them in. Which ones is a seeded hash of the request index (unbiased, repeatable).
import type { OpenLoopRecords } from '../drive/records.ts';
import { Phase } from '../drive/records.ts';
import { hasResponse } from '../drive/records.ts';
import { TAIL_CAUSE_NAMES } from '../results/schema.ts';
import { IntervalIndex, IntervalUnion, type TimeInterval } from './intervals-index.ts';
import { dependenceOf, lag1Correlation, percentileOfSorted, Z95, type PercentileEstimate } from './order-statistics.ts';

/** In precedence order (the result schema owns the list). */
export const TAIL_CAUSES = TAIL_CAUSE_NAMES;
export type TailCause = (typeof TAIL_CAUSES)[number];

export interface TailEvidence {
  /** Platform stalls (already filtered to the attribution threshold) on the processor's CPUs, on the driver's axis. */
  processor_cpu_stalls: readonly TimeInterval[];
  driver_cpu_stalls: readonly TimeInterval[];
  /** Runtime stop-the-world pauses, on the driver's axis. */
  pauses: readonly TimeInterval[];
  /** GC cycles (start → end), on the driver's axis. */
  gc_cycles: readonly TimeInterval[];
  /** A request sent this much later than intended while a connection was free was sent late by the driver. */
  driver_lag_min_ns: number;
}

export interface TailComposition {
  threshold_us: number;
  /** Requests slower than the threshold. */
  slow: number;
  counts: Record<TailCause, number>;
}

const latencyNs = (r: OpenLoopRecords, i: number) => r.done_ns[i]! - r.intended_ns[i]!;

function measureIndices(r: OpenLoopRecords): number[] {
  const out: number[] = [];
  for (let i = 0; i < r.count; i++) if (r.phase[i] === Phase.measure && hasResponse(r, i)) out.push(i);
  return out;
}

/** One cause's intervals: for "does it touch [a, b]", "how much of it does it cover", and its share of the whole phase. */
interface CauseIndex {
  touch: IntervalIndex;
  cover: IntervalUnion;
  /** The share of the measure phase's span (first intended send → last done) the cause covers. */
  base_share: number;
}

interface Indexes {
  proc: CauseIndex;
  drv: CauseIndex;
  pause: CauseIndex;
  gc: CauseIndex;
}

function indexesOf(r: OpenLoopRecords, e: TailEvidence): Indexes {
  let from = Infinity;
  let to = -Infinity;
  for (const i of measureIndices(r)) {
    from = Math.min(from, r.intended_ns[i]!);
    to = Math.max(to, r.done_ns[i]!);
  }
  const index = (intervals: readonly TimeInterval[]): CauseIndex => {
    const cover = new IntervalUnion(intervals);
    return { touch: new IntervalIndex(intervals), cover, base_share: to > from ? cover.coveredNs(from, to) / (to - from) : 0 };
  };
  return { proc: index(e.processor_cpu_stalls), drv: index(e.driver_cpu_stalls), pause: index(e.pauses), gc: index(e.gc_cycles) };
}

function driverLagged(r: OpenLoopRecords, i: number, e: TailEvidence): boolean {
  const sent = r.sent_ns[i]!;
  return r.queued[i] === 0 && !Number.isNaN(sent) && sent - r.intended_ns[i]! > e.driver_lag_min_ns;
}

/** The cause covers at least half of [a, b]. */
const delays = (c: CauseIndex, a: number, b: number) => c.cover.coveredNs(a, b) >= STALL_DELAYED_MIN_SHARE * (b - a);

/** The cause touches [a, b] and covers more of it than of the phase as a whole: more than chance would. */
const touches = (c: CauseIndex, a: number, b: number) => c.touch.overlaps(a, b) && (b <= a || c.cover.coveredNs(a, b) > c.base_share * (b - a));

/**
 * The primary cause of one request. First the causes that cover at least half of its latency
 * (STALL_DELAYED_MIN_SHARE, the rule the clean figures use), in precedence order; only when none
 * does, of the causes its interval touches and covers more of than of the phase as a whole, the one
 * covering most of it: a request waiting out the backlog a GC cycle left is the cycle's, not that of
 * the 1 ms stall it also touched (seen on Go, ingest-large-state, GOGC=1: 16 of 25 requests above
 * p99 went to processor-CPU stalls when the touching causes were taken in precedence order).
 * Overlap alone gives a long request to whatever short event of higher precedence it touched: in
 * real measurements here (a loaded VM, where a stall ≥ 500 µs comes every few tens of ms) 15 of
 * the 16 Go requests above p99 on ingest-large-state with GOGC=5 (~112 ms, inside a 540 ms GC
 * cycle) went to a sub-millisecond driver-CPU stall each happened to touch, and the 15 Node
 * requests above p99 (~450 ms, queued behind a mark-sweep-compact) to the processor's CPU.
 */
function causeOf(r: OpenLoopRecords, i: number, e: TailEvidence, x: Indexes): TailCause {
  const a = r.intended_ns[i]!;
  const b = r.done_ns[i]!;
  const lagged = driverLagged(r, i, e);
  if (b > a) {
    if (delays(x.proc, a, b)) return 'platform_processor_cpu';
    if (delays(x.drv, a, b)) return 'platform_driver_cpu';
    if (delays(x.pause, a, b)) return 'runtime_pause';
    if (delays(x.gc, a, b)) return 'gc_cycle';
    if (lagged && r.sent_ns[i]! - a >= STALL_DELAYED_MIN_SHARE * (b - a)) return 'driver_lag';
  }
  // Of the causes that touch it more than by chance, the one covering most of it (precedence breaks ties).
  let best: TailCause | undefined;
  let bestNs = 0;
  for (const [cause, c] of [['platform_processor_cpu', x.proc], ['platform_driver_cpu', x.drv], ['runtime_pause', x.pause], ['gc_cycle', x.gc]] as const) {
    if (!touches(c, a, b)) continue;
    const ns = c.cover.coveredNs(a, b);
    if (best === undefined || ns > bestNs) {
      best = cause;
      bestNs = ns;
    }
  }
  if (best) return best;
  if (lagged) return 'driver_lag';
  if (r.queued[i] === 1) return 'queued';
  return 'unexplained';
}

/** The composition of the requests slower than `threshold_us` (the phase's p99 or p99.9). */
export function tailComposition(r: OpenLoopRecords, e: TailEvidence, threshold_us: number): TailComposition {
  const x = indexesOf(r, e);
  const counts = Object.fromEntries(TAIL_CAUSES.map((c) => [c, 0])) as Record<TailCause, number>;
  let slow = 0;
  for (const i of measureIndices(r)) {
    if (latencyNs(r, i) / 1000 <= threshold_us) continue;
    slow++;
    counts[causeOf(r, i, e, x)]++;
  }
  return { threshold_us, slow, counts };
}

/** Time share of [from, to] covered by the union of the intervals. */
export function coveredShare(intervals: readonly TimeInterval[], from_ns: number, to_ns: number): number {
  if (to_ns <= from_ns) return 0;
  const sorted = intervals
    .map((i) => ({ s: Math.max(from_ns, i.start_ns), e: Math.min(to_ns, i.end_ns) }))
    .filter((i) => i.e > i.s)
    .sort((p, q) => p.s - q.s);
  let covered = 0;
  let curS = -Infinity;
  let curE = -Infinity;
  for (const { s, e } of sorted) {
    if (s > curE) {
      if (curE > curS) covered += curE - curS;
      curS = s;
      curE = e;
    } else curE = Math.max(curE, e);
  }
  if (curE > curS) covered += curE - curS;
  return covered / (to_ns - from_ns);
}

/** A deterministic uniform [0, 1) per request index (splitmix32-style mixing). */
export function unitHash(i: number, seed = 0x9e3779b9): number {
  let h = (i ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h / 2 ** 32;
}

export interface CleanInputs {
  /** Platform-stall time share (union over the measurement's CPUs) during the measure phase. */
  stall_share: number;
  /** The same share on the idle machine, from the run's idle arm; null when none was measured. */
  idle_stall_share: number | null;
}

export interface CleanFigures {
  p50: PercentileEstimate | null;
  p99: PercentileEstimate | null;
  p999: PercentileEstimate | null;
  /** Requests of the measure phase kept in the clean figures. */
  count: number;
  /** Requests set aside: delayed by a platform stall (the idle-explained share) or by the driver. */
  set_aside: number;
  set_aside_share: number;
  /** Requests that stalls delayed (covered at least half their latency), before the fairness rule. */
  stall_delayed: number;
  /** The share of stall-delayed requests set aside: min(1, idle / measured stall share); 1 without an idle arm. */
  set_aside_fraction: number;
  fairness: 'idle-explained share' | 'unadjusted: no idle arm';
  /** Lag-1 correlation of the kept latencies in send order (independence check of the intervals). */
  lag1: number;
  /** The check's outcome: false widens the intervals to `n_eff` effective samples (order-statistics.ts). */
  independent: boolean;
  n_eff: number;
}

/** Stalls must cover at least this share of a request's latency for it to count as stall-delayed. */
export const STALL_DELAYED_MIN_SHARE = 0.5;

/** Which measure-phase requests the clean figures leave out, and why the count is what it is. */
interface CleanSelection {
  /** The measure phase's answered requests (indices into the records). */
  indices: number[];
  /** Parallel to `indices`: 1 when the request is set aside. */
  set_aside: Uint8Array;
  stall_delayed: number;
  fraction: number;
}

function cleanSelection(r: OpenLoopRecords, e: TailEvidence, c: CleanInputs): CleanSelection {
  const stalls = new IntervalUnion([...e.processor_cpu_stalls, ...e.driver_cpu_stalls]);
  const fraction = c.idle_stall_share === null ? 1 : c.stall_share <= 0 ? 1 : Math.min(1, c.idle_stall_share / c.stall_share);
  const indices = measureIndices(r);
  const setAside = new Uint8Array(indices.length);
  let stallDelayed = 0;
  indices.forEach((i, k) => {
    const a = r.intended_ns[i]!;
    const b = r.done_ns[i]!;
    const stalled = b > a && stalls.coveredNs(a, b) >= STALL_DELAYED_MIN_SHARE * (b - a);
    if (stalled) stallDelayed++;
    if ((stalled && unitHash(i) < fraction) || (!stalled && driverLagged(r, i, e))) setAside[k] = 1;
  });
  return { indices, set_aside: setAside, stall_delayed: stallDelayed, fraction };
}

export function cleanFigures(r: OpenLoopRecords, e: TailEvidence, c: CleanInputs): CleanFigures {
  const sel = cleanSelection(r, e, c);
  const kept: number[] = [];
  sel.indices.forEach((i, k) => {
    if (!sel.set_aside[k]) kept.push(latencyNs(r, i) / 1000);
  });
  const setAside = sel.indices.length - kept.length;
  const dependence = dependenceOf(kept.length, lag1Correlation(kept));
  const sorted = Float64Array.from(kept).sort();
  const est = (p: number) => percentileOfSorted(sorted, p, Z95, dependence.n_eff) ?? null;
  return {
    p50: est(0.5),
    p99: est(0.99),
    p999: est(0.999),
    count: kept.length,
    set_aside: setAside,
    set_aside_share: sel.indices.length ? setAside / sel.indices.length : 0,
    stall_delayed: sel.stall_delayed,
    set_aside_fraction: sel.fraction,
    fairness: c.idle_stall_share === null ? 'unadjusted: no idle arm' : 'idle-explained share',
    ...dependence,
  };
}

/** One answered request of the measure phase, as the tail composition and the clean figures see it. */
export interface RequestAttribution {
  /** Index into the records. */
  index: number;
  /** The cause the tail composition would give it were it slow (the same precedence, whatever its latency). */
  cause: TailCause;
  /** Left out of the clean percentiles. */
  set_aside: boolean;
}

/**
 * Every measure-phase request with its cause and whether the clean figures keep it: what
 * tailComposition and cleanFigures decide per request, for a caller that must check single
 * requests (the end-to-end injection tests) rather than the counts.
 */
export function attributeRequests(r: OpenLoopRecords, e: TailEvidence, c: CleanInputs): RequestAttribution[] {
  const x = indexesOf(r, e);
  const sel = cleanSelection(r, e, c);
  return sel.indices.map((i, k) => ({ index: i, cause: causeOf(r, i, e, x), set_aside: sel.set_aside[k] === 1 }));
}

/** Raw (corrected) percentiles of the measure phase with the same order-statistic intervals (and independence check). */
export function rawEstimates(r: OpenLoopRecords): { p50: PercentileEstimate | null; p99: PercentileEstimate | null; p999: PercentileEstimate | null } {
  const latencies = Float64Array.from(measureIndices(r), (i) => latencyNs(r, i) / 1000);
  // The same independence check as the clean figures, so raw and clean intervals are comparable.
  const { n_eff } = dependenceOf(latencies.length, lag1Correlation(latencies));
  const sorted = latencies.sort();
  const est = (p: number) => percentileOfSorted(sorted, p, Z95, n_eff) ?? null;
  return { p50: est(0.5), p99: est(0.99), p999: est(0.999) };
}
