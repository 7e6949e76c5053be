// The stall recorder's output (harness/driver, `stall-recorder`; format in harness/driver/README.md),
// validated so a binary/harness mismatch fails loudly, and its stalls moved onto another process's
// time axis (the driver's records) through the CLOCK_MONOTONIC t0 both report.
import { z } from 'zod';

const digits = z.string().regex(/^\d+$/);
const ns = z.number().int().nonnegative();

export const stallSchema = z.object({
  cpu: z.number().int().nonnegative(),
  /** ns after the recorder's t0: the first wake-up tick the recorder's thread missed. */
  start_ns: ns,
  /** ns after the recorder's t0: when the thread ran again. */
  end_ns: ns,
});
export type Stall = z.infer<typeof stallSchema>;

const stealSchema = z.object({
  start_ticks: ns,
  end_ticks: ns,
  ticks_per_s: ns,
  steal_ns: ns,
  /** steal_ns / the recording's wall time. */
  share: z.number().nonnegative(),
});

export const cpuStallSummarySchema = z.object({
  cpu: z.number().int().nonnegative(),
  wakeups: ns,
  /** Every stall seen, listed or not. */
  stalls: ns,
  /** Stalls counted in every figure here but not listed (the per-CPU cap was reached). */
  stalls_dropped: ns,
  stall_time_ns: ns,
  stalls_over_1ms: ns,
  max_stall_ns: ns,
  /** From the first tick to the last wake-up. */
  observed_ns: ns,
  /** stall_time_ns / observed_ns. */
  stall_share: z.number().nonnegative(),
  /** CPU time of the recorder's thread on this CPU: its own cost there. */
  recorder_cpu_ns: ns,
  /** Steal time from /proc/stat over the recording; null when the kernel does not report it. */
  steal: stealSchema.nullable(),
});
export type CpuStallSummary = z.infer<typeof cpuStallSummarySchema>;

export const stallRecordingSchema = z.object({
  schema_version: z.literal(1),
  tool: z.literal('stall-recorder'),
  /** The recorder's t0 on CLOCK_MONOTONIC (ns since boot); every start_ns / end_ns is relative to it. */
  t0_monotonic_ns: digits,
  /** The same instant on CLOCK_REALTIME (Unix ns). */
  t0_unix_ns: digits,
  t0_pairing_uncertainty_ns: ns,
  wall_ns: ns,
  period_us: ns,
  threshold_us: ns,
  max_stalls_per_cpu: ns,
  scheduling: z.discriminatedUnion('policy', [
    z.object({ policy: z.literal('fifo'), priority: z.number().int(), realtime: z.literal(true) }),
    /** Normal priority: stalls then include time other normal-priority work held the CPU. */
    z.object({ policy: z.literal('normal'), priority: z.literal(0), realtime: z.literal(false), reason: z.string() }),
  ]),
  stopped_by: z.enum(['stdin closed', 'SIGTERM', 'SIGINT']),
  /** The whole recorder process: its cost, as a share of one core (utilisation). */
  self_cpu: z.object({ user_ns: ns, system_ns: ns, utilisation: z.number().nonnegative() }),
  cpus: z.array(cpuStallSummarySchema),
  /** Listed stalls of every CPU, by start time. */
  stalls: z.array(stallSchema),
});
export type StallRecording = z.infer<typeof stallRecordingSchema>;

/**
 * The recording's stalls with times relative to another t0 on CLOCK_MONOTONIC (e.g. the driver's
 * `t0_monotonic_ns`), so they share an axis with that process's records. Both clocks are the same
 * clock, so the shift is exact. A stall before the other t0 gets negative times.
 */
export function stallsRelativeTo(recording: Pick<StallRecording, 't0_monotonic_ns' | 'stalls'>, t0_monotonic_ns: string | bigint): Stall[] {
  const shift = Number(BigInt(recording.t0_monotonic_ns) - BigInt(t0_monotonic_ns));
  return recording.stalls.map((s) => ({ cpu: s.cpu, start_ns: s.start_ns + shift, end_ns: s.end_ns + shift }));
}
