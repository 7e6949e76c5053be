// Whether a measurement reports the server or the driver. The driver flags itself when its
// schedule lag p99 passes an absolute limit (1 ms), its CPU saturates, or it could not send at the
// target rate. On a virtual machine whose vCPUs are descheduled for milliseconds (this project's
// 2-core VM: even oha sees a 4.5 ms p99 against a server that does nothing), the absolute lag limit
// flags every run, which would leave the gate nothing to judge. What decides whether the driver
// distorts a figure is its lag RELATIVE to the latency it reports: a 3 ms lag under a 40 ms p99 is
// a small error; under a 4 ms p99 it is most of the figure. So the lag reason stands only when the
// lag p99 is also more than LAG_SHARE_LIMIT of the measured corrected p99; the other reasons stand
// as the driver gave them.
import type { DriverHealth } from '../results/schema.ts';
import type { DriverSummary } from '../drive/summary.ts';

export const LAG_SHARE_LIMIT = 0.25;
const LAG_REASON = /^schedule lag p99/;

export function driverHealth(summary: DriverSummary, measured_p99_us: number): DriverHealth {
  const h = summary.health;
  const lag_p99_us = h.schedule_lag_us.p99;
  const reasons = h.driver_limited_reasons.filter((r) => !LAG_REASON.test(r));
  const lagReason = h.driver_limited_reasons.find((r) => LAG_REASON.test(r));
  if (lagReason && lag_p99_us > LAG_SHARE_LIMIT * measured_p99_us) {
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
