// The driver's JSON summary (stdout), validated so a driver/harness mismatch fails loudly.
import { z } from 'zod';

const lagUs = z.object({ p50: z.number(), p99: z.number(), max: z.number(), samples: z.number() });

export const driverHealthSchema = z.object({
  /** Delay between a request's intended time and its send, for requests that found a free connection. */
  schedule_lag_us: lagUs,
  cpu_user_s: z.number(),
  cpu_system_s: z.number(),
  wall_s: z.number(),
  /** CPU time / wall time, spin-wait included (1 = one core). */
  cpu_utilisation: z.number(),
  spin_s: z.number(),
  /** CPU time net of spin-waiting / wall time: the share of a core needed for real work. */
  cpu_work_utilisation: z.number(),
  /** CPU time of the idle-priority thread that keeps the driver's CPU awake (0 without it); not in cpu_utilisation. */
  keep_awake_cpu_s: z.number(),
  /** Time the keep-awake thread stood aside because the driver kept its core busy anyway. */
  keep_awake_paused_s: z.number(),
  target_send_rate_per_s: z.number(),
  achieved_send_rate_per_s: z.number(),
  queued_fraction: z.number(),
  driver_limited: z.boolean(),
  driver_limited_reasons: z.array(z.string()),
});
export type DriverHealth = z.infer<typeof driverHealthSchema>;

export const driverSummarySchema = z.object({
  schema_version: z.literal(1),
  /** Unix ns (CLOCK_REALTIME) read next to the monotonic t0 all record times are relative to. */
  t0_unix_ns: z.string().regex(/^\d+$/),
  /** The same t0 on CLOCK_MONOTONIC (ns since boot): stall-recorder output lines up with the records through it exactly. */
  t0_monotonic_ns: z.string().regex(/^\d+$/),
  t0_pairing_uncertainty_ns: z.number(),
  records_path: z.string(),
  record_header_bytes: z.number(),
  record_bytes: z.number(),
  target: z.object({
    host: z.string(),
    port: z.number(),
    schedule: z.union([
      z.object({ kind: z.literal('constant'), rate_per_s: z.number() }),
      z.object({ kind: z.literal('ramp'), from_per_s: z.number(), to_per_s: z.number() }),
    ]),
    warmup_s: z.number(),
    measure_s: z.number(),
    connections: z.number(),
    timeout_ms: z.number(),
    stop_after_errors: z.number().nullable(),
    pool_entries: z.number(),
  }),
  counts: z.object({
    scheduled: z.number(),
    recorded: z.number(),
    warmup: z.number(),
    measure: z.number(),
    sent: z.number(),
    completed: z.number(),
    ok_2xx: z.number(),
    non_2xx: z.number(),
    errors: z.object({ connect: z.number(), timeout: z.number(), reset: z.number(), parse: z.number() }),
    never_sent: z.number(),
    reconnects: z.number(),
  }),
  stopped_early: z.boolean(),
  /** What ended the schedule: its end, stop_after_errors, or the harness (`control_stdin`: a precision-driven phase reached its target). */
  stopped_by: z.enum(['schedule', 'errors', 'control']),
  /** The measure phase as run: target.measure_s, or less when the schedule was stopped. */
  measured_s: z.number().nonnegative(),
  scheduler: z.object({ method: z.string(), spin_us: z.number(), keep_awake: z.boolean(), threads: z.number() }),
  health: driverHealthSchema,
});
export type DriverSummary = z.infer<typeof driverSummarySchema>;
