// The driver's maximum accurate rate on one core: step the open-loop rate up until the driver
// flags itself (schedule lag, CPU) or less than 97 % of the target is answered.
import type { MaxRate, MaxRateStep } from './types.ts';

export const ACCURATE_FRACTION = 0.97;

export interface StepRunner {
  (rate_per_s: number): Promise<MaxRateStep>;
}

export interface MaxRateOptions {
  start_per_s: number;
  /** Each step multiplies the rate by this. */
  factor: number;
  /** Stop stepping here even if still accurate. */
  ceiling_per_s: number;
}

/** Why a step is not accurate, or null when it is. */
export function inaccuracy(step: MaxRateStep): string | null {
  if (step.driver_limited) return `driver-limited at ${step.rate_per_s}/s: ${step.reasons.join('; ')}`;
  if (step.achieved_per_s < ACCURATE_FRACTION * step.rate_per_s) {
    return `achieved ${Math.round(step.achieved_per_s)}/s < ${ACCURATE_FRACTION * 100}% of ${step.rate_per_s}/s`;
  }
  return null;
}

export async function findMaxAccurateRate(run: StepRunner, o: MaxRateOptions): Promise<MaxRate> {
  const steps: MaxRateStep[] = [];
  let best = 0;
  for (let rate = o.start_per_s; rate <= o.ceiling_per_s; rate = Math.round(rate * o.factor)) {
    const step = await run(rate);
    steps.push(step);
    const why = inaccuracy(step);
    if (why !== null) return { max_accurate_rate_per_s: best, stopped_by: why, steps };
    best = rate;
  }
  return { max_accurate_rate_per_s: best, stopped_by: `reached the ceiling of ${o.ceiling_per_s}/s`, steps };
}
