// The sustainable throughput as reported: the search's rate, in requests and events per second
// and per core of the THREADS budget, with why the rate above failed, and the confirmation
// repetitions at it (a majority must meet the SLO; the interval is over repetitions, t on logs).
import type { LevelEstimate, Sustainable, SweepStep } from '../results/sweep-schema.ts';
import { levelInterval } from '../stats/level-interval.ts';
import type { SearchOutcome } from './search.ts';

function level(xs: number[]): LevelEstimate {
  const e = levelInterval(xs, { scale: 'log', min_n: 2 });
  if (e.kind === 'interval') return { estimate: e.estimate, ci_low: e.ci_low, ci_high: e.ci_high, n: xs.length };
  return { estimate: xs.length === 1 ? xs[0]! : null, ci_low: null, ci_high: null, n: xs.length };
}

/** The confirmation rule: a majority of the repetitions at a rate met the SLO (none: not confirmed). */
export const majorityMet = (steps: readonly SweepStep[]) => steps.length > 0 && 2 * steps.filter((s) => s.verdict.sustainable).length > steps.length;

export interface SustainableInputs {
  search: SearchOutcome;
  confirmations: readonly SweepStep[];
  events_per_request: number;
  threads: number;
  resolution: number;
  /** Rates the confirmations refused before this one (sweep/confirm.ts), highest first. */
  stepped_down_from_per_s?: number[];
}

export function sustainableOf(x: SustainableInputs): Sustainable {
  const { search, confirmations } = x;
  const cores = Math.max(1, x.threads);
  const rate = search.lo;
  const passed = confirmations.filter((s) => s.verdict.sustainable).length;
  const ok = confirmations.filter((s) => s.status === 'ok');
  const clean = ok.flatMap((s) => (s.clean?.p99 ? [s.clean.p99.value_us] : [])).filter((v) => v > 0);
  return {
    rate_per_s: rate,
    events_per_s: rate * x.events_per_request,
    threads: x.threads,
    requests_per_s_per_core: rate / cores,
    events_per_s_per_core: (rate * x.events_per_request) / cores,
    lower_bound: search.ended === 'driver-limited' || search.ended === 'max-rate',
    first_unsustainable_rate_per_s: search.hi,
    resolution: x.resolution,
    next_failed_by: search.hi_step?.verdict.failed_by ?? [],
    next_reasons: search.hi_step?.verdict.reasons ?? [],
    ended: search.ended,
    ...(x.stepped_down_from_per_s?.length ? { stepped_down_from_per_s: x.stepped_down_from_per_s } : {}),
    confirmation: {
      repetitions: confirmations.length,
      passed,
      confirmed: majorityMet(confirmations),
      achieved_events_per_s: level(ok.map((s) => s.events_per_s).filter((v) => v > 0)),
      p99_clean_us: level(clean),
    },
  };
}

/** "at least 1.2M events/s" or "1.2M events/s": how the figure must be read. */
export function sustainableWording(s: Sustainable): string {
  if (s.ended === 'driver-limited') return 'at least (the driver limited the search)';
  if (s.ended === 'max-rate') return 'at least (the maximum rate was sustained)';
  if (s.ended === 'floor') return 'none down to the floor';
  if (s.ended === 'failed') return 'not measured (the processor failed)';
  const downs = s.stepped_down_from_per_s ?? [];
  const after = downs.length ? `, after ${downs.length === 1 ? 'a step' : `${downs.length} steps`} down from ${Math.round(downs[0]!)}/s, which most repetitions missed` : '';
  return s.confirmation.confirmed ? `confirmed${after}` : `not confirmed (${s.confirmation.passed} of ${s.confirmation.repetitions} repetitions met the SLO${after})`;
}
