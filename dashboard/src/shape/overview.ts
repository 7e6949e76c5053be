// One row per scenario × processor for the Overview: medians over repetitions with bootstrap
// intervals, and ratios against the run's baseline processor. Failed repetitions are counted,
// never averaged in.
import type { MeasurementView, RunView } from '../../../harness/src/serve/api-types.ts';
import { bootstrapMedian, median, type Estimate } from './bootstrap.ts';

export interface OverviewRow {
  scenario: string;
  processor: string;
  is_baseline: boolean;
  repetitions_ok: number;
  repetitions_total: number;
  p99_us: Estimate;
  p999_us: Estimate;
  /** The processor's own p99 (v2 runs: platform- and driver-delayed requests set aside), median over repetitions; null when none recorded it. */
  p99_clean_us: Estimate | null;
  /** False for runs written before the clean figures existed (v1): the view says "not recorded". */
  clean_recorded: boolean;
  /** Median p99 over the baseline's median p99; null when the baseline has no value here. */
  p99_ratio: number | null;
  p999_ratio: number | null;
  peak_rss_bytes: Estimate;
  steady_rss_bytes: Estimate;
  achieved_rate_per_s: number;
  events_per_s: number;
  capacity_requests_per_s: number | null;
  capacity_events_per_s: number | null;
  cpu_s_per_million_events: Estimate | null;
  /** null: the runtime has no collector (or reported nothing). */
  gc_pause_total_us: Estimate | null;
  gc_count: number | null;
  driver_limited: boolean;
}

function measurePhase(m: MeasurementView) {
  return m.phases.find((p) => p.phase === 'measure');
}

function estimateOf(values: number[]): Estimate {
  return bootstrapMedian(values);
}

function nullableEstimate(values: Array<number | null | undefined>): Estimate | null {
  const present = values.filter((v): v is number => typeof v === 'number');
  return present.length ? estimateOf(present) : null;
}

function rowFor(run: RunView, scenario: string, processor: string): OverviewRow | undefined {
  const all = run.measurements.filter((m) => m.scenario === scenario && m.processor === processor);
  if (all.length === 0) return undefined;
  const ok = all.filter((m) => m.status === 'ok' && measurePhase(m));
  const phases = ok.map((m) => measurePhase(m)!);
  const cap = run.capacity.find((c) => c.scenario === scenario && c.processor === processor && c.status === 'ok');
  const collected = ok.filter((m) => m.runtime?.collector);
  return {
    scenario,
    processor,
    is_baseline: processor === run.manifest.baseline,
    repetitions_ok: ok.length,
    repetitions_total: all.length,
    p99_us: estimateOf(phases.map((p) => p.corrected.p99_us)),
    p999_us: estimateOf(phases.map((p) => p.corrected.p999_us)),
    p99_clean_us: nullableEstimate(ok.map((m) => m.clean?.p99?.value_us)),
    clean_recorded: ok.some((m) => m.clean !== undefined),
    p99_ratio: null,
    p999_ratio: null,
    peak_rss_bytes: estimateOf(ok.flatMap((m) => (m.resources ? [m.resources.peak_rss_bytes] : []))),
    steady_rss_bytes: estimateOf(ok.flatMap((m) => (m.resources ? [m.resources.steady_rss_bytes] : []))),
    achieved_rate_per_s: median(phases.map((p) => p.achieved_rate_per_s)),
    events_per_s: median(phases.map((p) => p.events_per_s)),
    capacity_requests_per_s: cap ? cap.requests_per_s : null,
    capacity_events_per_s: cap ? cap.events_per_s : null,
    cpu_s_per_million_events: nullableEstimate(ok.map((m) => m.resources?.cpu_s_per_million_events)),
    gc_pause_total_us: collected.length ? estimateOf(collected.map((m) => m.runtime!.pause_total_us)) : null,
    gc_count: collected.length ? median(collected.map((m) => m.runtime!.gc_count)) : null,
    driver_limited: ok.some((m) => m.driver?.driver_limited),
  };
}

function ratio(a: number, b: number | undefined): number | null {
  return b !== undefined && b > 0 && Number.isFinite(a) ? a / b : null;
}

/** Rows in the manifest's scenario and processor order. */
export function overviewRows(run: RunView): OverviewRow[] {
  const rows: OverviewRow[] = [];
  for (const scenario of run.manifest.scenarios) {
    const forScenario = run.manifest.processors
      .map((p) => rowFor(run, scenario, p.name))
      .filter((r): r is OverviewRow => r !== undefined);
    const base = forScenario.find((r) => r.is_baseline);
    for (const r of forScenario) {
      r.p99_ratio = ratio(r.p99_us.estimate, base?.p99_us.estimate);
      r.p999_ratio = ratio(r.p999_us.estimate, base?.p999_us.estimate);
      rows.push(r);
    }
  }
  return rows;
}
