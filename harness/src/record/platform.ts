// The stall recorder's output for one measurement, as the result stores it (Platform) and as the
// tail attribution uses it (stall intervals per role). Stalls arrive on the driver's time axis
// (ns after its t0; drive/stall-recording.ts moves them there).
//
// Which stalls count: the recorder lists every wake-up later than 100 µs, but under load
// 100–200 µs of kernel work (network softirq) lands on the busy CPUs: that is the workload's own
// cost, not the platform's (measured here: at a 100 µs threshold ~4% of requests were flagged,
// at 500 µs 0.13–1.8%, and the idle machine's stalls are 0.2–8 ms). So the attribution and the
// clean figures count stalls of at least ATTRIBUTION_STALL_US.
import type { Platform } from '../results/schema.ts';
import type { TimeInterval } from './intervals-index.ts';
import { coveredShare } from './tail.ts';

export const ATTRIBUTION_STALL_US = 500;
const MAX_STORED_STALLS = 2000;

export interface RecordedStalls {
  scheduling: { policy: 'fifo'; priority: number } | { policy: 'normal'; reason: string };
  period_us: number;
  threshold_us: number;
  self_cpu_utilisation: number;
  steal_share_by_cpu: ReadonlyMap<number, number | null>;
  /** Every listed stall, on the driver's axis. */
  stalls: readonly { cpu: number; start_ns: number; end_ns: number }[];
}

export interface PlatformContext {
  processor_cpus: readonly number[];
  driver_cpus: readonly number[];
  /** The measure phase on the driver's axis. */
  measure_from_ns: number;
  measure_to_ns: number;
  idle_stall_share: number | null;
}

export interface PlatformEvidence {
  platform: Platform;
  processor_cpu_stalls: TimeInterval[];
  driver_cpu_stalls: TimeInterval[];
}

type AxisStall = RecordedStalls['stalls'][number];

export interface StallEvidence {
  /** Stalls at or above the attribution threshold. */
  long: AxisStall[];
  processor_cpu_stalls: TimeInterval[];
  driver_cpu_stalls: TimeInterval[];
  /** Union over the CPUs, measure phase. */
  stall_share: number;
}

/** What the tail attribution and the clean figures take from the stalls (also live: record/live-clean.ts). */
export function stallEvidence(stalls: readonly AxisStall[], ctx: Omit<PlatformContext, 'idle_stall_share'>): StallEvidence {
  const min_ns = ATTRIBUTION_STALL_US * 1000;
  const long = stalls.filter((s) => s.end_ns - s.start_ns >= min_ns);
  const on = (cpus: readonly number[]) => long.filter((s) => cpus.includes(s.cpu)).map((s) => ({ start_ns: s.start_ns, end_ns: s.end_ns }));
  return {
    long,
    processor_cpu_stalls: on(ctx.processor_cpus),
    driver_cpu_stalls: on(ctx.driver_cpus),
    stall_share: ctx.measure_to_ns > ctx.measure_from_ns ? coveredShare(long, ctx.measure_from_ns, ctx.measure_to_ns) : 0,
  };
}

/**
 * A recorder at normal priority (no root) is kept off a CPU by the processor's and the driver's
 * own work too, so its stalls cannot be told from theirs: they are summarised (the result's
 * `scheduling` says "normal: ..."), but no request is attributed to them and none is set aside
 * from the clean figures for them. Measured here with a CPU-bound task on the watched CPU, 4 s:
 * stalls ≥ 500 µs covered 0.8% of the time at SCHED_FIFO and 2.3% at normal priority, so two
 * thirds of the normal-priority "stalls" were the busy task's own CPU time, which the clean figure
 * would have handed back to it.
 */
export function platformOf(rec: RecordedStalls, ctx: PlatformContext): PlatformEvidence {
  const fifo = rec.scheduling.policy === 'fifo';
  const { long, processor_cpu_stalls, driver_cpu_stalls, stall_share } = stallEvidence(rec.stalls, ctx);
  const inMeasure = (s: { start_ns: number; end_ns: number }) => s.end_ns > ctx.measure_from_ns && s.start_ns < ctx.measure_to_ns;
  const cpus = [...ctx.processor_cpus.map((cpu) => ({ cpu, role: 'processor' as const })), ...ctx.driver_cpus.map((cpu) => ({ cpu, role: 'driver' as const }))].map(({ cpu, role }) => {
    const mine = long.filter((s) => s.cpu === cpu && inMeasure(s));
    return {
      cpu,
      role,
      stalls: mine.length,
      stalls_over_1ms: mine.filter((s) => s.end_ns - s.start_ns > 1e6).length,
      stall_share: coveredShare(mine, ctx.measure_from_ns, ctx.measure_to_ns),
      max_stall_us: mine.reduce((m, s) => Math.max(m, (s.end_ns - s.start_ns) / 1000), 0),
      steal_share: rec.steal_share_by_cpu.get(cpu) ?? null,
    };
  });
  const stored = long.filter(inMeasure).slice(0, MAX_STORED_STALLS);
  return {
    platform: {
      scheduling: rec.scheduling.policy === 'fifo' ? `fifo ${rec.scheduling.priority}` : `normal: ${rec.scheduling.reason}`,
      period_us: rec.period_us,
      threshold_us: rec.threshold_us,
      attribution_threshold_us: ATTRIBUTION_STALL_US,
      recorder_cpu_utilisation: rec.self_cpu_utilisation,
      cpus,
      stall_share,
      idle_stall_share: ctx.idle_stall_share,
      stalls_induced: ctx.idle_stall_share && ctx.idle_stall_share > 0 ? stall_share / ctx.idle_stall_share : null,
      stalls: stored.map((s) => ({ cpu: s.cpu, start_s: s.start_ns / 1e9, duration_us: (s.end_ns - s.start_ns) / 1000 })),
    },
    processor_cpu_stalls: fifo ? processor_cpu_stalls : [],
    driver_cpu_stalls: fifo ? driver_cpu_stalls : [],
  };
}

/** The idle arm: the stall share of the idle machine over a recording window (same threshold). */
export function idleStallShare(rec: Pick<RecordedStalls, 'stalls'>, from_ns: number, to_ns: number): number {
  const min_ns = ATTRIBUTION_STALL_US * 1000;
  return coveredShare(rec.stalls.filter((s) => s.end_ns - s.start_ns >= min_ns), from_ns, to_ns);
}
