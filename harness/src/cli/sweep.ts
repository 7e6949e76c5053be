// `harness sweep`: latency against load. Each processor's load curve, its sustainable throughput
// under each scenario's SLO (bracketed, bisected to 2%, confirmed), equal-load points and the
// closed-loop ceilings; writes sweeps/<id>/ and, when configured, ClickHouse.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { EXIT, UserError } from '../errors/user-error.ts';
import { deferSignals } from '../launch/index.ts';
import { buildPlan } from '../plan/index.ts';
import type { SweepSettings } from '../results/sweep-schema.ts';
import { storeConfigFromEnv } from '../store/index.ts';
import { writeSweepFile } from '../store/sweep-files.ts';
import { defaultSweepsRoot } from '../store/sweep-source.ts';
import { renderSweepMarkdown, renderSweepText } from '../sweep/render.ts';
import { curveViews } from '../sweep/curve-view.ts';
import { runSweep } from '../sweep/run-sweep.ts';
import { scenarioSweepPlan, SWEEP_PROFILES, sweepProblems, type LadderFlags } from '../sweep/settings.ts';
import { parseSloFlag } from '../sweep/slo-flag.ts';
import { parseInject, REPO_ROOT } from './plan-options.ts';
import { progressRenderer } from './progress.ts';
import { writeData } from './stdio.ts';

interface SweepFlags {
  profile: string;
  scenarios?: string;
  processors?: string;
  threads: string;
  pin: boolean;
  realtime: boolean;
  inject: string[];
  skipVerify?: boolean;
  warmup?: string;
  duration?: string;
  start?: string;
  factor?: string;
  rates?: string;
  maxRate?: string;
  slo?: string;
  resolution?: string;
  confirm?: string;
  fractions?: string;
  equalLoadRepetitions?: string;
  equalLoad: boolean;
  ceilingSeconds?: string;
  autocannonSeconds?: string;
  results?: string;
  store?: string;
  format: string;
}

/**
 * The decision record's three: a sweep without --processors draws their curves (about 10 minutes
 * with the quick profile); a repository without one of them sweeps the others.
 */
export const DEFAULT_SWEEP_PROCESSORS = ['go', 'node', 'rust'];

function defaultProcessors(repoRoot: string): string[] | undefined {
  const present = DEFAULT_SWEEP_PROCESSORS.filter((p) => existsSync(path.join(repoRoot, 'processors', p, 'processor.json')));
  return present.length ? present : undefined;
}

const list = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean));

/** Numbers from flags; every bad one is reported with the others. */
function numbers(errors: string[]) {
  const one = (flag: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < 0) {
      errors.push(`${flag} must be a number ≥ 0, got "${v}"`);
      return undefined;
    }
    return n;
  };
  const many = (flag: string, v: string | undefined): number[] | undefined => {
    const parts = list(v);
    if (parts === undefined) return undefined;
    const out = parts.map((p) => one(flag, p));
    if (out.length === 0 || out.some((x) => x === undefined || x <= 0)) {
      errors.push(`${flag} must be a comma-separated list of positive numbers, got "${v}"`);
      return undefined;
    }
    return out as number[];
  };
  return { one, many };
}

function settingsFrom(flags: SweepFlags, errors: string[]): { settings: SweepSettings; ladder: LadderFlags } | undefined {
  const profile = SWEEP_PROFILES[flags.profile];
  if (!profile) {
    errors.push(`unknown sweep profile "${flags.profile}"; available: ${Object.keys(SWEEP_PROFILES).join(', ')}`);
    return undefined;
  }
  const { one, many } = numbers(errors);
  const { step_factor: _factor, ...base } = profile;
  const confirm = one('--confirm', flags.confirm);
  const eqReps = one('--equal-load-repetitions', flags.equalLoadRepetitions);
  const settings: SweepSettings = {
    ...base,
    profile: flags.profile,
    warmup_s: one('--warmup', flags.warmup) ?? base.warmup_s,
    measure_s: one('--duration', flags.duration) ?? base.measure_s,
    resolution: one('--resolution', flags.resolution) ?? base.resolution,
    confirm_repetitions: confirm === undefined ? base.confirm_repetitions : Math.round(confirm),
    equal_load: {
      fractions: many('--fractions', flags.fractions) ?? base.equal_load.fractions,
      repetitions: flags.equalLoad === false ? 0 : eqReps === undefined ? base.equal_load.repetitions : Math.round(eqReps),
    },
    native_ceiling_s: one('--ceiling-seconds', flags.ceilingSeconds) ?? base.native_ceiling_s,
    autocannon_s: one('--autocannon-seconds', flags.autocannonSeconds) ?? base.autocannon_s,
  };
  const start = one('--start', flags.start);
  const factor = one('--factor', flags.factor);
  const rates = many('--rates', flags.rates);
  const max = one('--max-rate', flags.maxRate);
  const slo = flags.slo === undefined ? undefined : parseSloFlag(flags.slo);
  if (slo && !slo.ok) errors.push(slo.problem);
  const ladder: LadderFlags = {
    ...(slo?.ok && { slo_latency: slo.latency }),
    ...(start !== undefined && { start_per_s: start }),
    ...(factor !== undefined && { factor }),
    ...(rates !== undefined && { rates_per_s: rates }),
    ...(max !== undefined && { max_per_s: max }),
  };
  return { settings, ladder };
}

export function register(program: Command): void {
  program
    .command('sweep')
    .description("latency against load: each processor's open-loop curve, its sustainable throughput under the scenario's SLO (bisected to 2%, confirmed), equal-load points, closed-loop ceilings; writes sweeps/<id>/")
    .option('--profile <name>', `${Object.keys(SWEEP_PROFILES).join(' or ')} (step lengths, repetitions; see sweep/settings.ts)`, 'quick')
    .option('--scenarios <list>', "comma-separated scenarios (default: the profile's, e.g. ingest for quick)")
    .option('--processors <list>', `comma-separated processors (default: ${DEFAULT_SWEEP_PROCESSORS.join(',')})`)
    .option('--threads <n>', "every processor's CPU budget (GOMAXPROCS, tokio workers, THREADS): the per-core figures divide by it", '1')
    .option('--no-pin', 'do not pin processor and driver to separate CPUs')
    .option('--no-realtime', 'run the load driver at normal priority (default: real-time FIFO when root)')
    .option('--inject <proc:VAR=value>', 'set an environment knob on one processor (recorded in provenance), repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--skip-verify', 'sweep processors without replaying the golden vectors first (never for a verdict)')
    .option('--warmup <seconds>', "each step's warmup (default: the profile's)")
    .option('--duration <seconds>', "each step's measure phase, at least 1 (default: the profile's)")
    .option('--start <req/s>', "first rate of the curve (default: the scenario's sweep block, or its load rate ÷ 8)")
    .option('--factor <x>', 'each rate is the previous × this (default: the scenario\'s, else the profile\'s: 1.5 quick, 1.25 full)')
    .option('--rates <a,b,c>', 'an explicit ladder of rates instead')
    .option('--max-rate <req/s>', 'never offer more than this (default 1,000,000)')
    .option('--slo <bounds>', "latency bounds replacing the scenario's, e.g. p99_clean<=5ms,p50<=1ms (for a machine whose own floor is above them; share answered and trend stay the scenario's)")
    .option('--resolution <share>', 'bisect until the bracket is within this share (0.02 = 2%)')
    .option('--confirm <n>', 'repetitions at the sustainable rate (a majority must meet the SLO)')
    .option('--fractions <a,b>', "equal-load fractions of each processor's sustainable rate (default 0.5,0.8)")
    .option('--equal-load-repetitions <n>', 'repetitions of each equal-load point')
    .option('--no-equal-load', 'skip the equal-load points')
    .option('--ceiling-seconds <s>', 'native closed-loop ceiling per processor (0 skips it)')
    .option('--autocannon-seconds <s>', 'autocannon cross-check per processor (0 skips it)')
    .option('--results <dir>', 'folder of sweeps (default: sweeps/ in the repository, or $HARNESS_SWEEPS_DIR)')
    .option('--store <kind>', 'file, or clickhouse to also write there (default: clickhouse when CLICKHOUSE_URL is set)')
    .option('--format <format>', 'text, markdown or json', 'text')
    .action(async (flags: SweepFlags) => {
      const errors: string[] = [];
      if (!['text', 'markdown', 'json'].includes(flags.format)) errors.push(`--format must be text, markdown or json, not "${flags.format}"`);
      const inject = parseInject(flags.inject, errors);
      const resolved = settingsFrom(flags, errors);
      const threads = Number(flags.threads);
      const processors = list(flags.processors) ?? defaultProcessors(REPO_ROOT);
      const planned = await buildPlan({
        repoRoot: REPO_ROOT,
        profile: SWEEP_PROFILES[flags.profile] ? flags.profile : 'quick',
        baseline: processors?.[0] ?? 'go',
        threads,
        pin: flags.pin,
        ...(flags.realtime === false ? { realtime_driver: false } : {}),
        inject,
        ...(list(flags.scenarios) ? { scenarios: list(flags.scenarios)! } : {}),
        ...(processors ? { processors } : {}),
        ...(flags.skipVerify ? { skip_verify: true } : {}),
      });
      if (!planned.ok) errors.push(...planned.errors);
      const scenarios = planned.ok && resolved ? planned.plan.scenarios.map((s) => scenarioSweepPlan(s, SWEEP_PROFILES[flags.profile]!, resolved.ladder)) : [];
      if (resolved) errors.push(...sweepProblems(resolved.settings, scenarios));
      if (errors.length || !planned.ok || !resolved) throw new UserError(errors.length === 1 ? errors[0]! : `the sweep has ${errors.length} problems:\n  ${errors.join('\n  ')}`);

      const say = (line: string) => process.stderr.write(`harness sweep: ${line}\n`);
      for (const s of scenarios) {
        const l = s.ladder;
        say(`${s.spec.name}: ${l.rates_per_s ? `rates ${l.rates_per_s.join(', ')}/s` : `from ${l.start_per_s}/s ×${l.factor} per step up to ${l.max_per_s}/s`}; SLO (${s.slo_source}) ${s.slo.latency.map((b) => `${b.figure} ${b.percentile} ≤ ${b.max_us} µs`).join(', ')}, ≥ ${s.slo.min_achieved_share * 100}% answered${s.slo.no_upward_trend ? ', no growing latency' : ''}`);
      }
      const st = resolved.settings;
      say(`each step ${st.warmup_s} s warmup + ${st.measure_s} s measure in a fresh process; bisect to ${st.resolution * 100}%, ${st.confirm_repetitions} confirmations${st.confirm_step_downs ? ` (up to ${st.confirm_step_downs} steps of ${st.resolution * 400}% down from a rate most of them miss)` : ''}, equal load at ${st.equal_load.fractions.map((f) => `${f * 100}%`).join(', ')} × ${st.equal_load.repetitions}`);

      const config = storeConfigFromEnv({ ...(flags.store ? { store: flags.store } : {}) });
      const interrupt = new AbortController();
      const onSignal = (signal: NodeJS.Signals) => {
        if (interrupt.signal.aborted) process.exit(EXIT.interrupted);
        say(`${signal}: stopping after the step in progress (again to quit now)`);
        interrupt.abort();
      };
      const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
      for (const s of SIGNALS) process.on(s, onSignal);
      deferSignals(() => undefined);
      const progress = progressRenderer();
      let outcome;
      try {
        outcome = await runSweep({
          repoRoot: REPO_ROOT,
          plan: planned.plan,
          manifests: planned.manifests,
          settings: st,
          scenarios,
          sweepsRoot: flags.results ?? defaultSweepsRoot(),
          events: progress,
          signal: interrupt.signal,
        });
      } finally {
        progress.stop();
        for (const s of SIGNALS) process.off(s, onSignal);
        deferSignals(undefined);
      }
      const { result, dir } = outcome;
      if (config.clickhouse) {
        const { writeSweepToClickHouse } = await import('../store/clickhouse/sweep-store.ts');
        const written = await writeSweepToClickHouse(config.clickhouse, result);
        if (written.ok) say(`ClickHouse: ${written.rows} rows written`);
        else {
          result.notes.push(`ClickHouse: not written (${written.error}); \`harness push --sweeps ${result.id}\` later`);
          await writeSweepFile(dir, result);
          say(`ClickHouse: not written (${written.error})`);
        }
      }
      say(`wrote ${dir} (harness report --sweep ${result.id})`);
      writeData(flags.format === 'json' ? `${JSON.stringify({ id: result.id, status: result.status, curves: curveViews(result) }, null, 2)}\n` : flags.format === 'markdown' ? renderSweepMarkdown(result) : renderSweepText(result));
      if (result.status === 'failed') process.exitCode = EXIT.failed;
      else if (result.status === 'incomplete') process.exitCode = EXIT.interrupted;
    });
}
