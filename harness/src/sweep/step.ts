// One sweep step from the measurement the pipeline made of it: the figures the curve shows, the
// trend test and the verdict against the SLO. Everything here is read from the Measurement, so a
// step reports exactly what a run's measurement at that rate would.
import type { Measurement, PercentileInterval, PhaseResult } from '../results/schema.ts';
import type { LoadBasis, Slo, StepStage, SweepStep } from '../results/sweep-schema.ts';
import { judgeStep } from './slo.ts';
import { latencyTrend } from './trend.ts';

export interface StepContext {
  stage: StepStage;
  repetition: number;
  offered_rate_per_s: number;
  basis: LoadBasis[];
  slo: Slo;
  min_overload: number | undefined;
  measurement_file: string | null;
}

/**
 * The tail-share rule of record/driver-health.ts needs a tail to share out: below this many
 * requests slower than the p99 (a 1-second step at 100/s has one), a single late send is 100% of
 * it. Such a step is not called driver-limited on that evidence alone; the driver's own flags
 * (CPU, send rate) still count. Without this, the first low-rate steps would end a curve.
 */
export const MIN_SLOW_FOR_TAIL_SHARE = 10;
const TAIL_SHARE_REASON = /^driver-side causes explain/;

/** The driver's reasons that the step's evidence can bear. */
export function driverReasons(m: Measurement): string[] {
  const reasons = m.driver?.driver_limited ? m.driver.reasons : [];
  const slow = m.tail?.p99.slow ?? 0;
  return slow >= MIN_SLOW_FOR_TAIL_SHARE ? reasons : reasons.filter((r) => !TAIL_SHARE_REASON.test(r));
}

const fromPhase = (v: number | undefined): PercentileInterval | null => (v === undefined ? null : { value_us: v, lo_us: null, hi_us: null });

function rawOf(m: Measurement, measure: PhaseResult | undefined): SweepStep['raw'] {
  // v1 measurements have no intervals: the phase's percentiles alone.
  return {
    p50: m.raw_intervals?.p50 ?? fromPhase(measure?.corrected.p50_us),
    p99: m.raw_intervals?.p99 ?? fromPhase(measure?.corrected.p99_us),
    p999: m.raw_intervals?.p999 ?? fromPhase(measure?.corrected.p999_us),
  };
}

export function stepFromMeasurement(m: Measurement, c: StepContext): SweepStep {
  const measure = m.phases.find((p) => p.phase === 'measure');
  const achieved = measure && measure.duration_s > 0 ? measure.responses_ok / measure.duration_s : 0;
  const trend = latencyTrend(m.intervals.filter((i) => i.phase === 'measure' && i.requests > 0).map((i) => ({ t_s: i.t_s, p50_us: i.p50_us })), c.min_overload);
  const figures = {
    stage: c.stage,
    repetition: c.repetition,
    offered_rate_per_s: c.offered_rate_per_s,
    status: m.status,
    failure: m.failure,
    started_at: m.started_at,
    achieved_rate_per_s: achieved,
    achieved_share: achieved / c.offered_rate_per_s,
    events_per_s: measure?.events_per_s ?? 0,
    raw: rawOf(m, measure),
    clean: m.clean ? { p50: m.clean.p50, p99: m.clean.p99, p999: m.clean.p999 } : null,
    processor_cpu_utilisation: m.resources?.cpu_utilisation ?? null,
    driver_cpu_utilisation: m.driver?.cpu_utilisation ?? null,
    driver_schedule_lag_p99_us: m.driver?.schedule_lag_p99_us ?? null,
    steady_rss_bytes: m.resources?.steady_rss_bytes ?? null,
    peak_rss_bytes: m.resources?.peak_rss_bytes ?? null,
    gc: m.runtime ? { collector: m.runtime.collector, count: m.runtime.gc_count, pause_total_us: m.runtime.pause_total_us, pause_max_us: m.runtime.pause_max_us } : null,
    tail: m.tail ?? null,
    trend,
    driver_limited: driverReasons(m).length > 0,
    driver_reasons: driverReasons(m),
    basis: c.basis,
    corrected_hdr: measure?.corrected_hdr ?? '',
    measurement_file: c.measurement_file,
  };
  return { ...figures, verdict: judgeStep(figures, c.slo) };
}
