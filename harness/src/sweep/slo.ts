// One step against the scenario's SLO: the latency bounds, the achieved rate and the trend. A
// driver-limited step that meets the SLO still counts (a driver that falls behind only makes the
// processor look worse); one that misses it cannot say whether the processor would have: its
// verdict names 'driver' too, and the search reports "at least" the rate below it. Only a driver
// reason that can reach the miss counts (the rule of compare/metrics.ts driver_tail_reaches): the
// driver's side of the tail beyond p99 can explain a raw p99 or p99.9 over its bound, never a p50,
// a clean percentile (those requests are set aside), the rate or a backlog; the driver's own limits
// (its CPU, its send rate) can explain any of them.
import { driverOwnReasons } from '../record/driver-health.ts';
import type { FailedBy, Slo, SloLatency, StepVerdict, SweepStep } from '../results/sweep-schema.ts';

export type JudgedFigures = Pick<SweepStep, 'status' | 'failure' | 'offered_rate_per_s' | 'achieved_share' | 'raw' | 'clean' | 'trend' | 'driver_limited' | 'driver_reasons'>;

const NAMES: Record<SloLatency['percentile'], string> = { p50: 'p50', p99: 'p99', p999: 'p99.9' };

function latencyOf(step: JudgedFigures, bound: SloLatency): { value_us: number | null; figure: 'clean' | 'raw' } {
  if (bound.figure === 'clean' && step.clean) return { value_us: step.clean[bound.percentile]?.value_us ?? null, figure: 'clean' };
  return { value_us: step.raw[bound.percentile]?.value_us ?? null, figure: 'raw' };
}

export function judgeStep(step: JudgedFigures, slo: Slo): StepVerdict {
  if (step.status !== 'ok') {
    return { sustainable: false, failed_by: ['error'], reasons: [`the measurement ${step.status === 'incomplete' ? 'was interrupted' : 'failed'}${step.failure ? ` at ${step.failure.stage}: ${step.failure.message}` : ''}`] };
  }
  const failed = new Set<FailedBy>();
  const reasons: string[] = [];
  let raw_tail_missed = false;
  for (const bound of slo.latency) {
    const { value_us, figure } = latencyOf(step, bound);
    const name = `${figure} ${NAMES[bound.percentile]}`;
    const fallback = figure !== bound.figure ? ' (no clean figure: raw used)' : '';
    if (value_us === null) {
      failed.add('latency');
      reasons.push(`no ${name}${fallback}`);
    } else if (value_us > bound.max_us) {
      failed.add('latency');
      if (figure === 'raw' && bound.percentile !== 'p50') raw_tail_missed = true;
      reasons.push(`${name} ${Math.round(value_us)} µs > ${bound.max_us} µs${fallback}`);
    }
  }
  if (step.achieved_share < slo.min_achieved_share) {
    failed.add('rate');
    reasons.push(`answered ${(step.achieved_share * 100).toFixed(1)}% of the offered ${Math.round(step.offered_rate_per_s)}/s < ${(slo.min_achieved_share * 100).toFixed(1)}%`);
  }
  if (slo.no_upward_trend && step.trend.growing) {
    failed.add('trend');
    const ms = (us: number | null) => ((us ?? 0) / 1000).toFixed(1);
    const overload_pct = ((step.trend.slope_us_per_s ?? 0) / 1e4).toFixed(1);
    reasons.push(`a backlog grew over the phase: p50 +${ms(step.trend.slope_us_per_s)} ms per s [${ms(step.trend.ci_low_us_per_s)}, ${ms(step.trend.ci_high_us_per_s)}], as from ${overload_pct}% more offered than served`);
  }
  if (step.driver_limited) {
    const reaching = raw_tail_missed ? step.driver_reasons : driverOwnReasons({ reasons: step.driver_reasons });
    if (failed.size === 0) {
      reasons.push(`driver-limited, yet the SLO held (${step.driver_reasons.join('; ')})`);
    } else if (reaching.length > 0) {
      failed.add('driver');
      reasons.push(`driver-limited, so the miss may be the driver's: ${reaching.join('; ')}`);
    } else {
      reasons.push(`the driver's side of the tail (${step.driver_reasons.join('; ')}) cannot explain this miss`);
    }
  }
  return { sustainable: failed.size === 0, failed_by: [...failed], reasons };
}
