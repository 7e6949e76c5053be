// Whether a measurement reports the server or the driver, decided by evidence. Reasons:
//   - the driver could not send at the target rate, or its CPU saturated (the driver's own flags);
//   - driver-side causes explain more than DRIVER_TAIL_SHARE_LIMIT of the requests slower than
//     the p99: platform stalls on the driver's CPU plus requests the driver sent late
//     (record/tail.ts attributes every slow request to one cause).
// The old rule (lag p99 above 1 ms and above 25% of the p99) missed a repetition whose driver lag
// p99 was 9.9 ms under a 45.5 ms p99, and flagged quiet runs on a VM whose timer wake-ups are late.
// The driver's absolute lag flag is kept in the reasons only when the tail evidence is missing.
import type { DriverHealth, Tail } from '../results/schema.ts';
import type { DriverSummary } from '../drive/summary.ts';

/** More than this share of the p99 tail explained by the driver's side makes the repetition driver-limited. */
export const DRIVER_TAIL_SHARE_LIMIT = 0.25;
/** Without tail evidence: the lag flag stands when the lag p99 is more than this share of the measured p99. */
export const LAG_SHARE_LIMIT = 0.25;
const LAG_REASON = /^schedule lag p99/;
/** How the tail reason starts: driverOwnReasons tells it from the driver's own limits by it. */
const TAIL_REASON_PREFIX = 'driver-side causes explain';

export function driverTailShare(tail: Tail): number {
  const t = tail.p99;
  return t.slow === 0 ? 0 : (t.counts.platform_driver_cpu + t.counts.driver_lag) / t.slow;
}

export function driverHealth(summary: DriverSummary, measured_p99_us: number, tail?: Tail | null): DriverHealth {
  const h = summary.health;
  const lag_p99_us = h.schedule_lag_us.p99;
  const reasons = h.driver_limited_reasons.filter((r) => !LAG_REASON.test(r));
  const lagReason = h.driver_limited_reasons.find((r) => LAG_REASON.test(r));
  if (tail) {
    const share = driverTailShare(tail);
    if (share > DRIVER_TAIL_SHARE_LIMIT) {
      reasons.push(`${TAIL_REASON_PREFIX} ${Math.round(100 * share)}% of the requests slower than p99 (stalls on the driver's CPU ${tail.p99.counts.platform_driver_cpu}, sent late ${tail.p99.counts.driver_lag} of ${tail.p99.slow})`);
    }
  } else if (lagReason && lag_p99_us > LAG_SHARE_LIMIT * measured_p99_us) {
    reasons.push(`${lagReason}, and ${Math.round((100 * lag_p99_us) / Math.max(1, measured_p99_us))}% of the measured p99`);
  }
  return {
    driver_limited: reasons.length > 0,
    reasons,
    schedule_lag_p50_us: h.schedule_lag_us.p50,
    schedule_lag_p99_us: lag_p99_us,
    schedule_lag_max_us: h.schedule_lag_us.max,
    cpu_utilisation: h.cpu_utilisation,
  };
}

/**
 * The reasons that are the driver's own limits (it could not send at the rate, its CPU saturated,
 * or, without tail evidence, its lag): everything but the tail-share reason, which says the
 * driver's side explains the raw tail, something the clean figures and the processor's own
 * resources do not see (compare/metrics.ts `driver_tail_reaches`).
 */
export function driverOwnReasons(d: Pick<DriverHealth, 'reasons'>): string[] {
  return d.reasons.filter((r) => !r.startsWith(TAIL_REASON_PREFIX));
}
