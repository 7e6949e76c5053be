// The sustainable throughput of one processor: the curve brackets it (the highest sustainable step
// and the lowest unsustainable step above it), then the bracket is bisected to the resolution
// (2% by default) with the same search calibrate uses (search/bracket-bisect.ts). Confirmation
// repetitions at the result are taken by the caller, interleaved across processors.
import { bisectBracket, type Bracket } from '../search/bracket-bisect.ts';
import type { SweepStep } from '../results/sweep-schema.ts';
import { brokenStep, type StepRunner } from './curve.ts';

export interface SearchOutcome {
  /** The bisection's steps, in the order measured. */
  steps: SweepStep[];
  /** lo: the highest sustainable rate found (0: none); hi: the lowest unsustainable above it (null: none). */
  lo: number;
  hi: number | null;
  /** The step measured at hi, whose verdict says why it failed. */
  hi_step: SweepStep | null;
  ended: 'bracketed' | 'max-rate' | 'floor' | 'driver-limited' | 'failed';
}

/** The bracket the curve gives: the highest sustainable rate, and the lowest unsustainable one above it. */
export function bracketOfCurve(curve: readonly SweepStep[]): { lo: number; hi: SweepStep | null } {
  const ok = curve.filter((s) => s.verdict.sustainable).map((s) => s.offered_rate_per_s);
  const lo = ok.length ? Math.max(...ok) : 0;
  const above = curve.filter((s) => !s.verdict.sustainable && s.offered_rate_per_s > lo).sort((a, b) => a.offered_rate_per_s - b.offered_rate_per_s);
  return { lo, hi: above[0] ?? null };
}

/** Thrown by the judge once the sweep is interrupted or the processor cannot start, so the bisection stops instead of taking it for an unsustainable rate. */
class Stopped extends Error {}

export async function searchSustainable(run: StepRunner, curve: readonly SweepStep[], resolution: number, aborted: () => boolean): Promise<SearchOutcome> {
  const { lo, hi } = bracketOfCurve(curve);
  if (curve.some(brokenStep) || aborted()) return { steps: [], lo, hi: hi?.offered_rate_per_s ?? null, hi_step: hi, ended: 'failed' };
  if (hi === null) return { steps: [], lo, hi: null, hi_step: null, ended: lo > 0 ? 'max-rate' : 'floor' };
  if (lo === 0) return { steps: [], lo, hi: hi.offered_rate_per_s, hi_step: hi, ended: 'floor' };
  const steps: SweepStep[] = [];
  const byRate = new Map<number, SweepStep>([[hi.offered_rate_per_s, hi]]);
  const judge = async (rate: number): Promise<string | null> => {
    if (aborted()) throw new Stopped();
    const s = await run(rate, 'bisect', 0);
    steps.push(s);
    if (brokenStep(s)) throw new Stopped();
    byRate.set(rate, s);
    return s.verdict.sustainable ? null : s.verdict.reasons.join('; ') || 'unsustainable';
  };
  const start: Bracket = { lo, hi: hi.offered_rate_per_s, why: hi.verdict.reasons.join('; '), ended: 'bracketed' };
  let found: Bracket;
  try {
    found = await bisectBracket(judge, start, resolution);
  } catch (err) {
    if (err instanceof Stopped) return { steps, lo, hi: hi.offered_rate_per_s, hi_step: hi, ended: 'failed' };
    throw err;
  }
  const hiStep = found.hi === null ? null : (byRate.get(found.hi) ?? null);
  return { steps, lo: found.lo, hi: found.hi, hi_step: hiStep, ended: hiStep?.verdict.failed_by.includes('driver') ? 'driver-limited' : 'bracketed' };
}
