// The driver's maximum accurate rate on one core. A rate is accurate when the driver keeps the
// schedule and is not the bottleneck: it sent at the target rate, it left headroom on its core,
// its own schedule lag stayed within one inter-arrival interval, and the server answered.
// Lateness that a platform stall on the driver's CPU explains (the stall recorder saw the CPU
// taken away) is the machine's, not the driver's: it is reported, and does not stop the search.
//
// The search (search/bracket-bisect.ts, shared with the sweep) brackets the limit geometrically
// (up from the start rate while accurate, or down if the start is not), then bisects the bracket
// to the stated resolution.
import { bisectBracket, bracketLimit } from '../search/bracket-bisect.ts';
import type { MaxRate, MaxRateStep } from './types.ts';

export const ACCURATE_FRACTION = 0.97;
export const CPU_WORK_LIMIT = 0.9;
/**
 * A core kept this busy, spin-waits included, has no headroom; at real-time priority the kernel
 * freezes the driver for 50 ms a second once a normal task on that CPU starves (seen on this VM
 * from ~90 %). The stall recorder sees that freeze as a stall, but it is the driver's doing.
 */
export const CORE_BUSY_LIMIT = 0.9;
/**
 * Below this the driver's own lag is within the kernel's wake-up and network jitter, and well
 * under the ~100 µs latency of the trivial server it is calibrated against.
 */
export const OWN_LAG_FLOOR_US = 100;

export interface StepRunner {
  (rate_per_s: number): Promise<MaxRateStep>;
}

export interface MaxRateOptions {
  start_per_s: number;
  /** Bracketing multiplies (or divides) the rate by this. */
  factor: number;
  /** Never step above this. */
  ceiling_per_s: number;
  /** Never step below this when the start rate is already inaccurate. */
  floor_per_s: number;
  /** Bisect until first_inaccurate / max_accurate ≤ 1 + resolution. */
  resolution: number;
}

/**
 * The driver's own lag p99 may reach one inter-arrival interval (1/rate) before it counts as
 * falling behind: beyond that, requests due apart go out together and the offered load is no
 * longer the schedule. Never below OWN_LAG_FLOOR_US.
 */
export function ownLagLimitUs(rate_per_s: number): number {
  return Math.max(OWN_LAG_FLOOR_US, Math.round(1e6 / rate_per_s));
}

/** Why a step is not accurate (every reason), or null when it is. */
export function inaccuracy(step: MaxRateStep): string | null {
  const reasons: string[] = [];
  if (step.achieved_send_per_s < ACCURATE_FRACTION * step.rate_per_s) {
    reasons.push(`sent ${Math.round(step.achieved_send_per_s)}/s < ${ACCURATE_FRACTION * 100}% of ${step.rate_per_s}/s`);
  }
  if (step.cpu_work_utilisation >= CPU_WORK_LIMIT) {
    reasons.push(`driver CPU (excluding spin-wait) at ${Math.round(step.cpu_work_utilisation * 100)}% of its core`);
  } else if (step.cpu_utilisation >= CORE_BUSY_LIMIT) {
    reasons.push(`driver's core ${Math.round(step.cpu_utilisation * 100)}% busy (spin-wait included): no headroom`);
  }
  const limit = ownLagLimitUs(step.rate_per_s);
  if (step.own_lag_p99_us > limit) {
    reasons.push(`driver's own schedule lag p99 ${step.own_lag_p99_us} µs > ${limit} µs (one interval at ${step.rate_per_s}/s, at least ${OWN_LAG_FLOOR_US} µs)`);
  }
  if (step.achieved_per_s < ACCURATE_FRACTION * step.rate_per_s) {
    reasons.push(`answered ${Math.round(step.achieved_per_s)}/s < ${ACCURATE_FRACTION * 100}% of ${step.rate_per_s}/s`);
  }
  return reasons.length === 0 ? null : `at ${step.rate_per_s}/s: ${reasons.join('; ')}`;
}

/** For a step whose total lag is over the limit only because of platform stalls: what the platform did. */
export function platformNote(step: MaxRateStep): string | null {
  const limit = ownLagLimitUs(step.rate_per_s);
  if (step.schedule_lag_p99_us <= limit || step.own_lag_p99_us > limit) return null;
  const p = step.platform;
  return (
    `at ${step.rate_per_s}/s: schedule lag p99 ${step.schedule_lag_p99_us} µs is the platform's: ${p.stalls} stalls on the driver's CPU ` +
    `(max ${p.max_stall_us} µs, ${(p.stall_share * 100).toFixed(2)}% of the time${p.recorder_realtime ? '' : ', recorder at normal priority'}) ` +
    `delayed ${p.stalled_sends} sends; the driver's own lag p99 is ${step.own_lag_p99_us} µs`
  );
}

export async function findMaxAccurateRate(run: StepRunner, o: MaxRateOptions): Promise<MaxRate> {
  const steps: MaxRateStep[] = [];
  const platform_notes: string[] = [];
  const judge = async (rate: number): Promise<string | null> => {
    const step = await run(rate);
    steps.push(step);
    const note = platformNote(step);
    if (note !== null) platform_notes.push(note);
    return inaccuracy(step);
  };
  const bracket = await bracketLimit(judge, o);
  const found = await bisectBracket(judge, bracket, o.resolution);
  return {
    max_accurate_rate_per_s: found.lo,
    first_inaccurate_rate_per_s: found.hi,
    resolution: o.resolution,
    stopped_by:
      found.ended === 'ceiling'
        ? `reached the ceiling of ${o.ceiling_per_s}/s`
        : found.ended === 'floor'
          ? `inaccurate down to ${found.hi}/s (floor ${o.floor_per_s}/s): ${found.why}`
          : found.why,
    platform_notes,
    steps,
  };
}
