// The result of `harness sweep`: latency against load. Per scenario and processor, the load curve
// (open-loop steps at rising offered rates, each a fresh process), the sustainable throughput
// under the scenario's SLO (bracketed by the curve, bisected, confirmed by repetitions), the
// closed-loop ceilings, and the equal-load points that compare and claims read. Written to
// sweeps/<id>/sweep.json (each step's full measurement beside it, in measurements/) and, when
// configured, to ClickHouse (tables sweep_steps and sweep_results). Bump SWEEP_SCHEMA_VERSION on
// any change an older reader could misread.
import { z } from 'zod';
import { RUN_ID_PATTERN } from './layout.ts';
import { Failure, PercentileInterval, ProcessorInfo, Provenance, Tail } from './schema.ts';

export const SWEEP_SCHEMA_VERSION = 1;

const count = z.number().int().nonnegative();
const rate = z.number().nonnegative();
const micros = z.number().nonnegative();
const isoTime = z.string().datetime({ offset: true });

/** One latency bound of an SLO: e.g. the clean p99 at most 1,000 µs. */
export const SloLatency = z
  .object({
    percentile: z.enum(['p50', 'p99', 'p999']),
    figure: z.enum(['clean', 'raw']).describe("clean: the processor's own percentile (record/tail.ts); raw: what a user sees, platform stalls included"),
    max_us: z.number().positive(),
  })
  .strict();
export type SloLatency = z.infer<typeof SloLatency>;

/** What "sustainable" means for a scenario: every bound holds at a step. */
export const Slo = z
  .object({
    latency: z.array(SloLatency).min(1),
    min_achieved_share: z.number().gt(0).max(1).describe('2xx responses per second / offered rate, measure phase'),
    no_upward_trend: z.boolean().describe('a significant upward trend of the per-second p50 (a growing backlog) fails the step'),
  })
  .strict();
export type Slo = z.infer<typeof Slo>;

/** The default SLO (the ingest scenario's): clean p99 ≤ 1 ms, ≥ 99% of the offered rate answered, no growing latency. */
export const DEFAULT_SLO: Slo = {
  latency: [{ percentile: 'p99', figure: 'clean', max_us: 1000 }],
  min_achieved_share: 0.99,
  no_upward_trend: true,
};

/** Slope of the per-second p50 over the measure phase (ordinary least squares, t interval). */
export const Trend = z.object({
  points: count.describe('per-second p50 values the slope is fitted to'),
  slope_us_per_s: z.number().nullable().describe('null: fewer than 3 points, no test'),
  ci_low_us_per_s: z.number().nullable(),
  ci_high_us_per_s: z.number().nullable(),
  rise_share: z.number().nullable().describe('slope × phase length / median per-second p50: how much latency grew over the phase'),
  growing: z.boolean().describe('the interval lies above 0 and the slope is at least trend_min_overload × 1 s/s, the least a filling queue adds: a backlog'),
});
export type Trend = z.infer<typeof Trend>;

export const FAILED_BY = ['latency', 'rate', 'trend', 'driver', 'error'] as const;
export const FailedBy = z.enum(FAILED_BY);
export type FailedBy = z.infer<typeof FailedBy>;

/** A step against the SLO. Driver-limited steps that still meet it count: the processor sustained at least that. */
export const StepVerdict = z.object({
  sustainable: z.boolean(),
  failed_by: z.array(FailedBy).describe("every part of the SLO the step missed; 'driver' when the driver, not the processor, limited a failing step"),
  reasons: z.array(z.string()),
});
export type StepVerdict = z.infer<typeof StepVerdict>;

const Percentiles3 = z.object({ p50: PercentileInterval.nullable(), p99: PercentileInterval.nullable(), p999: PercentileInterval.nullable() });

/** Why a step was measured. */
export const StepStage = z.enum(['curve', 'bisect', 'confirm', 'equal-load']);
export type StepStage = z.infer<typeof StepStage>;

/** Which equal load an equal-load step stands for: a fraction of one processor's sustainable rate. */
export const LoadBasis = z.object({ fraction: z.number().gt(0).max(1), of: z.string().describe('the processor whose sustainable rate the fraction is of') });
export type LoadBasis = z.infer<typeof LoadBasis>;

/** One open-loop measurement at one offered rate: a fresh process, warmup + measure. */
export const SweepStep = z.object({
  stage: StepStage,
  repetition: count.describe('within its stage and rate (confirm and equal-load have several)'),
  offered_rate_per_s: z.number().positive().describe('requests per second scheduled'),
  status: z.enum(['ok', 'failed', 'incomplete']),
  failure: Failure.nullable(),
  started_at: isoTime,
  achieved_rate_per_s: rate.describe('2xx responses per second in the measure phase'),
  achieved_share: z.number().nonnegative().describe('achieved / offered'),
  events_per_s: rate.describe('accepted events per second implied by the 2xx responses (0 for reads)'),
  raw: Percentiles3.describe('corrected latency (from the intended send time) with order-statistic intervals'),
  clean: Percentiles3.nullable().describe("the processor's own percentiles (record/tail.ts); null without the v2 figures"),
  processor_cpu_utilisation: z.number().nonnegative().nullable().describe('cores the processor used on average during the measure phase'),
  driver_cpu_utilisation: z.number().nonnegative().nullable(),
  driver_schedule_lag_p99_us: micros.nullable(),
  steady_rss_bytes: count.nullable(),
  peak_rss_bytes: count.nullable(),
  gc: z.object({ collector: z.boolean(), count, pause_total_us: micros, pause_max_us: micros }).nullable(),
  tail: Tail.nullable(),
  trend: Trend,
  driver_limited: z.boolean(),
  driver_reasons: z.array(z.string()),
  verdict: StepVerdict,
  basis: z.array(LoadBasis).describe('equal-load steps: the equal loads this rate stands for (empty for the other stages)'),
  corrected_hdr: z.string().describe('measure-phase corrected histogram (HdrHistogram V2 compressed base64, µs); empty when nothing was measured'),
  measurement_file: z.string().nullable().describe('the full measurement, relative to the sweep folder'),
});
export type SweepStep = z.infer<typeof SweepStep>;

/** A figure with its interval over repetitions (t on logs); null bounds with too few repetitions. */
export const LevelEstimate = z.object({ estimate: z.number().nonnegative().nullable(), ci_low: z.number().nonnegative().nullable(), ci_high: z.number().nonnegative().nullable(), n: count });
export type LevelEstimate = z.infer<typeof LevelEstimate>;

/** The highest rate at which the SLO held: the search's result, confirmed by repetitions. */
export const Sustainable = z.object({
  rate_per_s: rate.describe('requests per second: the highest offered rate found sustainable (0: none, down to the floor)'),
  events_per_s: rate.describe('rate_per_s × events per request'),
  threads: count.describe('the CPU budget (THREADS) the processor had'),
  requests_per_s_per_core: rate,
  events_per_s_per_core: rate,
  lower_bound: z.boolean().describe('true: the driver limited the search first, the processor sustains at least this'),
  first_unsustainable_rate_per_s: rate.nullable().describe('the lowest rate above it found unsustainable; null when the maximum rate was sustained'),
  resolution: z.number().positive().describe('the bisection stopped when first unsustainable / sustainable ≤ 1 + resolution'),
  next_failed_by: z.array(FailedBy).describe('why the rate above failed'),
  next_reasons: z.array(z.string()),
  ended: z.enum(['bracketed', 'max-rate', 'floor', 'driver-limited', 'failed']),
  stepped_down_from_per_s: z
    .array(rate)
    .optional()
    .describe('rates the search found that most confirmation repetitions missed, highest first; the figure is the rate confirmed below them (absent: none, or a sweep before step-downs)'),
  confirmation: z.object({
    repetitions: count,
    passed: count,
    confirmed: z.boolean().describe('a majority of the repetitions met the SLO at rate_per_s'),
    achieved_events_per_s: LevelEstimate,
    p99_clean_us: LevelEstimate,
  }),
});
export type Sustainable = z.infer<typeof Sustainable>;

/** Closed-loop throughput with the native driver: each connection sends when its response arrives. */
export const NativeCeiling = z.object({
  tool: z.literal('native-closed-loop'),
  connections: count,
  duration_s: z.number().positive(),
  requests_per_s: rate.describe('2xx responses per second'),
  events_per_s: rate,
  errors: count,
  latency_p50_us: micros,
  latency_p99_us: micros,
  driver_cpu_utilisation: z.number().nonnegative(),
  processor_cpu_utilisation: z.number().nonnegative().nullable(),
  limited_by: z.enum(['processor', 'driver', 'unclear']).describe("processor: its CPU reached 90% of its budget; driver: the driver's did first"),
});
export type NativeCeiling = z.infer<typeof NativeCeiling>;

/** autocannon's closed-loop throughput: a familiar cross-check, never the headline. */
export const AutocannonCrossCheck = z.object({
  tool: z.literal('autocannon'),
  connections: count,
  duration_s: z.number().positive(),
  requests_per_s: rate,
  events_per_s: rate,
  errors: count,
  client_cpu_utilisation: z.number().nonnegative(),
  processor_cpu_utilisation: z.number().nonnegative(),
  flags: z.array(z.string()).describe('why the figure is a lower bound: autocannon saturated its core, or the processor stayed below 90% of its budget'),
});
export type AutocannonCrossCheck = z.infer<typeof AutocannonCrossCheck>;

export const ProcessorSweep = z.object({
  processor: z.string(),
  excluded: Failure.nullable().describe('why this processor was not swept (build or verification failed)'),
  steps: z.array(SweepStep).describe('in the order measured'),
  sustainable: Sustainable.nullable().describe('null when the processor was not swept or the sweep was interrupted before the search'),
  native_ceiling: NativeCeiling.nullable(),
  autocannon: AutocannonCrossCheck.nullable(),
});
export type ProcessorSweep = z.infer<typeof ProcessorSweep>;

export const ScenarioSweep = z.object({
  scenario: z.string(),
  events_per_request: z.number().nonnegative(),
  slo: Slo,
  slo_source: z.enum(['scenario', 'default', 'command line']).describe("where the SLO's latency bounds came from: the scenario's sweep block, the default, or --slo"),
  ladder: z.object({ start_per_s: z.number().positive(), factor: z.number().gt(1), rates_per_s: z.array(z.number().positive()).nullable(), max_per_s: z.number().positive(), floor_per_s: z.number().positive() }),
  processors: z.array(ProcessorSweep),
});
export type ScenarioSweep = z.infer<typeof ScenarioSweep>;

export const SweepSettings = z.object({
  profile: z.string(),
  warmup_s: z.number().nonnegative(),
  measure_s: z.number().positive(),
  resolution: z.number().positive(),
  stop_after_unsustainable: count,
  confirm_repetitions: count,
  confirm_step_downs: count.optional().describe('how many times a rate most confirmations missed is replaced by one 1 + 4 × resolution below it (absent: a sweep before step-downs, none)'),
  trend_min_overload: z
    .number()
    .positive()
    .optional()
    .describe('the smallest overload the trend test counts: a queue fed at (1 + x) × its served rate adds x s of waiting per second. Absent in sweeps made before it, whose trend test asked for a 20% rise of the p50 instead'),
  equal_load: z.object({ fractions: z.array(z.number().gt(0).max(1)), repetitions: count }),
  native_ceiling_s: z.number().nonnegative().describe('0: no native closed-loop ceiling'),
  autocannon_s: z.number().nonnegative().describe('0: no autocannon cross-check'),
  connections_closed_loop: count,
});
export type SweepSettings = z.infer<typeof SweepSettings>;

export const SweepResult = z
  .object({
    schema_version: z.literal(SWEEP_SCHEMA_VERSION),
    id: z.string().regex(RUN_ID_PATTERN),
    status: z.enum(['running', 'complete', 'incomplete', 'failed']),
    started_at: isoTime,
    finished_at: isoTime.nullable(),
    settings: SweepSettings,
    provenance: Provenance,
    processors: z.array(ProcessorInfo),
    scenarios: z.array(ScenarioSweep),
    notes: z.array(z.string()),
  })
  .describe('Latency against load (`harness sweep`): per scenario and processor the load curve, the sustainable throughput under the SLO, closed-loop ceilings and equal-load points. sweeps/<id>/sweep.json.');
export type SweepResult = z.infer<typeof SweepResult>;
