// The statistics of a duet measurement (plan/duet.ts): A and B ran at the same time from one
// driver with one schedule, so second t of A and second t of B saw the same machine. The unit is
// the second: log(B's p99 in second t / A's), paired in time. Seconds are not independent (a
// stall or a GC cycle spans several), so they are grouped into batch means (the classic remedy
// for autocorrelated simulation output): batches of 1, 2, 4, … seconds until the lag-1
// autocorrelation of the batch means is below 0.2, keeping at least 12 batches; the interval
// method then follows the number of batches like any paired comparison (stats/location.ts).
import type { Interval } from '../results/schema.ts';
import { mean } from '../stats/describe.ts';
import type { Estimate } from '../stats/interval.ts';
import { chooseMethod, estimateOf, type LocationSample } from '../stats/location.ts';

export interface DuetSeconds {
  t_s: number[];
  /** log(B / A) of the per-second p99, second by second. */
  d: number[];
}

/** Measure-phase seconds both sides have, with requests on both. */
export function pairSeconds(a: readonly Interval[], b: readonly Interval[]): DuetSeconds {
  const byT = new Map(b.filter((x) => x.phase === 'measure' && x.requests > 0 && x.p99_us > 0).map((x) => [x.t_s, x]));
  const t_s: number[] = [];
  const d: number[] = [];
  for (const x of a) {
    const y = byT.get(x.t_s);
    if (x.phase !== 'measure' || x.requests === 0 || !(x.p99_us > 0) || !y) continue;
    t_s.push(x.t_s);
    d.push(Math.log(y.p99_us) - Math.log(x.p99_us));
  }
  return { t_s, d };
}

export function lag1(xs: readonly number[]): number {
  if (xs.length < 3) return 0;
  const m = mean(xs);
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    den += (xs[i]! - m) ** 2;
    if (i > 0) num += (xs[i]! - m) * (xs[i - 1]! - m);
  }
  return den === 0 ? 0 : num / den;
}

export function batchMeans(xs: readonly number[], size: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + size <= xs.length; i += size) out.push(mean(xs.slice(i, i + size)));
  return out;
}

export const MIN_BATCHES = 12;
export const MAX_LAG1 = 0.2;

export interface DuetRatio {
  /** B/A of the per-second p99, from batch means of the per-second log-ratios. */
  ratio: Estimate;
  seconds: number;
  batch_s: number;
  batches: number;
  /** Lag-1 autocorrelation of the batch means used: below MAX_LAG1, or the reason in `notes`. */
  lag1: number;
  notes: string[];
}

export function duetRatio(a: readonly Interval[], b: readonly Interval[], confidence = 0.95): DuetRatio {
  const { d } = pairSeconds(a, b);
  let size = 1;
  let batches = batchMeans(d, size);
  while (Math.abs(lag1(batches)) >= MAX_LAG1 && batchMeans(d, size * 2).length >= MIN_BATCHES) {
    size *= 2;
    batches = batchMeans(d, size);
  }
  const notes: string[] = [];
  const rho = lag1(batches);
  if (Math.abs(rho) >= MAX_LAG1) notes.push(`batch means of ${size} s still correlate (lag-1 ${rho.toFixed(2)}) with ${batches.length} batches: the interval is too narrow; measure longer`);
  const sample: LocationSample = { design: 'paired', method: chooseMethod(batches.length).method, d: batches };
  const ratio: Estimate = batches.length < 3 ? { kind: 'insufficient', reasons: [`${batches.length} paired second(s) or batches, at least 3 needed`], n_a: batches.length, n_b: batches.length } : estimateOf(sample, confidence);
  return { ratio, seconds: d.length, batch_s: size, batches: batches.length, lag1: rho, notes };
}
