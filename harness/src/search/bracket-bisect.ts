// The search for the highest rate that passes a test, shared by calibrate (the driver's maximum
// accurate rate) and sweep (a processor's sustainable throughput under its SLO). As mutilate's
// --search does: bracket the limit geometrically, then bisect the bracket in log space to a stated
// resolution, so one noisy step moves the result by at most one bracket instead of ending the
// search. A judge answers null when a rate passes, or why it fails.

export type Judge = (rate_per_s: number) => Promise<string | null>;

export interface BracketOptions {
  start_per_s: number;
  /** Bracketing multiplies (or divides) the rate by this. */
  factor: number;
  /** Never step above this. */
  ceiling_per_s: number;
  /** Never step below this when the start rate already fails. */
  floor_per_s: number;
}

/**
 * A bracket: `lo` passed (0: nothing down to the floor did), `hi` failed for `why` (null: the
 * ceiling passed, and `why` is empty). `ended` says which of the three it is.
 */
export interface Bracket {
  lo: number;
  hi: number | null;
  why: string;
  ended: 'bracketed' | 'ceiling' | 'floor';
}

/** Up from the start while it passes, or down while it fails, until one rate of each is known. */
export async function bracketLimit(judge: Judge, o: BracketOptions): Promise<Bracket> {
  const first = await judge(o.start_per_s);
  if (first === null) {
    let lo = o.start_per_s;
    for (;;) {
      const next = Math.min(Math.round(lo * o.factor), o.ceiling_per_s);
      if (next <= lo) return { lo, hi: null, why: '', ended: 'ceiling' };
      const why = await judge(next);
      if (why !== null) return { lo, hi: next, why, ended: 'bracketed' };
      lo = next;
    }
  }
  let hi = o.start_per_s;
  let hiWhy = first;
  for (;;) {
    const next = Math.round(hi / o.factor);
    if (next < o.floor_per_s) return { lo: 0, hi, why: hiWhy, ended: 'floor' };
    const why = await judge(next);
    if (why === null) return { lo: next, hi, why: hiWhy, ended: 'bracketed' };
    [hi, hiWhy] = [next, why];
  }
}

/**
 * Narrows a bracket until hi / lo ≤ 1 + resolution. Midpoints are geometric: the bracket is a
 * ratio, so it is halved in log space. A bracket without a failing end, or whose low end is 0,
 * is returned as it is.
 */
export async function bisectBracket(judge: Judge, bracket: Bracket, resolution: number): Promise<Bracket> {
  let { lo, hi, why } = bracket;
  if (hi === null || lo <= 0) return bracket;
  for (;;) {
    const mid = Math.round(Math.sqrt(lo * hi));
    if (hi / lo <= 1 + resolution || mid <= lo || mid >= hi) return { ...bracket, lo, hi, why };
    const failed = await judge(mid);
    if (failed === null) lo = mid;
    else [hi, why] = [mid, failed];
  }
}
