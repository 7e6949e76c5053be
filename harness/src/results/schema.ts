// The result model: the one source of truth for everything a run persists. Types are inferred
// from these zod schemas; `results/schema.json` is generated from them (`harness schema`), and a
// test validates a real run's output against it. Bump RESULT_SCHEMA_VERSION on any change that
// an older reader could misread.
import { z } from 'zod';

/**
 * v2 (2026-12): the `abandoned` run status and run owner, the conservation check, platform
 * stalls, GC cycles, the tail composition and the clean percentiles with order-statistic
 * intervals. v1 files still read: every v2 addition is optional. Later additions to v2 (marked
 * v2.1: precision-driven phases, the independence check's n_eff, the order seed) are optional
 * too, so v2 files written before them read unchanged and the version stays 2.
 */
export const RESULT_SCHEMA_VERSION = 2;
/** Versions this reader understands. */
const schemaVersion = z.union([z.literal(1), z.literal(2)]);

const count = z.number().int().nonnegative();
const seconds = z.number().nonnegative();
const micros = z.number().nonnegative();
const isoTime = z.string().datetime({ offset: true });

/** Latency percentiles of one histogram, integer microseconds. */
export const Percentiles = z.object({
  count: count.describe('values recorded'),
  min_us: micros,
  mean_us: micros,
  p50_us: micros,
  p90_us: micros,
  p99_us: micros,
  p999_us: micros.describe('p99.9'),
  p9999_us: micros.describe('p99.99'),
  max_us: micros,
});
export type Percentiles = z.infer<typeof Percentiles>;

/** Errors by kind. HTTP statuses other than the expected 2xx count as `http_4xx`/`http_5xx`. */
export const ErrorsByKind = z.object({
  http_4xx: count,
  http_5xx: count,
  connect: count,
  timeout: count,
  reset: count,
  parse: count,
});
export type ErrorsByKind = z.infer<typeof ErrorsByKind>;

export const Schedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant'), rate_per_s: z.number().positive() }),
  z.object({ kind: z.literal('ramp'), from_per_s: z.number().positive(), to_per_s: z.number().positive() }),
]);
export type Schedule = z.infer<typeof Schedule>;

export const Phase = z.enum(['warmup', 'measure']);
export type Phase = z.infer<typeof Phase>;

/** One phase (warmup or measure) of one open-loop measurement. */
export const PhaseResult = z.object({
  phase: Phase,
  duration_s: seconds,
  target_rate_per_s: z.number().nonnegative().describe('mean intended rate over the phase'),
  achieved_rate_per_s: z.number().nonnegative().describe('responses completed per second'),
  requests: count.describe('requests scheduled in this phase'),
  responses_ok: count,
  errors: ErrorsByKind,
  events_per_s: z.number().nonnegative().describe('accepted-event rate implied by the request mix (0 for reads)'),
  /** From the intended send time: what a user of the server would have seen. */
  corrected: Percentiles,
  /** From the actual send time: hides the driver's queueing when the server stalls. */
  uncorrected: Percentiles,
  /** HdrHistogram V2 compressed base64, integer µs. The unit of record: percentiles derive from it. */
  corrected_hdr: z.string(),
  uncorrected_hdr: z.string(),
});
export type PhaseResult = z.infer<typeof PhaseResult>;

/** One second of the run, for latency-over-time charts. `t_s` counts from the start of warmup. */
export const Interval = z.object({
  t_s: seconds,
  phase: Phase,
  requests: count,
  errors: count,
  p50_us: micros,
  p99_us: micros,
  max_us: micros,
  corrected_hdr: z.string(),
});
export type Interval = z.infer<typeof Interval>;

/** A /proc sample of the processor process. `t_s` counts from the start of warmup (negative: idle, before load). */
export const ResourceSample = z.object({
  t_s: z.number(),
  rss_bytes: count,
  cpu_s: seconds.describe('user + system CPU time since the process started'),
});
export type ResourceSample = z.infer<typeof ResourceSample>;

/** Hardware instructions retired by the processor over the measure phase (perf stat), or why there is no count. */
export const InstructionCount = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('measured'),
    instructions: z.number().nonnegative(),
    per_event: z.number().nonnegative().nullable().describe('null when the scenario has no events'),
  }),
  z.object({ status: z.literal('not-supported'), reason: z.string().describe('e.g. "perf not installed", or perf reporting <not supported> on a VM without counters') }),
]);
export type InstructionCount = z.infer<typeof InstructionCount>;

export const Resources = z.object({
  idle_rss_bytes: count.describe('RSS after start-up and preload, before load'),
  peak_rss_bytes: count.describe('VmHWM at the end of the measurement'),
  steady_rss_bytes: count.describe('median RSS over the measure phase'),
  cpu_s: seconds.describe('CPU time used during the measure phase'),
  cpu_s_per_million_events: z.number().nonnegative().nullable().describe('null when the scenario has no events'),
  cpu_utilisation: z.number().nonnegative().describe('cores used on average during the measure phase'),
  cpu_source: z.string().optional().describe('v2: where cpu_s comes from and its resolution'),
  instructions: InstructionCount.optional().describe('v2: absent in runs written before it was recorded'),
  samples: z.array(ResourceSample),
});
export type Resources = z.infer<typeof Resources>;

/** One runtime pause reported by the processor. `start_s` counts from the start of warmup. */
export const RuntimePause = z.object({
  start_s: z.number(),
  duration_us: micros,
  kind: z.string(),
});
export type RuntimePause = z.infer<typeof RuntimePause>;

export const Runtime = z.object({
  collector: z.boolean().describe('false: the runtime has no garbage collector (Rust)'),
  gc_count: count.describe('collections during warmup + measure'),
  pause_total_us: micros,
  pause_max_us: micros,
  heap_bytes_max: count.nullable(),
  pauses: z.array(RuntimePause),
  extra: z.record(z.string(), z.unknown()).describe('last /metrics `extra` seen'),
});
export type Runtime = z.infer<typeof Runtime>;

/** How slow requests line up with runtime pauses (measure phase). */
export const PauseAttribution = z.object({
  slow_threshold_us: micros.describe('the corrected p99 of the measure phase'),
  slow_requests: count,
  slow_overlapping_pause: count,
  slow_overlap_share: z.number().min(0).max(1),
  p99_without_pause_overlap_us: micros.describe('p99 with requests that overlapped a pause set aside'),
});
export type PauseAttribution = z.infer<typeof PauseAttribution>;

/** The driver watching itself: a driver-limited measurement reports the driver, not the server. */
export const DriverHealth = z.object({
  driver_limited: z.boolean(),
  reasons: z.array(z.string()),
  schedule_lag_p50_us: micros,
  schedule_lag_p99_us: micros,
  schedule_lag_max_us: micros,
  cpu_utilisation: z.number().nonnegative().describe('driver CPU time / wall time'),
});
export type DriverHealth = z.infer<typeof DriverHealth>;

/** A percentile with its distribution-free 95% interval (record/order-statistics.ts); null bounds: too few samples. */
export const PercentileInterval = z.object({ value_us: micros, lo_us: micros.nullable(), hi_us: micros.nullable() });
export type PercentileInterval = z.infer<typeof PercentileInterval>;

const PercentileIntervals = z.object({
  p50: PercentileInterval.nullable(),
  p99: PercentileInterval.nullable(),
  p999: PercentileInterval.nullable(),
});

/** Platform stalls seen by the stall recorder (harness/driver) on the CPUs of one measurement. */
export const Platform = z.object({
  scheduling: z.string().describe('"fifo <priority>" or "normal: <why>": a normal-priority recorder also counts other work holding the CPU'),
  period_us: micros,
  threshold_us: micros.describe('the recorder lists wake-ups later than this'),
  attribution_threshold_us: micros.describe('stalls at least this long count as platform stalls in the tail composition and the clean figures'),
  recorder_cpu_utilisation: z.number().nonnegative().describe("the recorder's own CPU, share of one core"),
  cpus: z.array(z.object({
    cpu: count,
    role: z.enum(['processor', 'driver']),
    stalls: count.describe('stalls at or above the attribution threshold during the measure phase'),
    stalls_over_1ms: count,
    stall_share: z.number().nonnegative().describe('time share of the measure phase in such stalls'),
    max_stall_us: micros,
    steal_share: z.number().nonnegative().nullable().describe('hypervisor steal time over the whole recording, /proc/stat'),
  })),
  stall_share: z.number().nonnegative().describe('union over the CPUs, measure phase'),
  idle_stall_share: z.number().nonnegative().nullable().describe("the same on the idle machine (this round's idle arm)"),
  stalls_induced: z.number().nonnegative().nullable().describe('stall_share / idle_stall_share: how much more the machine stalled under this processor'),
  stalls: z.array(z.object({ cpu: count, start_s: z.number(), duration_us: micros })).describe('measure-phase stalls at or above the attribution threshold, at most 2000 (for the latency-over-time bands)'),
});
export type Platform = z.infer<typeof Platform>;

export const TAIL_CAUSE_NAMES = ['platform_processor_cpu', 'platform_driver_cpu', 'runtime_pause', 'gc_cycle', 'driver_lag', 'queued', 'unexplained'] as const;
const TailComposition = z.object({
  threshold_us: micros,
  slow: count,
  counts: z.object(Object.fromEntries(TAIL_CAUSE_NAMES.map((c) => [c, count])) as Record<(typeof TAIL_CAUSE_NAMES)[number], typeof count>),
});

/** One primary cause per request slower than the measure phase's p99 / p99.9 (record/tail.ts). */
export const Tail = z.object({ p99: TailComposition, p999: TailComposition });
export type Tail = z.infer<typeof Tail>;

/** The processor's own percentiles: platform- and driver-delayed requests set aside by the fairness rule of record/tail.ts. */
export const Clean = PercentileIntervals.extend({
  count,
  set_aside: count,
  set_aside_share: z.number().nonnegative(),
  stall_delayed: count,
  set_aside_fraction: z.number().min(0).max(1),
  fairness: z.enum(['idle-explained share', 'unadjusted: no idle arm']),
  lag1: z.number().describe('lag-1 correlation of the kept latencies in send order: the independence check of the intervals'),
  independent: z.boolean().optional().describe('v2.1: false when |lag1| > 0.05; the intervals are then widened to n_eff effective samples (absent: written before the check, intervals assume independence)'),
  n_eff: z.number().nonnegative().optional().describe('v2.1: effective sample size of the intervals, n (1 − lag1) / (1 + lag1) when the check failed, else count'),
});
export type Clean = z.infer<typeof Clean>;

/**
 * A precision-driven measure phase (plan/precision.ts): how long it ran and whether the clean
 * percentile's interval reached the target. `reached: false` is Lancet's "not measured to
 * precision": report and summary say so, and compare/claims/gate can set it apart.
 */
export const Precision = z.object({
  target_pct: z.number().positive().describe('the 95% interval had to lie within ±target_pct% of the value'),
  of: z.enum(['p99', 'p999']).describe('which clean percentile'),
  reached: z.boolean(),
  half_width_pct: z.number().nonnegative().nullable().describe('achieved: the farther interval bound from the value, in % of the value, over the whole measure phase; null: too few (effective) samples for an interval'),
  min_measure_s: seconds,
  max_measure_s: seconds.describe('the cap'),
  measured_s: seconds.describe('how long the measure phase ran'),
  stopped_by: z.enum(['precision', 'cap', 'errors', 'interrupted']).describe('precision: the harness stopped the driver once the live check passed; cap: it ran to its cap'),
  checks: count.describe('times the harness evaluated the interval during the phase'),
});
export type Precision = z.infer<typeof Precision>;

/** A GC cycle of the processor's collector, on the measurement's time axis. */
export const GcCycle = z.object({ start_s: z.number(), duration_us: micros, kind: z.string(), stw_us: micros.nullable(), cpu_us: micros.nullable() });

/** /v1/stats before and after the load against the work the processor acknowledged (record/conservation.ts). */
export const Conservation = z.object({
  ok: z.boolean(),
  acknowledged_events: count.describe('accepted events in the requests answered 2xx'),
  reported_events: z.number().int().describe('growth of /v1/stats events over the load'),
  unanswered_events: count.describe('accepted events in requests sent but never answered: may or may not have been applied'),
  acknowledged_reads: count,
  reported_reads: z.number().int(),
  unanswered_reads: count,
});
export type Conservation = z.infer<typeof Conservation>;

export const Failure = z.object({
  stage: z.enum(['build', 'launch', 'verify', 'preload', 'drive', 'sample', 'capacity', 'conservation', 'interrupted']),
  message: z.string(),
  stderr_tail: z.string(),
});
export type Failure = z.infer<typeof Failure>;

/** One run × scenario × processor × repetition of the open-loop latency measurement. */
export const Measurement = z.object({
  schema_version: schemaVersion,
  run_id: z.string(),
  agent: z.string().describe('which harness agent drove this share of the load (one machine: "local")'),
  scenario: z.string(),
  processor: z.string(),
  repetition: count,
  status: z.enum(['ok', 'failed', 'incomplete']),
  failure: Failure.nullable(),
  started_at: isoTime,
  finished_at: isoTime,
  schedule: Schedule,
  connections: count,
  events_per_request: z.number().nonnegative(),
  phases: z.array(PhaseResult),
  intervals: z.array(Interval),
  resources: Resources.nullable(),
  runtime: Runtime.nullable(),
  pause_attribution: PauseAttribution.nullable(),
  driver: DriverHealth.nullable(),
  conservation: Conservation.nullable().optional().describe('absent in runs written before the check existed; null when /v1/stats could not be read'),
  raw_intervals: PercentileIntervals.optional().describe('v2: order-statistic intervals of the corrected measure-phase percentiles'),
  platform: Platform.nullable().optional().describe('v2: null when the stall recorder did not run'),
  tail: Tail.nullable().optional().describe('v2'),
  clean: Clean.nullable().optional().describe('v2'),
  gc_cycles: z.array(GcCycle).optional().describe('v2: the collector\'s cycles during the measurement (empty: none or no collector)'),
  precision: Precision.nullable().optional().describe('v2.1: null or absent: the measure phase had a fixed length'),
});
export type Measurement = z.infer<typeof Measurement>;

/** Closed-loop capacity (autocannon): throughput only, never its latency. */
export const Capacity = z.object({
  schema_version: schemaVersion,
  run_id: z.string(),
  scenario: z.string(),
  processor: z.string(),
  status: z.enum(['ok', 'failed']),
  failure: Failure.nullable(),
  tool: z.literal('autocannon'),
  connections: count,
  duration_s: seconds,
  requests_per_s: z.number().nonnegative(),
  events_per_s: z.number().nonnegative(),
  errors: count,
  cpu_utilisation: z.number().nonnegative().describe('processor cores used on average'),
});
export type Capacity = z.infer<typeof Capacity>;

export const Toolchain = z.object({ processor: z.string(), language: z.string(), version: z.string() });

export const ProcessorInfo = z.object({
  name: z.string(),
  language: z.string(),
  description: z.string(),
  toolchain_version: z.string(),
  build: z.object({ ok: z.boolean(), cached: z.boolean(), duration_s: seconds, error: z.string().nullable() }),
  verify: z.object({ ok: z.boolean(), failures: z.array(z.string()) }).nullable(),
});
export type ProcessorInfo = z.infer<typeof ProcessorInfo>;

/** The commit and the machine: what every kind of result records about where it was measured. */
export const MachineProvenance = z.object({
  git_sha: z.string(),
  git_dirty: z.boolean(),
  git_branch: z.string(),
  harness_version: z.string(),
  node_version: z.string(),
  hostname: z.string(),
  os: z.string(),
  kernel: z.string(),
  cpu_model: z.string(),
  cores: count,
  memory_bytes: count,
});
export type MachineProvenance = z.infer<typeof MachineProvenance>;

export const Provenance = MachineProvenance.extend({
  pinning: z.object({
    enabled: z.boolean(),
    driver_cpus: z.array(count),
    processor_cpus: z.array(count),
    driver_realtime: z.boolean().default(false).describe('the load driver ran at real-time FIFO priority (processors never do); absent in runs written before it was recorded'),
  }),
  threads: count.describe('the one CPU-budget knob given to every processor'),
  /** Knobs that change a processor's behaviour on purpose (e.g. an injected cost), so a run that used one says so. */
  injected: z.record(z.string(), z.string()),
});
export type Provenance = z.infer<typeof Provenance>;

/** The machine's own noise and the driver's floor, measured at the start of the run. */
export const Noise = z.object({
  driver_floor: z.object({ rate_per_s: z.number(), p50_us: micros, p99_us: micros, max_us: micros }).nullable(),
  cpu_jitter_p99_us: micros.nullable().describe("the driver's own schedule lag p99 during the floor measurement"),
  idle_arms: z.array(z.object({ repetition: count, duration_s: seconds, stall_share: z.number().nonnegative() }))
    .optional().describe('v2: the idle machine\'s platform-stall share (stalls ≥ 500 µs, union over the measured CPUs), one arm per repetition round'),
});
export type Noise = z.infer<typeof Noise>;

/**
 * `abandoned` is never written by the run itself: readers report a `running` run whose process is
 * gone that way (results/liveness.ts), and `push` stores it so.
 */
export const RunStatus = z.enum(['running', 'complete', 'incomplete', 'failed', 'abandoned']);
export type RunStatus = z.infer<typeof RunStatus>;

/** The process that writes a run, so a reader can tell a live `running` run from an abandoned one. */
export const RunOwner = z.object({
  hostname: z.string(),
  boot_id: z.string().describe('/proc/sys/kernel/random/boot_id: changes at every boot'),
  pid: count,
  pid_start_ticks: z.number().nullable().describe('start time of the pid in clock ticks since boot, so a reused pid is not taken for the harness'),
});
export type RunOwner = z.infer<typeof RunOwner>;

/** `results/<run_id>/run.json`: written at the start (status running) and rewritten at the end. */
export const RunManifest = z.object({
  schema_version: schemaVersion,
  run_id: z.string(),
  status: RunStatus,
  started_at: isoTime,
  finished_at: isoTime.nullable(),
  profile: z.string(),
  baseline: z.string(),
  scenarios: z.array(z.string()),
  processors: z.array(ProcessorInfo),
  repetitions: count,
  plan: z.unknown().describe('the frozen plan, as printed by `harness plan --json`'),
  provenance: Provenance,
  noise: Noise,
  notes: z.array(z.string()),
  owner: RunOwner.nullable().optional().describe('absent in runs written before it was recorded'),
  order_seed: count.optional().describe('v2.1: seed of the shuffled order of every repetition round (the plan has the order); absent: written before the order was shuffled (fixed A B C order)'),
});
export type RunManifest = z.infer<typeof RunManifest>;

/** Everything of one run, as read back from a store. */
export interface RunRecord {
  manifest: RunManifest;
  measurements: Measurement[];
  capacity: Capacity[];
}
