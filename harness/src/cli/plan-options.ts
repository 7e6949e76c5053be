// The flags that shape a plan, shared by `harness plan` and `harness run` so that what `plan`
// prints is exactly what `run` will do.
import { machineTopology, planDuet } from '../plan/duet.ts';
import { Command, Option } from 'commander';
import { fileURLToPath } from 'node:url';
import { buildPlan, parsePrecisionFlag, type PlanResult, type PrecisionOptions } from '../plan/index.ts';
import { UserError } from '../errors/user-error.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface PlanFlags {
  profile: string;
  scenarios?: string;
  processors?: string;
  repetitions?: string;
  warmup?: string;
  duration?: string;
  capacity?: string;
  rateScale?: string;
  baseline: string;
  threads: string;
  pin: boolean;
  realtime: boolean;
  inject: string[];
  skipVerify?: boolean;
  seed?: string;
  precision?: string;
  precisionOf?: string;
  precisionCap?: string;
  duet?: boolean;
}

export function addPlanOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--profile <name>', 'quick (default: short phases, 3 repetitions) or full (long phases, 5 repetitions)').default('quick'))
    .option('--scenarios <list>', 'comma-separated scenario names (default: all under scenarios/)')
    .option('--processors <list>', 'comma-separated processor names (default: all under processors/ but those marked run_by_default: false, e.g. node20)')
    .option('--repetitions <n>', "override the profile's repetitions")
    .option('--warmup <seconds>', "override the profile's warmup phase length")
    .option('--duration <seconds>', "override the profile's measure phase length")
    .option('--capacity <seconds>', 'closed-loop capacity phase length; 0 skips it')
    .option('--rate-scale <factor>', "multiply every scenario's target rate (e.g. 0.5 on a slow machine)")
    .option('--baseline <processor>', 'processor the ratios are computed against', 'go')
    .option('--threads <n>', "every processor's CPU budget (GOMAXPROCS, tokio workers, THREADS)", '1')
    .option('--no-pin', 'do not pin processor and driver to separate CPUs')
    .option('--no-realtime', 'run the load driver at normal priority (default: real-time FIFO when root)')
    .option('--inject <proc:VAR=value>', 'set an environment knob on one processor (recorded in provenance), repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--skip-verify', 'time processors without replaying the golden vectors first (never for a verdict)')
    .option('--seed <n>', 'seed of the shuffled order of every round (default: a fresh random seed, printed and recorded)')
    .option('--precision <pct>', "run each measure phase until the clean percentile's 95% interval is within ±pct (e.g. 5%), at least --duration and at most --precision-cap seconds; off: fixed length (default: the profile's)")
    .option('--precision-of <percentile>', 'the clean percentile --precision applies to: p99 (default) or p999')
    .option('--precision-cap <seconds>', "the longest a precision-driven measure phase runs (default: the profile's)")
    .option('--duet', 'measure two processors at the same time on disjoint pinned CPUs (needs at least 4 CPUs)');
}

const list = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean));

function num(flag: string, v: string | undefined, errors: string[]): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) {
    errors.push(`${flag} must be a number, got "${v}"`);
    return undefined;
  }
  return n;
}

export function parseInject(values: string[], errors: string[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const v of values) {
    const m = /^([a-z0-9_-]+):([A-Z_][A-Z0-9_]*)=(.*)$/.exec(v);
    if (!m) {
      errors.push(`--inject "${v}" must look like go:INJECT_DELAY_US=40`);
      continue;
    }
    (out[m[1]!] ??= {})[m[2]!] = m[3]!;
  }
  return out;
}

function precisionFlags(flags: PlanFlags, errors: string[]): PrecisionOptions {
  const out: PrecisionOptions = {};
  if (flags.precision !== undefined) {
    const target = parsePrecisionFlag(flags.precision);
    if (target === undefined) errors.push(`--precision must be a percentage like 5% or "off", got "${flags.precision}"`);
    else out.target_pct = target;
  }
  if (flags.precisionOf !== undefined) {
    if (flags.precisionOf === 'p99' || flags.precisionOf === 'p999') out.of = flags.precisionOf;
    else errors.push(`--precision-of must be p99 or p999, got "${flags.precisionOf}"`);
  }
  const cap = num('--precision-cap', flags.precisionCap, errors);
  if (cap !== undefined) out.max_measure_s = cap;
  return out;
}

/** Builds the plan from flags; every problem, from flags or files, is reported together. */
export async function planFromFlags(flags: PlanFlags): Promise<Extract<PlanResult, { ok: true }>> {
  const errors: string[] = [];
  const inject = parseInject(flags.inject, errors);
  const repetitions = num('--repetitions', flags.repetitions, errors);
  const warmup_s = num('--warmup', flags.warmup, errors);
  const measure_s = num('--duration', flags.duration, errors);
  const capacity_s = num('--capacity', flags.capacity, errors);
  const rate_scale = num('--rate-scale', flags.rateScale, errors);
  const threads = num('--threads', flags.threads, errors) ?? 1;
  const seed = num('--seed', flags.seed, errors);
  const precision = precisionFlags(flags, errors);
  if (flags.duet) {
    // The CPU layout is planned and tested (plan/duet.ts); measuring A and B at once is not built
    // yet, so even a machine with enough CPUs gets a plain answer instead of a sequential run.
    const layout = planDuet(machineTopology(), threads);
    errors.push(layout.ok ? '--duet: this machine has the CPUs for it, but measuring two processors at once is not implemented yet (the CPU layout is: plan/duet.ts); run without --duet' : layout.reason);
  }
  const result = await buildPlan({
    repoRoot: REPO_ROOT,
    profile: flags.profile,
    baseline: flags.baseline,
    threads,
    pin: flags.pin,
    ...(flags.realtime === false ? { realtime_driver: false } : {}),
    inject,
    ...(list(flags.scenarios) ? { scenarios: list(flags.scenarios)! } : {}),
    ...(list(flags.processors) ? { processors: list(flags.processors)! } : {}),
    ...(repetitions !== undefined ? { repetitions } : {}),
    ...(warmup_s !== undefined ? { warmup_s } : {}),
    ...(measure_s !== undefined ? { measure_s } : {}),
    ...(capacity_s !== undefined ? { capacity_s } : {}),
    ...(rate_scale !== undefined ? { rate_scale } : {}),
    ...(flags.skipVerify ? { skip_verify: true } : {}),
    ...(seed !== undefined ? { seed } : {}),
    precision,
  });
  if (!result.ok) errors.push(...result.errors);
  if (errors.length > 0 || !result.ok) {
    throw new UserError(errors.length === 1 ? errors[0]! : `the plan has ${errors.length} problems:\n  ${errors.join('\n  ')}`);
  }
  return result;
}
