// The independent units of a comparison: the ok repetitions of one scenario × processor, pooled
// over one or more runs, and the reasons any were set aside.
import { driverOwnReasons } from '../record/driver-health.ts';
import type { Capacity, Measurement, RunRecord } from '../results/schema.ts';
import type { MetricDef } from './metrics.ts';

export interface Units {
  measurements: Measurement[];
  capacity: Capacity[];
  /** Why repetitions were left out (failed, driver-limited), so the report can say so. */
  excluded: string[];
  /**
   * Repetitions kept but whose precision-driven measure phase ran to its cap without reaching the
   * target. They are the evidence there is (on a noisy machine, all of it), so they stay in, and
   * every output that uses them says how many: never averaged in silently.
   */
  not_to_precision: string[];
}

export interface UnitOptions {
  /** Keep repetitions where the driver could not keep its schedule (they measure the driver). */
  include_driver_limited?: boolean;
  /**
   * The metric the units are for. One the driver's side of the tail does not reach (clean
   * percentiles, the processor's CPU and memory) loses a driver-limited repetition only to the
   * driver's own limits; without a metric, every driver-limited repetition is set aside.
   */
  metric?: Pick<MetricDef, 'driver_tail_reaches'>;
}

/**
 * The driver reasons that set this repetition aside for the metric; null when it is kept. The one
 * rule: compare, gate and claims (unitsOf) and every view's figure (figure.ts) use it.
 */
export function driverLimitFor(m: Pick<Measurement, 'driver'>, opts: UnitOptions | undefined): string[] | null {
  const d = m.driver;
  if (!d?.driver_limited || opts?.include_driver_limited) return null;
  if (d.reasons.length === 0) return ['no reason given'];
  if (opts?.metric && !opts.metric.driver_tail_reaches) {
    const own = driverOwnReasons(d);
    return own.length ? own : null;
  }
  return d.reasons;
}

export function unitsOf(runs: readonly RunRecord[], scenario: string, processor: string, opts?: UnitOptions): Units {
  const measurements: Measurement[] = [];
  const capacity: Capacity[] = [];
  const excluded: string[] = [];
  const not_to_precision: string[] = [];
  for (const run of runs) {
    for (const m of run.measurements) {
      if (m.scenario !== scenario || m.processor !== processor) continue;
      const where = `${run.manifest.run_id} ${scenario}/${processor} r${m.repetition}`;
      const driverLimit = driverLimitFor(m, opts);
      if (m.status !== 'ok') excluded.push(`${where}: status ${m.status}`);
      else if (driverLimit) excluded.push(`${where}: driver-limited (${driverLimit.join('; ')})`);
      else {
        measurements.push(m);
        if (m.precision && !m.precision.reached) {
          const got = m.precision.half_width_pct === null ? 'no interval' : `±${m.precision.half_width_pct.toFixed(1)}%`;
          not_to_precision.push(`${where}: ${got} of ${m.precision.of} clean after ${m.precision.measured_s} s (target ±${m.precision.target_pct}%)`);
        }
      }
    }
    for (const c of run.capacity) {
      if (c.scenario !== scenario || c.processor !== processor) continue;
      if (c.status === 'ok') capacity.push(c);
      else excluded.push(`${run.manifest.run_id} ${scenario}/${processor} capacity: failed`);
    }
  }
  measurements.sort((x, y) => x.repetition - y.repetition);
  return { measurements, capacity, excluded, not_to_precision };
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
