// One step against the scenario's SLO: the latency bounds, the achieved rate and the trend. A
// driver-limited step that meets the SLO still counts (a driver that falls behind only makes the
// processor look worse); one that misses it cannot say whether the processor would have: its
// verdict names 'driver' too, and the search reports "at least" the rate below it.
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
  for (const bound of slo.latency) {
    const { value_us, figure } = latencyOf(step, bound);
    const name = `${figure} ${NAMES[bound.percentile]}`;
    const fallback = figure !== bound.figure ? ' (no clean figure: raw used)' : '';
    if (value_us === null) {
      failed.add('latency');
      reasons.push(`no ${name}${fallback}`);
    } else if (value_us > bound.max_us) {
      failed.add('latency');
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
    if (failed.size > 0) {
      failed.add('driver');
      reasons.push(`driver-limited, so the miss may be the driver's: ${step.driver_reasons.join('; ')}`);
    } else {
      reasons.push(`driver-limited, yet the SLO held (${step.driver_reasons.join('; ')})`);
    }
  }
  return { sustainable: failed.size === 0, failed_by: [...failed], reasons };
}
