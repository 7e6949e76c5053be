// The plan is a value: every scenario × processor × repetition, in the interleaved order the run
// will follow, frozen before anything starts, printable (`harness plan`) and stored with the run.
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors/user-error.ts';
import { loadManifests, type ProcessorManifest } from '../processors/index.ts';
import { availableScenarios, loadProfiles, loadScenario } from './load-scenarios.ts';
import type { Profile, ScenarioSpec } from './scenario.ts';

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
}

export interface PlanStep {
  scenario: string;
  processor: string;
  repetition: number;
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
  /** Open-loop measurements, interleaved A B C A B C so machine drift hits every processor alike. */
  steps: PlanStep[];
  /** Closed-loop capacity: once per scenario × processor, after its latency repetitions. */
  capacity_steps: Array<Omit<PlanStep, 'repetition'>>;
  /** A rough lower bound, phases only (no builds, launches or preloads). */
  estimated_measure_s: number;
}

export type PlanResult = { ok: true; plan: Plan; manifests: ProcessorManifest[] } | { ok: false; errors: string[] };

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

export function interleave(scenarios: string[], processors: string[], repetitions: number): PlanStep[] {
  const steps: PlanStep[] = [];
  for (const scenario of scenarios) {
    for (let repetition = 0; repetition < repetitions; repetition++) {
      for (const processor of processors) steps.push({ scenario, processor, repetition });
    }
  }
  return steps;
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
  for (const name of Object.keys(options.inject ?? {})) {
    if (manifests.length > 0 && !processorNames.includes(name)) errors.push(`--inject names processor "${name}", which is not being run`);
  }
  if (errors.length > 0 || !profile) return { ok: false, errors };

  const repetitions = options.repetitions ?? profile.repetitions;
  const warmup_s = options.warmup_s ?? profile.warmup_s;
  const measure_s = options.measure_s ?? profile.measure_s;
  const capacity_s = options.capacity_s ?? profile.capacity_s;
  const steps = interleave(scenarios.map((s) => s.name), processorNames, repetitions);
  const capacity_steps =
    capacity_s > 0 ? scenarios.flatMap((s) => processorNames.map((processor) => ({ scenario: s.name, processor }))) : [];
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
    steps,
    capacity_steps,
    estimated_measure_s: steps.length * (warmup_s + measure_s) + capacity_steps.length * capacity_s,
  };
  return { ok: true, plan: Object.freeze(plan) as Plan, manifests };
}
