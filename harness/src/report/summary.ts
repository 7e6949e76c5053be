// The numbers the decision record's claims are read off: per scenario and processor, latency
// from the repetitions' merged histograms (percentiles are never averaged), memory, CPU, GC
// pauses and capacity, with ratios against a baseline processor.
import { TAIL_CAUSE_NAMES, type Measurement, type RunRecord } from '../results/schema.ts';

type TailCauseName = (typeof TAIL_CAUSE_NAMES)[number];
import { figureOf, type Figure } from '../compare/figure.ts';
import { median as medianOf } from '../stats/describe.ts';
import { mergedPercentiles } from './merge.ts';

export interface SummaryRow {
  scenario: string;
  processor: string;
  repetitions_ok: number;
  repetitions_failed: number;
  /** Not run or cut short by Ctrl-C. */
  repetitions_incomplete: number;
  /** From the merged measure-phase histograms (corrected: from the intended send time). */
  p50_us: number | null;
  p99_us: number | null;
  p999_us: number | null;
  max_us: number | null;
  /** Lowest and highest per-repetition p99: the spread a single run would hide. */
  p99_range_us: [number, number] | null;
  /**
   * The figures compare, gate, claims and the dashboard show, with the one interval they all give
   * (compare/figure.ts: geometric mean over the usable repetitions, t interval on the logs).
   */
  figures: { p99: Figure; p99_clean: Figure; steady_rss: Figure; cpu_per_million_events: Figure };
  achieved_rate_per_s: number | null;
  events_per_s: number | null;
  capacity_events_per_s: number | null;
  capacity_requests_per_s: number | null;
  peak_rss_bytes: number | null;
  steady_rss_bytes: number | null;
  cpu_s_per_million_events: number | null;
  gc_pause_total_us: number | null;
  gc_pause_max_us: number | null;
  collector: boolean | null;
  driver_limited: boolean;
  errors: number;
  failures: string[];
  /** v2: the processor's own p99 (record/tail.ts), median over repetitions, with the lowest and highest repetition's 95% bounds. */
  p99_clean_us: number | null;
  p99_clean_bounds_us: [number, number] | null;
  p999_clean_us: number | null;
  /** Median share of requests set aside from the clean figures. */
  set_aside_share: number | null;
  /** Stall share under this processor ÷ the idle machine's (median over repetitions). */
  stalls_induced: number | null;
  /** Requests slower than each repetition's p99, by primary cause, summed over repetitions. */
  tail_p99: { slow: number; counts: Record<TailCauseName, number> } | null;
  /** Precision-driven repetitions (v2.1): null when the phases had a fixed length. */
  precision: PrecisionSummary | null;
}

export interface PrecisionSummary {
  target_pct: number;
  of: 'p99' | 'p999';
  /** Repetitions whose clean percentile reached ±target_pct; the others are "not measured to precision". */
  reached: number;
  repetitions: number;
  /** The widest achieved half-width (% of the value); null when one repetition had no interval at all. */
  half_width_pct_max: number | null;
  measured_s_median: number | null;
}

export interface SummaryRatios {
  p99: number | null;
  p99_clean: number | null;
  p999: number | null;
  steady_rss: number | null;
  peak_rss: number | null;
  capacity: number | null;
  cpu_per_million_events: number | null;
}

export interface ScenarioSummary {
  scenario: string;
  baseline: string;
  rows: Array<SummaryRow & { vs_baseline: SummaryRatios }>;
}

/** Median of the finite values; null when there are none (the table prints a dash). */
export function median(values: number[]): number | null {
  const v = values.filter(Number.isFinite);
  return v.length === 0 ? null : medianOf(v);
}

const measurePhase = (m: Measurement) => m.phases.find((p) => p.phase === 'measure');
const errorsOf = (m: Measurement) => {
  const e = measurePhase(m)?.errors;
  return e ? e.http_4xx + e.http_5xx + e.connect + e.timeout + e.reset + e.parse : 0;
};

function row(run: RunRecord, scenario: string, processor: string): SummaryRow {
  const all = run.measurements.filter((m) => m.scenario === scenario && m.processor === processor);
  const ok = all.filter((m) => m.status === 'ok');
  const phases = ok.map(measurePhase).filter((p) => p !== undefined);
  const merged = phases.length ? mergedPercentiles(phases.map((p) => p.corrected_hdr)) : null;
  const p99s = phases.map((p) => p.corrected.p99_us);
  const cap = run.capacity.find((c) => c.scenario === scenario && c.processor === processor && c.status === 'ok');
  const res = ok.map((m) => m.resources).filter((r) => r !== null);
  const rt = ok.map((m) => m.runtime).filter((r) => r !== null);
  return {
    scenario,
    processor,
    repetitions_ok: ok.length,
    repetitions_failed: all.filter((m) => m.status === 'failed').length,
    repetitions_incomplete: all.filter((m) => m.status === 'incomplete').length,
    p50_us: merged?.p50_us ?? null,
    p99_us: merged?.p99_us ?? null,
    p999_us: merged?.p999_us ?? null,
    max_us: merged?.max_us ?? null,
    p99_range_us: p99s.length ? [Math.min(...p99s), Math.max(...p99s)] : null,
    figures: {
      p99: figureOf('p99', all),
      p99_clean: figureOf('p99_clean', all),
      steady_rss: figureOf('steady_rss', all),
      cpu_per_million_events: figureOf('cpu_per_million_events', all),
    },
    achieved_rate_per_s: median(phases.map((p) => p.achieved_rate_per_s)),
    events_per_s: median(phases.map((p) => p.events_per_s)),
    capacity_events_per_s: cap ? cap.events_per_s : null,
    capacity_requests_per_s: cap ? cap.requests_per_s : null,
    peak_rss_bytes: res.length ? Math.max(...res.map((r) => r.peak_rss_bytes)) : null,
    steady_rss_bytes: median(res.map((r) => r.steady_rss_bytes)),
    cpu_s_per_million_events: median(res.map((r) => r.cpu_s_per_million_events).filter((v) => v !== null)),
    gc_pause_total_us: median(rt.map((r) => r.pause_total_us)),
    gc_pause_max_us: rt.length ? Math.max(...rt.map((r) => r.pause_max_us)) : null,
    collector: rt.length ? rt.some((r) => r.collector) : null,
    driver_limited: ok.some((m) => m.driver?.driver_limited === true),
    errors: ok.reduce((s, m) => s + errorsOf(m), 0),
    failures: all.filter((m) => m.failure && m.status === 'failed').map((m) => `#${m.repetition + 1} ${m.failure!.stage}: ${m.failure!.message}`),
    ...cleanOf(ok),
    precision: precisionOf(ok),
  };
}

function precisionOf(ok: Measurement[]): PrecisionSummary | null {
  const p = ok.map((m) => m.precision).filter((x) => x !== null && x !== undefined);
  if (p.length === 0) return null;
  const widths = p.map((x) => x.half_width_pct);
  return {
    target_pct: p[0]!.target_pct,
    of: p[0]!.of,
    reached: p.filter((x) => x.reached).length,
    repetitions: p.length,
    half_width_pct_max: widths.some((w) => w === null) ? null : Math.max(...(widths as number[])),
    measured_s_median: median(p.map((x) => x.measured_s)),
  };
}

function cleanOf(ok: Measurement[]): Pick<SummaryRow, 'p99_clean_us' | 'p99_clean_bounds_us' | 'p999_clean_us' | 'set_aside_share' | 'stalls_induced' | 'tail_p99'> {
  const clean = ok.map((m) => m.clean).filter((c) => c !== null && c !== undefined);
  const p99s = clean.map((c) => c.p99).filter((p) => p !== null);
  const lows = p99s.map((p) => p.lo_us).filter((v) => v !== null);
  const highs = p99s.map((p) => p.hi_us).filter((v) => v !== null);
  const tails = ok.map((m) => m.tail).filter((t) => t !== null && t !== undefined);
  const counts = Object.fromEntries(TAIL_CAUSE_NAMES.map((c) => [c, tails.reduce((s, t) => s + t.p99.counts[c], 0)])) as Record<TailCauseName, number>;
  return {
    p99_clean_us: median(p99s.map((p) => p.value_us)),
    p99_clean_bounds_us: lows.length && highs.length ? [Math.min(...lows), Math.max(...highs)] : null,
    p999_clean_us: median(clean.map((c) => c.p999?.value_us ?? Number.NaN)),
    set_aside_share: median(clean.map((c) => c.set_aside_share)),
    stalls_induced: median(ok.map((m) => m.platform?.stalls_induced ?? Number.NaN)),
    tail_p99: tails.length ? { slow: tails.reduce((s, t) => s + t.p99.slow, 0), counts } : null,
  };
}

/** Events/s where the scenario carries events, requests/s otherwise. */
const capacityOf = (r: SummaryRow) => (r.capacity_events_per_s ? r.capacity_events_per_s : r.capacity_requests_per_s);
const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? a / b : null);

export function summarize(run: RunRecord, baseline = run.manifest.baseline): ScenarioSummary[] {
  const processors = run.manifest.processors.map((p) => p.name);
  return run.manifest.scenarios.map((scenario) => {
    const rows = processors.map((p) => row(run, scenario, p));
    const base = rows.find((r) => r.processor === baseline);
    return {
      scenario,
      baseline,
      rows: rows.map((r) => ({
        ...r,
        vs_baseline: {
          p99: ratio(r.p99_us, base?.p99_us ?? null),
          p99_clean: ratio(r.p99_clean_us, base?.p99_clean_us ?? null),
          p999: ratio(r.p999_us, base?.p999_us ?? null),
          steady_rss: ratio(r.steady_rss_bytes, base?.steady_rss_bytes ?? null),
          peak_rss: ratio(r.peak_rss_bytes, base?.peak_rss_bytes ?? null),
          capacity: ratio(capacityOf(r), base ? capacityOf(base) : null),
          cpu_per_million_events: ratio(r.cpu_s_per_million_events, base?.cpu_s_per_million_events ?? null),
        },
      })),
    };
  });
}
