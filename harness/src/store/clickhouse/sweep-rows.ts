// A sweep as rows of sweep_results and sweep_steps (0010_sweeps.sql) and back. Pure functions:
// the round trip is tested without a server.
import { SweepResult, type ProcessorSweep, type ScenarioSweep, type SweepStep } from '../../results/sweep-schema.ts';
import { resultHeaderColumns, type Row } from './rows.ts';

export interface SweepRows {
  sweep_results: Row[];
  sweep_steps: Row[];
}

const bit = (b: boolean) => (b ? 1 : 0);

function stepRow(key: Row, seq: number, s: SweepStep, version: number): Row {
  return {
    ...key,
    seq,
    stage: s.stage,
    repetition: s.repetition,
    offered_rate_per_s: s.offered_rate_per_s,
    achieved_rate_per_s: s.achieved_rate_per_s,
    events_per_s: s.events_per_s,
    status: s.status,
    sustainable: bit(s.verdict.sustainable),
    failed_by: s.verdict.failed_by,
    driver_limited: bit(s.driver_limited),
    p50_us: s.raw.p50?.value_us ?? null,
    p99_us: s.raw.p99?.value_us ?? null,
    p999_us: s.raw.p999?.value_us ?? null,
    p99_clean_us: s.clean?.p99?.value_us ?? null,
    p99_clean_lo_us: s.clean?.p99?.lo_us ?? null,
    p99_clean_hi_us: s.clean?.p99?.hi_us ?? null,
    processor_cpu_utilisation: s.processor_cpu_utilisation,
    steady_rss_bytes: s.steady_rss_bytes,
    step_json: JSON.stringify(s),
    version,
  };
}

export function sweepRows(result: SweepResult, version: number): SweepRows {
  const { scenarios, ...run } = result;
  const runJson = JSON.stringify(run);
  const out: SweepRows = { sweep_results: [], sweep_steps: [] };
  scenarios.forEach((sc, scenario_position) => {
    const { processors, ...scenarioRest } = sc;
    const scenarioJson = JSON.stringify(scenarioRest);
    processors.forEach((p, position) => {
      const { steps, ...processorRest } = p;
      const key = { sweep_id: result.id, scenario: sc.scenario, processor: p.processor };
      const s = p.sustainable;
      out.sweep_results.push({
        ...key,
        scenario_position,
        position,
        ...resultHeaderColumns(result),
        threads: result.provenance.threads,
        profile: result.settings.profile,
        sustainable_rate_per_s: s?.rate_per_s ?? null,
        sustainable_events_per_s: s?.events_per_s ?? null,
        events_per_s_per_core: s?.events_per_s_per_core ?? null,
        lower_bound: bit(s?.lower_bound ?? false),
        confirmed: bit(s?.confirmation.confirmed ?? false),
        ended: s?.ended ?? '',
        first_unsustainable_rate_per_s: s?.first_unsustainable_rate_per_s ?? null,
        processor_json: JSON.stringify(processorRest),
        scenario_json: scenarioJson,
        run_json: runJson,
        version,
      });
      steps.forEach((step, seq) => out.sweep_steps.push(stepRow(key, seq, step, version)));
    });
  });
  return out;
}

export interface StoredSweepRows {
  results: ReadonlyArray<{ scenario: string; processor: string; scenario_position: unknown; position: unknown; processor_json: string; scenario_json: string; run_json: string }>;
  steps: ReadonlyArray<{ scenario: string; processor: string; seq: unknown; step_json: string }>;
}

/** Rows of one sweep (any order) back to the result; undefined for none. */
export function sweepFromRows(rows: StoredSweepRows): SweepResult | undefined {
  if (rows.results.length === 0) return undefined;
  const results = [...rows.results].sort((a, b) => Number(a.scenario_position) - Number(b.scenario_position) || Number(a.position) - Number(b.position));
  const stepsOf = new Map<string, Array<{ seq: number; step: unknown }>>();
  for (const r of rows.steps) {
    const k = `${r.scenario}\u0000${r.processor}`;
    stepsOf.set(k, [...(stepsOf.get(k) ?? []), { seq: Number(r.seq), step: JSON.parse(r.step_json) as unknown }]);
  }
  const scenarios: ScenarioSweep[] = [];
  for (const r of results) {
    let sc = scenarios.find((x) => x.scenario === r.scenario);
    if (!sc) {
      sc = { ...(JSON.parse(r.scenario_json) as Omit<ScenarioSweep, 'processors'>), processors: [] };
      scenarios.push(sc);
    }
    const steps = (stepsOf.get(`${r.scenario}\u0000${r.processor}`) ?? []).sort((a, b) => a.seq - b.seq).map((x) => x.step);
    sc.processors.push({ ...(JSON.parse(r.processor_json) as Omit<ProcessorSweep, 'steps'>), steps: steps as SweepStep[] });
  }
  const run = JSON.parse(results[0]!.run_json) as Omit<SweepResult, 'scenarios'>;
  return SweepResult.parse({ ...run, scenarios });
}
