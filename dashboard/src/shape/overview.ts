// One row per scenario × processor for the Overview: the harness's figures (geometric mean over
// the usable repetitions, with its t interval on the logs: figure-interval.ts), and ratios against
// the run's baseline processor. Failed repetitions are counted, never averaged in.
import type { MeasurementView, RunView } from '../../../harness/src/serve/api-types.ts';
import { figureEstimate, median, valuesEstimate, type Estimate } from './figure-interval.ts';

export interface OverviewRow {
  scenario: string;
  processor: string;
  is_baseline: boolean;
  repetitions_ok: number;
  repetitions_total: number;
  p99_us: Estimate;
  p999_us: Estimate;
  /** The processor's own p99 (v2 runs: platform- and driver-delayed requests set aside), the same figure and interval as report's; null when none recorded it. */
  p99_clean_us: Estimate | null;
  /** False for runs written before the clean figures existed (v1): the view says "not recorded". */
  clean_recorded: boolean;
  /** p99 over the baseline's p99 (geometric means); null when the baseline has no value here. */
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
    p99_us: figureEstimate('p99', all),
    p999_us: figureEstimate('p999', all),
    p99_clean_us: ok.some((m) => typeof m.clean?.p99?.value_us === 'number') ? figureEstimate('p99_clean', all) : null,
    clean_recorded: ok.some((m) => m.clean !== undefined),
    p99_ratio: null,
    p999_ratio: null,
    peak_rss_bytes: figureEstimate('peak_rss', all),
    steady_rss_bytes: figureEstimate('steady_rss', all),
    achieved_rate_per_s: median(phases.map((p) => p.achieved_rate_per_s)),
    events_per_s: median(phases.map((p) => p.events_per_s)),
    capacity_requests_per_s: cap ? cap.requests_per_s : null,
    capacity_events_per_s: cap ? cap.events_per_s : null,
    cpu_s_per_million_events: ok.some((m) => typeof m.resources?.cpu_s_per_million_events === 'number') ? figureEstimate('cpu_per_million_events', all) : null,
    gc_pause_total_us: collected.length ? valuesEstimate(collected.map((m) => m.runtime!.pause_total_us)) : null,
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
