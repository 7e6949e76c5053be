// "Latency against load": a sweep's curve views (harness/src/sweep/curve-view.ts) as the chart
// and the table draw them. One series per processor and percentile, x the ACHIEVED rate (what the
// processor really answered, not what was offered), y the latency with its interval as a whisker.
import type { CurvePoint, CurveView, ProcessorCurve } from '../../../harness/src/sweep/curve-view.ts';
import { formatDuration } from '../format/duration.ts';
import { formatRate } from '../format/quantity.ts';

export const LOAD_PERCENTILES = ['p50', 'p99', 'p999'] as const;
export type LoadPercentile = (typeof LOAD_PERCENTILES)[number];
export const PERCENTILE_LABELS: Record<LoadPercentile, string> = { p50: 'p50', p99: 'p99', p999: 'p99.9' };

export type LoadFigure = 'clean' | 'raw';

/** A lower bound of 0 has no place on a log axis: the whisker stops just above it. */
const LOG_FLOOR_SHARE = 0.99;

export interface LoadChartPoint {
  processor: string;
  percentile: LoadPercentile;
  achieved_rate_per_s: number;
  value_us: number;
  /** [below, above] the value: what recharts' ErrorBar draws; [0, 0] without an interval. */
  whisker_us: [number, number];
  sustainable: boolean;
  /** The step the sustainable figure stands on (its highest sustainable curve/bisect/confirm step). */
  is_sustainable_point: boolean;
  step: CurvePoint;
}

export interface LoadSeries {
  processor: string;
  percentile: LoadPercentile;
  points: LoadChartPoint[];
}

/** The figure the SLO is stated in (clean unless it names raw), so the SLO line and the curve agree. */
export function sloFigure(view: CurveView): LoadFigure {
  return view.slo.lines[0]?.figure ?? 'clean';
}

/** The step the sustainable point is drawn on: the first sustainable step at the sustainable rate (bisection and confirmation can share a rate). */
function sustainableStep(p: ProcessorCurve): CurvePoint | undefined {
  const rate = p.sustainable?.rate_per_s;
  if (!rate) return undefined;
  return p.points.find((s) => s.offered_rate_per_s === rate && s.sustainable) ?? p.points.find((s) => s.offered_rate_per_s === rate);
}

/** Series by processor then percentile; steps without the figure (no clean percentiles) or that answered nothing (no place on a log axis) are left out. */
export function loadSeries(view: CurveView, figure: LoadFigure): LoadSeries[] {
  const out: LoadSeries[] = [];
  for (const p of view.processors) {
    if (p.excluded) continue;
    const marked = sustainableStep(p);
    for (const percentile of LOAD_PERCENTILES) {
      const points: LoadChartPoint[] = [];
      for (const step of p.points) {
        const pi = (figure === 'clean' ? step.clean : step.raw)?.[percentile];
        if (!pi || step.achieved_rate_per_s <= 0) continue;
        points.push({
          processor: p.processor,
          percentile,
          achieved_rate_per_s: step.achieved_rate_per_s,
          value_us: pi.value_us,
          whisker_us: [pi.lo_us === null ? 0 : Math.min(Math.max(0, pi.value_us - pi.lo_us), pi.value_us * LOG_FLOOR_SHARE), pi.hi_us === null ? 0 : Math.max(0, pi.hi_us - pi.value_us)],
          sustainable: step.sustainable,
          is_sustainable_point: step === marked,
          step,
        });
      }
      points.sort((a, b) => a.achieved_rate_per_s - b.achieved_rate_per_s);
      if (points.length) out.push({ processor: p.processor, percentile, points });
    }
  }
  return out;
}

const interval = (pi: { value_us: number; lo_us: number | null; hi_us: number | null } | null | undefined): string =>
  !pi ? '—' : pi.lo_us !== null && pi.hi_us !== null ? `${formatDuration(pi.value_us)} [${formatDuration(pi.lo_us)}, ${formatDuration(pi.hi_us)}]` : formatDuration(pi.value_us);

const cores = (v: number | null): string => (v === null ? '—' : `${v.toFixed(2)} cores`);

/** The hover of one step: its rates, p99 raw and clean with intervals, CPU, and why it failed. */
export function stepFigures(step: CurvePoint): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ['step', `${step.stage}${step.repetition ? ` #${step.repetition + 1}` : ''}`],
    ['offered', formatRate(step.offered_rate_per_s, 'req/s')],
    ['achieved', formatRate(step.achieved_rate_per_s, 'req/s')],
    ['p99 raw', interval(step.raw.p99)],
    ['p99 clean', interval(step.clean?.p99)],
    ['processor CPU', cores(step.processor_cpu_utilisation)],
    ['driver CPU', cores(step.driver_cpu_utilisation)],
  ];
  if (step.driver_limited) rows.push(['driver', 'limited by the driver']);
  rows.push(['SLO', step.sustainable ? 'met' : `failed: ${step.reasons.join('; ') || step.failed_by.join(', ')}`]);
  return rows;
}

export interface SustainableRow {
  processor: string;
  /** null: excluded, or no search result (interrupted). */
  requests_per_s: string | null;
  events_per_s: string | null;
  events_per_s_per_core: string | null;
  /** "confirmed", "at least (…)", "not confirmed (…)", or why there is no figure. */
  wording: string;
  lower_bound: boolean;
  next_failed: string;
  /** The sustainable rate as a share of the native closed-loop ceiling ("—": no ceiling). */
  of_ceiling: string;
  /** Set when the rate above failed its latency bound with the processor nearly idle: not a capacity. */
  floor_warning: string | null;
}

/** The table under the chart: each processor's sustainable throughput and why the rate above failed. */
export function sustainableRows(view: CurveView): SustainableRow[] {
  return view.processors.map((p): SustainableRow => {
    const s = p.sustainable;
    if (!s) return { processor: p.processor, requests_per_s: null, events_per_s: null, events_per_s_per_core: null, wording: p.excluded ? `not swept: ${p.excluded}` : 'no result (the sweep stopped before the search)', lower_bound: false, next_failed: '—', of_ceiling: '—', floor_warning: null };
    return {
      processor: p.processor,
      requests_per_s: formatRate(s.rate_per_s, 'req/s'),
      events_per_s: view.events_per_request > 0 ? formatRate(s.events_per_s, 'events/s') : '—',
      events_per_s_per_core: view.events_per_request > 0 ? formatRate(s.events_per_s_per_core, 'events/s') : '—',
      wording: s.wording,
      lower_bound: s.lower_bound,
      next_failed: s.next_reasons.join('; ') || s.next_failed_by.join(', ') || '—',
      of_ceiling: s.ceiling_share === null ? '—' : `${(s.ceiling_share * 100).toPrecision(2)}%`,
      floor_warning: s.unloaded_miss
        ? `the rate above failed at ${Math.round((s.failed_at_cpu_share ?? 0) * 100)}% of the processor's budget: the latency floor of this machine or runtime, not a capacity`
        : null,
    };
  });
}

/** The x-axis domain: the achieved rates drawn, with a little room either side on the log scale. */
export function rateDomain(series: readonly LoadSeries[]): [number, number] {
  const xs = series.flatMap((s) => s.points.map((p) => p.achieved_rate_per_s));
  if (!xs.length) return [1, 10];
  return [Math.min(...xs) / 1.1, Math.max(...xs) * 1.1];
}

/** The y-axis domain: every value, whisker and SLO bound inside it (log scale: strictly positive). */
export function latencyDomain(series: readonly LoadSeries[], slo_us: readonly number[]): [number, number] {
  const ys = [...series.flatMap((s) => s.points.flatMap((p) => [p.value_us - p.whisker_us[0], p.value_us + p.whisker_us[1]])), ...slo_us].filter((v) => v > 0);
  if (!ys.length) return [1, 1000];
  return [Math.min(...ys) / 1.3, Math.max(...ys) * 1.3];
}
