// The calibration result: how good our load driver is on this machine, measured side by side
// with a reference open-loop tool and with autocannon. Stored under calibration/ (beside results/, not in it: it is not a run).
import type { CapacityResult } from '../drive/closed-loop.ts';

/** Latency of one open-loop run against trivial-server, corrected (from intended time), µs. */
export interface OpenLoopLatencyUs {
  p50_us: number;
  p90_us: number;
  p99_us: number;
  p99_9_us: number;
  max_us: number;
  /** Responses per second in the measured phase. */
  achieved_per_s: number;
  responses: number;
  errors: number;
}

export interface DriverRun extends OpenLoopLatencyUs {
  schedule_lag_p99_us: number;
  schedule_lag_max_us: number;
  cpu_utilisation: number;
  cpu_work_utilisation: number;
  /** CPU of the idle-priority thread keeping the driver's core awake, as a share of that core (0 without it). */
  keep_awake_cpu_utilisation: number;
  driver_limited: boolean;
  driver_limited_reasons: string[];
}

export interface Medians {
  p50_us: number;
  p99_us: number;
  max_us: number;
}

export type ReferenceTool =
  | { available: true; tool: 'oha'; version: string; command: string[]; runs: OpenLoopLatencyUs[]; median: Medians }
  | { available: false; tool: 'oha'; install_hint: string };

/** Platform stalls on the driver's CPU(s) during one step, from the stall recorder. */
export interface StepPlatform {
  stalls: number;
  stalls_over_1ms: number;
  max_stall_us: number;
  /** Share of the step's wall time the driver's CPU was stalled (the most stalled CPU). */
  stall_share: number;
  /** Sends whose lateness window overlapped a stall. */
  stalled_sends: number;
  /** Whether the recorder ran at real-time priority (otherwise its stalls include other normal-priority work). */
  recorder_realtime: boolean;
}

export interface MaxRateStep {
  rate_per_s: number;
  /** Requests per second the driver sent in the measure phase (its own health figure). */
  achieved_send_per_s: number;
  /** Responses per second in the measure phase. */
  achieved_per_s: number;
  p99_us: number;
  /** Schedule lag p99 over every send that found a free connection: the driver's own figure. */
  schedule_lag_p99_us: number;
  /** The same without the sends a platform stall on the driver's CPU delayed: what the driver answers for. */
  own_lag_p99_us: number;
  /** The driver's CPU net of spin-waiting (1 = one core): tells a driver limit from a server limit. */
  cpu_work_utilisation: number;
  /** The driver's CPU with spin-waiting: how busy it kept its core (the keep-awake thread not counted). */
  cpu_utilisation: number;
  platform: StepPlatform;
}

export interface MaxRate {
  /** Highest rate at which the driver kept its schedule, was not the bottleneck and ≥ 97 % was answered. */
  max_accurate_rate_per_s: number;
  /** Lowest rate found inaccurate (the search's upper bracket); null when the ceiling was accurate. */
  first_inaccurate_rate_per_s: number | null;
  /** The bisection stops when first_inaccurate / max_accurate ≤ 1 + resolution. */
  resolution: number;
  /** Why the rate above the maximum is not accurate (or that the ceiling was reached). */
  stopped_by: string;
  /** Steps whose schedule lag came from platform stalls, not the driver: reported, not held against it. */
  platform_notes: string[];
  steps: MaxRateStep[];
}

export interface DriverFloor {
  realtime: boolean;
  rate_per_s: number;
  measure_s: number;
  p50_us: number;
  p99_us: number;
  max_us: number;
  schedule_lag_p99_us: number;
  driver_limited: boolean;
  cpus: { server: string; driver: string };
}

export interface CalibrationResult {
  schema_version: 2;
  created_at: string;
  machine: { cpu_count: number; cpu_model: string; kernel: string; load_avg_1m_before: number; load_avg_1m_after: number };
  pinning: { server_cpus: string; load_cpus: string; realtime: boolean };
  rate_per_s: number;
  duration_s: number;
  connections: number;
  repeats: number;
  driver: { runs: DriverRun[]; median: Medians };
  reference: ReferenceTool;
  /** Median driver p99 / median reference p99 (target ≤ 1.5); null without a reference tool. */
  p99_ratio_driver_over_reference: number | null;
  p99_target_ratio: 1.5;
  p99_target_met: boolean | null;
  autocannon: CapacityResult;
  driver_max_rate: MaxRate;
  /** Driver's max accurate open-loop rate / autocannon's closed-loop max (target ≥ 1). */
  max_rate_ratio_driver_over_autocannon: number;
  max_rate_target_met: boolean;
  floor: DriverFloor;
}
