// Samples → records of the result format: the median time of one call and its distribution-free
// interval, computed here for every tool alike (pyperf's records arrive computed the same way by
// interop/python/bench/results.py).
import { CI_METHOD, type MicrobenchRecord, type MicrobenchSampleSet } from '../results/microbench-schema.ts';
import { median } from '../stats/describe.ts';
import { medianInterval } from '../stats/median-interval.ts';

export const CI_LEVEL = 0.95;

export function recordOf(set: MicrobenchSampleSet, tool: string, runtime: string): MicrobenchRecord {
  const interval = medianInterval(set.samples_ns, CI_LEVEL);
  // Field order is the schema's (the Python writer's), so files from both read alike.
  return {
    name: set.name,
    implementation: set.implementation,
    language: set.language,
    tool,
    runtime,
    batch_size: set.batch_size,
    batch_unit: set.batch_unit,
    median_ns: median(set.samples_ns),
    ci_low_ns: interval?.low ?? null,
    ci_high_ns: interval?.high ?? null,
    ci_level: CI_LEVEL,
    ci_method: CI_METHOD,
    samples: set.samples_ns.length,
    iterations: set.iterations,
    samples_ns: [...set.samples_ns],
  };
}

/** Items per second at the median (events/s, reads/s, calls/s). */
export function itemsPerSecond(r: Pick<MicrobenchRecord, 'batch_size'>, ns: number): number {
  return (r.batch_size * 1e9) / ns;
}

/** "ingest/go/100": the identity of a record within one result. */
export function recordKey(r: Pick<MicrobenchRecord, 'name' | 'implementation' | 'batch_size'>): string {
  return `${r.name}/${r.implementation}/${r.batch_size}`;
}
