// The v2 figures of one measurement from what the drive and sample stages collected: the raw
// percentiles' intervals, the platform stalls, the tail composition and the clean percentiles.
// Everything is put on the driver's time axis first (ns after its t0).
import type { OpenLoopRecords } from '../drive/records.ts';
import type { Clean, PercentileInterval, Platform, Tail } from '../results/schema.ts';
import type { TimeInterval } from './intervals-index.ts';
import type { PercentileEstimate } from './order-statistics.ts';
import { pauseSpans, type ObservedPauseNs } from './pause-attribution.ts';
import { platformOf, type RecordedStalls } from './platform.ts';
import { attributeRequests, cleanFigures, rawEstimates, tailComposition, type CleanInputs, type RequestAttribution, type TailEvidence } from './tail.ts';

/** A request sent this much later than intended with a connection free was held up by the driver. */
export const DRIVER_LAG_MIN_US = 500;

export interface GcCycleUnix {
  start_unix_ns: number;
  end_unix_ns: number;
}

export interface TailInputs {
  records: OpenLoopRecords;
  t0_unix_ns: bigint | number;
  warmup_s: number;
  measure_s: number;
  pauses: readonly ObservedPauseNs[];
  gc_cycles: readonly GcCycleUnix[];
  /** The stall recorder's output on the driver's axis, with the CPUs by role; undefined when it did not run. */
  stalls?: { recording: RecordedStalls; processor_cpus: readonly number[]; driver_cpus: readonly number[] } | undefined;
  idle_stall_share: number | null;
  p99_us: number;
  p999_us: number;
}

export interface TailFigures {
  raw_intervals: { p50: PercentileInterval | null; p99: PercentileInterval | null; p999: PercentileInterval | null };
  platform: Platform | null;
  tail: Tail;
  clean: Clean;
}

const interval = (e: PercentileEstimate | null): PercentileInterval | null => (e ? { value_us: e.value, lo_us: e.lo, hi_us: e.hi } : null);

interface Evidence {
  evidence: TailEvidence;
  platform: Platform | null;
  clean: CleanInputs;
}

/** Everything on the driver's axis: the pauses, the GC cycles and the stalls by role. */
function evidenceOf(x: TailInputs): Evidence {
  const from_ns = x.warmup_s * 1e9;
  const to_ns = (x.warmup_s + x.measure_s) * 1e9;
  const spans = pauseSpans(x.pauses, x.t0_unix_ns);
  const pauses: TimeInterval[] = Array.from(spans.start, (s, i) => ({ start_ns: s, end_ns: spans.end[i]! }));
  const t0 = Number(x.t0_unix_ns);
  const gc_cycles = x.gc_cycles.map((c) => ({ start_ns: c.start_unix_ns - t0, end_ns: c.end_unix_ns - t0 }));
  const p = x.stalls
    ? platformOf(x.stalls.recording, { processor_cpus: x.stalls.processor_cpus, driver_cpus: x.stalls.driver_cpus, measure_from_ns: from_ns, measure_to_ns: to_ns, idle_stall_share: x.idle_stall_share })
    : undefined;
  return {
    evidence: {
      processor_cpu_stalls: p?.processor_cpu_stalls ?? [],
      driver_cpu_stalls: p?.driver_cpu_stalls ?? [],
      pauses,
      gc_cycles,
      driver_lag_min_ns: DRIVER_LAG_MIN_US * 1000,
    },
    platform: p?.platform ?? null,
    clean: { stall_share: p?.platform.stall_share ?? 0, idle_stall_share: p ? x.idle_stall_share : null },
  };
}

export function tailOfMeasurement(x: TailInputs): TailFigures {
  const { evidence, platform, clean } = evidenceOf(x);
  const raw = rawEstimates(x.records);
  const c = cleanFigures(x.records, evidence, clean);
  return {
    raw_intervals: { p50: interval(raw.p50), p99: interval(raw.p99), p999: interval(raw.p999) },
    platform,
    tail: { p99: tailComposition(x.records, evidence, x.p99_us), p999: tailComposition(x.records, evidence, x.p999_us) },
    clean: { ...c, p50: interval(c.p50), p99: interval(c.p99), p999: interval(c.p999) },
  };
}

/** Per request, what tailOfMeasurement decided from the same inputs (record/tail.ts, attributeRequests). */
export function requestsOfMeasurement(x: TailInputs): RequestAttribution[] {
  const { evidence, clean } = evidenceOf(x);
  return attributeRequests(x.records, evidence, clean);
}
