// What a sweep does, resolved once before it starts: the profile's durations and repetitions,
// each scenario's ladder and SLO (its `sweep` block, or the defaults), command-line overrides on
// top. A value, printed before the sweep and stored with its result.
import type { ScenarioSpec } from '../plan/index.ts';
import type { SweepBlock } from '../plan/sweep-block.ts';
import { DEFAULT_SLO, type ScenarioSweep, type Slo, type SloLatency, type SweepSettings } from '../results/sweep-schema.ts';
import { DEFAULT_MIN_OVERLOAD } from './trend.ts';

export interface SweepProfile extends Omit<SweepSettings, 'profile'> {
  /** The ladder's factor when neither the scenario nor a flag sets one. */
  step_factor: number;
}

/**
 * quick: go, node and rust on ingest with the search and its confirmation in about 10 minutes on
 * a 2-core machine (an estimate from the planned phases, see estimateSweepSeconds; to be
 * measured): 1 s warmup + 4 s measure (four per-second p50s for the trend test), +50% per step,
 * 3 confirmations, one repetition per equal-load point. full: for verdicts.
 */
export const SWEEP_PROFILES: Record<string, SweepProfile> = {
  quick: {
    warmup_s: 1,
    measure_s: 4,
    step_factor: 1.5,
    resolution: 0.02,
    stop_after_unsustainable: 2,
    confirm_repetitions: 3,
    confirm_step_downs: 2,
    trend_min_overload: DEFAULT_MIN_OVERLOAD,
    equal_load: { fractions: [0.5, 0.8], repetitions: 1 },
    native_ceiling_s: 2,
    autocannon_s: 2,
    connections_closed_loop: 32,
  },
  full: {
    warmup_s: 3,
    measure_s: 15,
    step_factor: 1.25,
    resolution: 0.02,
    stop_after_unsustainable: 2,
    confirm_repetitions: 5,
    confirm_step_downs: 3,
    trend_min_overload: DEFAULT_MIN_OVERLOAD,
    equal_load: { fractions: [0.5, 0.8], repetitions: 5 },
    native_ceiling_s: 10,
    autocannon_s: 10,
    connections_closed_loop: 32,
  },
};

/** The ladder of one scenario: start × factor^k (or the explicit list), between floor and max. */
export type Ladder = ScenarioSweep['ladder'];

export interface LadderFlags {
  start_per_s?: number;
  factor?: number;
  rates_per_s?: number[];
  max_per_s?: number;
  /** --slo: latency bounds that replace the scenario's (its other conditions stay). */
  slo_latency?: SloLatency[];
}

export const DEFAULT_MAX_PER_S = 1_000_000;
export const DEFAULT_FLOOR_PER_S = 10;
/** Without a start rate, the curve begins well below the scenario's own rate (a fixed point on every curve). */
export const START_DIVISOR = 8;

function scheduleRate(spec: ScenarioSpec): number {
  const s = spec.load.schedule;
  return s.kind === 'constant' ? s.rate_per_s : s.from_per_s;
}

export interface ScenarioSweepPlan {
  spec: ScenarioSpec;
  slo: Slo;
  slo_source: ScenarioSweep['slo_source'];
  ladder: Ladder;
}

export function scenarioSweepPlan(spec: ScenarioSpec, profile: SweepProfile, flags: LadderFlags = {}): ScenarioSweepPlan {
  const block: SweepBlock = spec.sweep ?? {};
  const given = flags.rates_per_s ?? block.rates_per_s;
  const rates = given ? [...given].sort((a, b) => a - b) : null;
  const start = flags.start_per_s ?? block.start_per_s ?? rates?.[0] ?? Math.max(1, Math.round(scheduleRate(spec) / START_DIVISOR));
  return {
    spec,
    slo: flags.slo_latency ? { ...(block.slo ?? DEFAULT_SLO), latency: flags.slo_latency } : (block.slo ?? DEFAULT_SLO),
    slo_source: flags.slo_latency ? 'command line' : block.slo ? 'scenario' : 'default',
    ladder: {
      start_per_s: start,
      factor: flags.factor ?? block.step_factor ?? profile.step_factor,
      rates_per_s: rates,
      max_per_s: flags.max_per_s ?? block.max_per_s ?? (rates ? Math.max(...rates) : DEFAULT_MAX_PER_S),
      floor_per_s: block.floor_per_s ?? DEFAULT_FLOOR_PER_S,
    },
  };
}

/** Every problem with a ladder or settings, at once. */
export function sweepProblems(settings: SweepSettings, plans: readonly ScenarioSweepPlan[]): string[] {
  const out: string[] = [];
  if (!(settings.measure_s >= 1)) out.push(`--duration must be at least 1 s (the trend test needs per-second p50s), got ${settings.measure_s}`);
  if (!(settings.resolution > 0 && settings.resolution < 1)) out.push(`--resolution must be between 0 and 1 (0.02 = 2%), got ${settings.resolution}`);
  if (settings.equal_load.fractions.some((f) => !(f > 0 && f <= 1))) out.push(`--fractions must each be in (0, 1], got ${settings.equal_load.fractions.join(',')}`);
  for (const p of plans) {
    if (!(p.ladder.factor > 1)) out.push(`${p.spec.name}: the step factor must be more than 1, got ${p.ladder.factor}`);
    if (p.ladder.start_per_s > p.ladder.max_per_s) out.push(`${p.spec.name}: the start rate ${p.ladder.start_per_s}/s is above the maximum ${p.ladder.max_per_s}/s`);
  }
  return out;
}

/**
 * Planned seconds for one processor of one scenario whose sustainable rate is `knee_per_s`: the
 * curve up to two steps past it, the bisection, the confirmations, the equal-load points and the
 * closed-loop runs, phases only plus `overhead_s` per process (start, preload, stop). An
 * estimate for choosing settings, not a measurement.
 */
export function estimateSweepSeconds(settings: SweepSettings, ladder: Ladder, knee_per_s: number, processors: number, overhead_s = 1.5): number {
  const curve = Math.max(1, Math.ceil(Math.log(Math.max(knee_per_s, ladder.start_per_s) / ladder.start_per_s) / Math.log(ladder.factor))) + settings.stop_after_unsustainable;
  const bisect = Math.ceil(Math.log2(Math.log(ladder.factor) / Math.log(1 + settings.resolution)));
  const equal = settings.equal_load.fractions.length * processors * settings.equal_load.repetitions;
  const steps = curve + bisect + settings.confirm_repetitions + equal;
  const step_s = settings.warmup_s + settings.measure_s + overhead_s;
  const closed = (settings.native_ceiling_s > 0 ? settings.native_ceiling_s + 1 + overhead_s : 0) + (settings.autocannon_s > 0 ? settings.autocannon_s + overhead_s : 0);
  return steps * step_s + closed;
}
