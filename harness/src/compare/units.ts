// The independent units of a comparison: the ok repetitions of one scenario × processor, pooled
// over one or more runs, and the reasons any were set aside.
import type { Capacity, Measurement, RunRecord } from '../results/schema.ts';

export interface Units {
  measurements: Measurement[];
  capacity: Capacity[];
  /** Why repetitions were left out (failed, driver-limited), so the report can say so. */
  excluded: string[];
}

export interface UnitOptions {
  /** Keep repetitions where the driver could not keep its schedule (they measure the driver). */
  include_driver_limited?: boolean;
}

export function unitsOf(runs: readonly RunRecord[], scenario: string, processor: string, opts?: UnitOptions): Units {
  const measurements: Measurement[] = [];
  const capacity: Capacity[] = [];
  const excluded: string[] = [];
  for (const run of runs) {
    for (const m of run.measurements) {
      if (m.scenario !== scenario || m.processor !== processor) continue;
      const where = `${run.manifest.run_id} ${scenario}/${processor} r${m.repetition}`;
      if (m.status !== 'ok') excluded.push(`${where}: status ${m.status}`);
      else if (m.driver?.driver_limited && !opts?.include_driver_limited) excluded.push(`${where}: driver-limited (${m.driver.reasons.join('; ') || 'no reason given'})`);
      else measurements.push(m);
    }
    for (const c of run.capacity) {
      if (c.scenario !== scenario || c.processor !== processor) continue;
      if (c.status === 'ok') capacity.push(c);
      else excluded.push(`${run.manifest.run_id} ${scenario}/${processor} capacity: failed`);
    }
  }
  measurements.sort((x, y) => x.repetition - y.repetition);
  return { measurements, capacity, excluded };
}

/** Scenarios and processors that have at least one measurement or capacity record in these runs. */
export function coverage(runs: readonly RunRecord[]): { scenarios: string[]; processors: string[] } {
  const scenarios = new Set<string>();
  const processors = new Set<string>();
  for (const run of runs) {
    for (const x of [...run.measurements, ...run.capacity]) {
      scenarios.add(x.scenario);
      processors.add(x.processor);
    }
  }
  return { scenarios: [...scenarios].sort(), processors: [...processors].sort() };
}
