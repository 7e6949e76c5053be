// The load curves as a chart draws them: per scenario, per processor, one point per measured
// step (p50/p99/p99.9 raw and clean with their intervals, against the achieved rate), the SLO
// lines, the sustainable point, and the closed-loop ceilings. Plain JSON, the shape the
// dashboard's "latency against load" view and `report --sweep --format json` read, so neither
// needs to know how a sweep is searched.
import type { PercentileInterval } from '../results/schema.ts';
import type { AutocannonCrossCheck, FailedBy, NativeCeiling, ScenarioSweep, StepStage, SweepResult } from '../results/sweep-schema.ts';
import { sustainableWording } from './sustainable.ts';
import { failedAtCpuShare, isUnloadedMiss } from './unloaded-miss.ts';

export interface CurvePoint {
  stage: StepStage;
  repetition: number;
  offered_rate_per_s: number;
  achieved_rate_per_s: number;
  events_per_s: number;
  raw: { p50: PercentileInterval | null; p99: PercentileInterval | null; p999: PercentileInterval | null };
  clean: { p50: PercentileInterval | null; p99: PercentileInterval | null; p999: PercentileInterval | null } | null;
  /** Unsustainable points are drawn faded. */
  sustainable: boolean;
  failed_by: FailedBy[];
  reasons: string[];
  driver_limited: boolean;
  processor_cpu_utilisation: number | null;
  driver_cpu_utilisation: number | null;
  steady_rss_bytes: number | null;
  gc_pause_max_us: number | null;
  trend_slope_us_per_s: number | null;
}

export interface SloLine {
  label: string;
  percentile: 'p50' | 'p99' | 'p999';
  figure: 'clean' | 'raw';
  max_us: number;
}

export interface ProcessorCurve {
  processor: string;
  excluded: string | null;
  /** Curve, bisection and confirmation steps, by offered rate (equal-load points are in `equal_load`). */
  points: CurvePoint[];
  equal_load: Array<CurvePoint & { basis: Array<{ fraction: number; of: string }> }>;
  sustainable: {
    rate_per_s: number;
    events_per_s: number;
    events_per_s_per_core: number;
    lower_bound: boolean;
    confirmed: boolean;
    /** "confirmed", "at least (…)", "not confirmed (…)": how the figure must be read. */
    wording: string;
    next_failed_by: FailedBy[];
    next_reasons: string[];
    /** The sustainable rate over the native closed-loop ceiling: how far below its limit the SLO stopped it. */
    ceiling_share: number | null;
    /**
     * The processor's CPU at the step that failed (the rate above, or the lowest rate), as a share
     * of its THREADS budget. A miss at low utilisation is the latency floor of the machine or the
     * runtime, not a capacity.
     */
    failed_at_cpu_share: number | null;
    /** A latency miss at under a quarter of the budget (sweep/unloaded-miss.ts): not a capacity. */
    unloaded_miss: boolean;
  } | null;
  native_ceiling: NativeCeiling | null;
  autocannon: AutocannonCrossCheck | null;
}

export interface CurveView {
  sweep_id: string;
  scenario: string;
  events_per_request: number;
  slo: { lines: SloLine[]; min_achieved_share: number; no_upward_trend: boolean; source: ScenarioSweep['slo_source'] };
  processors: ProcessorCurve[];
}

const NAMES = { p50: 'p50', p99: 'p99', p999: 'p99.9' } as const;

export function curveViews(result: SweepResult): CurveView[] {
  return result.scenarios.map((sc) => ({
    sweep_id: result.id,
    scenario: sc.scenario,
    events_per_request: sc.events_per_request,
    slo: {
      lines: sc.slo.latency.map((l) => ({ label: `${l.figure} ${NAMES[l.percentile]} ≤ ${l.max_us} µs`, ...l })),
      min_achieved_share: sc.slo.min_achieved_share,
      no_upward_trend: sc.slo.no_upward_trend,
      source: sc.slo_source,
    },
    processors: sc.processors.map((p): ProcessorCurve => {
      const point = (s: (typeof p.steps)[number]): CurvePoint => ({
        stage: s.stage,
        repetition: s.repetition,
        offered_rate_per_s: s.offered_rate_per_s,
        achieved_rate_per_s: s.achieved_rate_per_s,
        events_per_s: s.events_per_s,
        raw: s.raw,
        clean: s.clean,
        sustainable: s.verdict.sustainable,
        failed_by: s.verdict.failed_by,
        reasons: s.verdict.reasons,
        driver_limited: s.driver_limited,
        processor_cpu_utilisation: s.processor_cpu_utilisation,
        driver_cpu_utilisation: s.driver_cpu_utilisation,
        steady_rss_bytes: s.steady_rss_bytes,
        gc_pause_max_us: s.gc?.collector ? s.gc.pause_max_us : null,
        trend_slope_us_per_s: s.trend.slope_us_per_s,
      });
      const byRate = (a: CurvePoint, b: CurvePoint) => a.offered_rate_per_s - b.offered_rate_per_s || a.repetition - b.repetition;
      const s = p.sustainable;
      return {
        processor: p.processor,
        excluded: p.excluded ? `${p.excluded.stage}: ${p.excluded.message}` : null,
        points: p.steps.filter((x) => x.stage !== 'equal-load').map(point).sort(byRate),
        equal_load: p.steps.filter((x) => x.stage === 'equal-load').map((x) => ({ ...point(x), basis: x.basis })).sort(byRate),
        sustainable: s
          ? {
              rate_per_s: s.rate_per_s,
              events_per_s: s.events_per_s,
              events_per_s_per_core: s.events_per_s_per_core,
              lower_bound: s.lower_bound,
              confirmed: s.confirmation.confirmed,
              wording: sustainableWording(s),
              next_failed_by: s.next_failed_by,
              next_reasons: s.next_reasons,
              ceiling_share: p.native_ceiling && p.native_ceiling.requests_per_s > 0 ? s.rate_per_s / p.native_ceiling.requests_per_s : null,
              failed_at_cpu_share: failedAtCpuShare(p),
              unloaded_miss: isUnloadedMiss(p),
            }
          : null,
        native_ceiling: p.native_ceiling,
        autocannon: p.autocannon,
      };
    }),
  }));
}
