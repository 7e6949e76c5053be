// Confirmation of each processor's search result: `repetitions` fresh steps at the rate the search
// found, interleaved across processors. On this VM a bisection can settle on a rate that one lucky
// step met (4 of 9 sustainable figures of three ingest sweeps were missed by most of their
// confirmations), so a rate most repetitions miss is not taken as sustainable: the rate
// 1 + 4 × resolution below it (8% at 2%) is confirmed instead, at most `step_downs` times, and
// the missed rate becomes the upper end of the bracket. Mutilate's "search, then confirm",
// with the confirmation allowed to say no.
import type { SweepStep } from '../results/sweep-schema.ts';
import type { SearchOutcome } from './search.ts';
import { majorityMet } from './sustainable.ts';

export type ConfirmStep = (rate: number, repetition: number) => Promise<SweepStep>;

export interface ConfirmEntry {
  processor: string;
  search: SearchOutcome;
  run: ConfirmStep;
}

export interface Confirmed {
  /** The search as it stands after confirmation: lo the rate confirmed last, hi the lowest rate most repetitions missed (or the search's). */
  search: SearchOutcome;
  /** The repetitions at `search.lo`. */
  confirmations: SweepStep[];
  /** Rates the confirmations refused, highest first. */
  stepped_down_from_per_s: number[];
}

export interface ConfirmOptions {
  repetitions: number;
  step_downs: number;
  resolution: number;
  aborted: () => boolean;
}

export async function confirmAll(entries: readonly ConfirmEntry[], o: ConfirmOptions): Promise<Map<string, Confirmed>> {
  const out = new Map<string, Confirmed>();
  const pending = entries.filter((e) => e.search.lo > 0 && e.search.ended !== 'failed');
  for (const e of pending) out.set(e.processor, { search: e.search, confirmations: [], stepped_down_from_per_s: [] });
  let round = pending;
  for (let downs = 0; round.length > 0 && o.repetitions > 0; downs++) {
    for (let rep = 0; rep < o.repetitions; rep++) {
      for (const e of round) {
        if (o.aborted()) return out;
        const c = out.get(e.processor)!;
        c.confirmations.push(await e.run(c.search.lo, rep));
      }
    }
    const next: ConfirmEntry[] = [];
    for (const e of round) {
      const c = out.get(e.processor)!;
      const failed = c.confirmations.filter((s) => !s.verdict.sustainable);
      // A crash or an interruption is not a rate the processor cannot hold: no step down on it.
      if (majorityMet(c.confirmations) || downs >= o.step_downs || failed.some((s) => s.status !== 'ok')) continue;
      const missed = c.search.lo;
      const hi_step = failed[0]!;
      c.stepped_down_from_per_s.push(missed);
      c.search = {
        ...c.search,
        lo: Math.max(1, Math.round(missed / (1 + 4 * o.resolution))),
        hi: missed,
        hi_step,
        ended: hi_step.verdict.failed_by.includes('driver') ? 'driver-limited' : 'bracketed',
      };
      c.confirmations = [];
      next.push(e);
    }
    round = next;
  }
  return out;
}
