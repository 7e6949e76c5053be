// The plan is a value: every scenario × processor × repetition, in the interleaved order the run
// will follow, frozen before anything starts, printable (`harness plan`) and stored with the run.
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors/user-error.ts';
import { loadManifests, type ProcessorManifest } from '../processors/index.ts';
import { availableScenarios, loadProfiles, loadScenario } from './load-scenarios.ts';
import { measureSteps, randomSeed, shuffledRounds, MAX_SEED, type MeasureStep, type PlanStep } from './order.ts';
import { precisionPlan, type PrecisionOptions, type PrecisionPlan } from './precision.ts';
import type { Profile, ScenarioSpec } from './scenario.ts';

export { interleave, type IdleStep, type MeasureStep, type PlanStep } from './order.ts';
export type { PrecisionPlan } from './precision.ts';

export interface PlanOptions {
  repoRoot: string;
  /** Scenario names; default: every scenario under scenarios/. */
  scenarios?: string[];
  /** Processor names; default: every processors/*\/processor.json. */
  processors?: string[];
  profile: string;
  /** Overrides the profile's repetitions. */
  repetitions?: number;
  /** Overrides the profile's phase lengths. */
  warmup_s?: number;
  measure_s?: number;
  capacity_s?: number;
  /** Multiplies every scenario's target rate (e.g. 0.5 on a slow machine). */
  rate_scale?: number;
  baseline: string;
  threads: number;
  /** false: do not pin (also the case on a one-core machine). */
  pin: boolean;
  /** Run the load driver at real-time priority (root only) so the harness's own work on its core cannot delay it. Default: when root. */
  realtime_driver?: boolean;
  /** Environment knobs per processor, e.g. {go: {INJECT_DELAY_US: '40'}}: recorded in provenance. */
  inject?: Record<string, Record<string, string>>;
  /** Skip the golden-vector check before timing (never for a verdict). */
  skip_verify?: boolean;
  /** Seeds the shuffled order of every round; default: a fresh random seed (recorded in the plan). */
  seed?: number;
  /** Overrides the profile's precision-driven phase length (`--precision`, `--precision-of`, `--precision-cap`). */
  precision?: PrecisionOptions;
}

export interface Pinning {
  enabled: boolean;
  driver_cpus: number[];
  processor_cpus: number[];
  /** The driver runs at real-time FIFO priority; processors never do. */
  driver_realtime: boolean;
}

export interface Plan {
  schema_version: 1;
  profile: string;
  profile_spec: Profile;
  scenarios: ScenarioSpec[];
  processors: Array<Pick<ProcessorManifest, 'name' | 'language' | 'description'>>;
  repetitions: number;
  warmup_s: number;
  measure_s: number;
  capacity_s: number;
  rate_scale: number;
  baseline: string;
  threads: number;
  pinning: Pinning;
  inject: Record<string, Record<string, string>>;
  verify: boolean;
  /** Seed of the shuffled order (plan/order.ts): the same seed gives the same order. */
  seed: number;
  /**
   * Precision-driven measure phases (plan/precision.ts): `measure_s` is then the minimum and
   * `precision.max_measure_s` the cap; null: every measure phase lasts `measure_s`.
   */
  precision: PrecisionPlan | null;
  /**
   * Idle arms and open-loop measurements in the order they run: each round runs every processor
   * once in a freshly shuffled order, each measurement in a fresh processor process.
   */
  steps: PlanStep[];
  /** Closed-loop capacity: once per scenario × processor, after its latency repetitions. */
  capacity_steps: Array<Omit<MeasureStep, 'repetition' | 'kind'>>;
  /** A rough lower bound, phases only (no builds, launches or preloads): every measure phase at its minimum. */
  estimated_measure_s: number;
  /** The same with every precision-driven phase running to its cap. */
  estimated_max_measure_s: number;
}

export type PlanResult = { ok: true; plan: Plan; manifests: ProcessorManifest[] } | { ok: false; errors: string[] };

/** An idle arm records at most this long (the measure phase's minimum, if shorter). */
export const IDLE_ARM_MAX_S = 5;

/** Splits the machine's CPUs: the processor gets the last `threads`, the driver the rest. */
export function choosePinning(cores: number, threads: number, pin: boolean, driver_realtime = false): Pinning {
  if (!pin || cores < 2) return { enabled: false, driver_cpus: [], processor_cpus: [], driver_realtime };
  const processorCount = Math.min(threads, cores - 1);
  const all = Array.from({ length: cores }, (_, i) => i);
  return {
    enabled: true,
    driver_cpus: all.slice(0, cores - processorCount),
    processor_cpus: all.slice(cores - processorCount),
    driver_realtime,
  };
}

/** chrt needs root (or CAP_SYS_NICE); without it the driver runs at normal priority. */
export function canUseRealtime(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Validates everything and returns all problems at once. */
export async function buildPlan(options: PlanOptions): Promise<PlanResult> {
  const errors: string[] = [];
  const scenariosDir = path.join(options.repoRoot, 'scenarios');

  const profiles = await loadProfiles(path.join(scenariosDir, 'profiles.json'));
  let profile: Profile | undefined;
  if (!profiles.ok) errors.push(...profiles.errors);
  else {
    profile = profiles.value[options.profile];
    if (!profile) errors.push(`unknown profile "${options.profile}"; available: ${Object.keys(profiles.value).join(', ')}`);
  }

  const available = await availableScenarios(scenariosDir);
  const scenarioNames = options.scenarios ?? profile?.scenarios ?? available;
  const unknownScenarios = scenarioNames.filter((s) => !available.includes(s));
  if (unknownScenarios.length > 0) {
    errors.push(`unknown scenario${unknownScenarios.length > 1 ? 's' : ''} ${unknownScenarios.map((s) => `"${s}"`).join(', ')}; available: ${available.join(', ')}`);
  }
  const scenarios: ScenarioSpec[] = [];
  for (const name of scenarioNames.filter((s) => available.includes(s))) {
    const loaded = await loadScenario(path.join(scenariosDir, name, 'scenario.json'));
    if (loaded.ok) scenarios.push(loaded.value);
    else errors.push(...loaded.errors);
  }

  let manifests: ProcessorManifest[] = [];
  try {
    manifests = loadManifests(options.repoRoot, options.processors);
  } catch (err) {
    if (err instanceof UserError) errors.push(err.message);
    else throw err;
  }
  const processorNames = manifests.map((m) => m.name);
  if (manifests.length > 0 && !processorNames.includes(options.baseline)) {
    errors.push(`baseline processor "${options.baseline}" is not among the processors being run (${processorNames.join(', ')}); pick one with --baseline`);
  }
  if (!Number.isInteger(options.threads) || options.threads < 1) errors.push(`--threads must be a positive integer, got ${options.threads}`);
  if (options.repetitions !== undefined && (!Number.isInteger(options.repetitions) || options.repetitions < 1)) {
    errors.push(`--repetitions must be a positive integer, got ${options.repetitions}`);
  }
  for (const [flag, v] of [['--warmup', options.warmup_s], ['--duration', options.measure_s], ['--capacity', options.capacity_s]] as const) {
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) errors.push(`${flag} must be a number of seconds ≥ 0, got ${v}`);
  }
  if (options.measure_s !== undefined && options.measure_s <= 0) errors.push('--duration must be more than 0 seconds');
  const rateScale = options.rate_scale ?? 1;
  if (!(Number.isFinite(rateScale) && rateScale > 0)) errors.push(`--rate-scale must be a positive number, got ${options.rate_scale}`);
  if (options.seed !== undefined && !(Number.isInteger(options.seed) && options.seed >= 0 && options.seed <= MAX_SEED)) {
    errors.push(`--seed must be a whole number from 0 to ${MAX_SEED}, got ${options.seed}`);
  }
  const precision = profile ? precisionPlan(profile, options.precision ?? {}, options.measure_s ?? profile.measure_s) : undefined;
  if (precision && !precision.ok) errors.push(...precision.errors);
  for (const name of Object.keys(options.inject ?? {})) {
    if (manifests.length > 0 && !processorNames.includes(name)) errors.push(`--inject names processor "${name}", which is not being run`);
  }
  if (errors.length > 0 || !profile || !precision?.ok) return { ok: false, errors };

  const repetitions = options.repetitions ?? profile.repetitions;
  const warmup_s = options.warmup_s ?? profile.warmup_s;
  const measure_s = options.measure_s ?? profile.measure_s;
  const capacity_s = options.capacity_s ?? profile.capacity_s;
  const seed = options.seed ?? randomSeed();
  const steps = shuffledRounds(scenarios.map((s) => s.name), processorNames, repetitions, seed);
  const capacity_steps =
    capacity_s > 0 ? scenarios.flatMap((s) => processorNames.map((processor) => ({ scenario: s.name, processor }))) : [];
  const measurements = measureSteps(steps).length;
  const idle_s = (steps.length - measurements) * Math.min(IDLE_ARM_MAX_S, measure_s);
  const phases_s = (measure: number) => measurements * (warmup_s + measure) + idle_s + capacity_steps.length * capacity_s;
  const plan: Plan = {
    schema_version: 1,
    profile: options.profile,
    profile_spec: profile,
    scenarios,
    processors: manifests.map(({ name, language, description }) => ({ name, language, description })),
    repetitions,
    warmup_s,
    measure_s,
    capacity_s,
    rate_scale: rateScale,
    baseline: options.baseline,
    threads: options.threads,
    pinning: choosePinning(os.availableParallelism(), options.threads, options.pin, options.realtime_driver ?? canUseRealtime()),
    inject: options.inject ?? {},
    verify: !options.skip_verify,
    seed,
    precision: precision.value,
    steps,
    capacity_steps,
    estimated_measure_s: phases_s(measure_s),
    estimated_max_measure_s: phases_s(precision.value?.max_measure_s ?? measure_s),
  };
  return { ok: true, plan: Object.freeze(plan) as Plan, manifests };
}
