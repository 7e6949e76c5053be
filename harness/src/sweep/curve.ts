// The load curve of one processor: open-loop steps from a start rate upward (log-spaced by a
// factor, or an explicit list), until the processor is clearly past its limit: `stop_after`
// consecutive unsustainable steps, a step the driver limited (nothing above it could be judged),
// or the maximum rate. When even the first steps are unsustainable the curve goes down from the
// start instead, until a rate is sustainable or the floor is reached, so every curve brackets
// the limit from both sides.
import type { StepStage, SweepStep } from '../results/sweep-schema.ts';

/** Measures one step at a rate (a fresh process, warmup + measure) and judges it. */
export type StepRunner = (rate_per_s: number, stage: StepStage, repetition: number) => Promise<SweepStep>;

export interface CurveOptions {
  start_per_s: number;
  factor: number;
  /** An explicit ladder instead of start × factor^k. */
  rates_per_s: readonly number[] | null;
  max_per_s: number;
  floor_per_s: number;
  stop_after_unsustainable: number;
  /** Stop early (Ctrl-C): the steps so far are kept. */
  aborted: () => boolean;
}

/** A measurement that could not run at all (the process did not start): no rate will do better. */
export const brokenStep = (s: SweepStep): boolean => s.status === 'incomplete' || (s.failure !== null && ['build', 'launch', 'verify', 'preload'].includes(s.failure.stage));

/** The ladder's rates, ascending; rounded to whole requests per second so every processor gets the same ones. */
export function ladder(o: Pick<CurveOptions, 'start_per_s' | 'factor' | 'rates_per_s' | 'max_per_s'>): number[] {
  if (o.rates_per_s) return [...o.rates_per_s].sort((a, b) => a - b);
  const out: number[] = [];
  for (let r = o.start_per_s; ; r *= o.factor) {
    const rate = Math.min(Math.round(r), o.max_per_s);
    if (out.length && rate <= out.at(-1)!) break;
    out.push(rate);
    if (rate >= o.max_per_s) break;
  }
  return out;
}

export async function runCurve(run: StepRunner, o: CurveOptions): Promise<SweepStep[]> {
  const steps: SweepStep[] = [];
  let streak = 0;
  for (const rate of ladder(o)) {
    if (o.aborted()) return steps;
    const s = await run(rate, 'curve', 0);
    steps.push(s);
    if (brokenStep(s)) return steps;
    streak = s.verdict.sustainable ? 0 : streak + 1;
    if (streak >= o.stop_after_unsustainable || s.verdict.failed_by.includes('driver')) break;
  }
  if (steps.some((s) => s.verdict.sustainable) || o.rates_per_s) return steps;
  // Unsustainable from the start: walk down until one rate is.
  for (let r = o.start_per_s / o.factor; Math.round(r) >= o.floor_per_s; r /= o.factor) {
    if (o.aborted()) break;
    const s = await run(Math.round(r), 'curve', 0);
    steps.push(s);
    if (brokenStep(s) || s.verdict.sustainable) break;
  }
  return steps;
}
