// The clean percentile of a measure phase still running, for the precision check: the same rule
// as the recorded figure (record/tail.ts, record/platform.ts) over what has been seen so far.
// Runtime pauses and GC cycles only matter for the tail composition, never for the clean figure,
// so the live check needs the driver's records and the platform stalls alone.
import type { OpenLoopRecords } from '../drive/records.ts';
import type { PercentileEstimate } from './order-statistics.ts';
import { stallEvidence, type RecordedStalls } from './platform.ts';
import { cleanFigures } from './tail.ts';
import { DRIVER_LAG_MIN_US } from './tail-of-measurement.ts';

export interface LiveCleanInputs {
  /** The records so far (drive/record-stream.ts), in-flight ones at their latency so far. */
  records: OpenLoopRecords;
  /** Stalls so far on the driver's axis; undefined when no stall recorder runs. */
  stalls: RecordedStalls['stalls'] | undefined;
  processor_cpus: readonly number[];
  driver_cpus: readonly number[];
  warmup_s: number;
  /** Driver time up to which the records are complete. */
  until_ns: number;
  idle_stall_share: number | null;
}

export function liveCleanEstimate(x: LiveCleanInputs, of: 'p99' | 'p999'): PercentileEstimate | null {
  const from_ns = x.warmup_s * 1e9;
  const e = x.stalls ? stallEvidence(x.stalls, { processor_cpus: x.processor_cpus, driver_cpus: x.driver_cpus, measure_from_ns: from_ns, measure_to_ns: x.until_ns }) : undefined;
  const c = cleanFigures(
    x.records,
    { processor_cpu_stalls: e?.processor_cpu_stalls ?? [], driver_cpu_stalls: e?.driver_cpu_stalls ?? [], pauses: [], gc_cycles: [], driver_lag_min_ns: DRIVER_LAG_MIN_US * 1000 },
    { stall_share: e?.stall_share ?? 0, idle_stall_share: e ? x.idle_stall_share : null },
  );
  return c[of];
}
