// What a language's own checker finds when the checked build serves real traffic: the manifest's
// tradeoffs.safety builds a checked variant (Go -race, C++ ASan/UBSan, Rust's dev profile with
// debug assertions and overflow checks), the harness starts it through the launch stage, replays
// the golden vectors, drives a short open-loop load per scenario, stops it with SIGTERM (leak
// checkers report at exit), and counts the lines of its output that match finding_pattern.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runOpenLoop } from '../drive/open-loop.ts';
import { launchProcessor, type RunningProcessor } from '../launch/index.ts';
import type { ScenarioSpec } from '../plan/index.ts';
import { requestPool } from '../plan/requests.ts';
import type { ProcessorManifest, SafetySection } from '../processors/index.ts';
import type { Safety } from '../results/tradeoffs-schema.ts';
import type { VectorFile } from '../verify/load-vectors.ts';
import { runVectors } from '../verify/run-vectors.ts';
import { describeFailure, runTimed } from './timed-command.ts';

export const SAFETY_RULE =
  'the manifest\u2019s checked build (tradeoffs.safety), started like the processor, gets every golden vector, then a short constant-rate open-loop load per scenario, then SIGTERM; ' +
  'a finding is a line of its output matching the manifest\u2019s finding_pattern (one per report: a race, a sanitizer error, a panic); a process that dies under load is reported beside the count';

/** How many matching lines are kept for a reader. */
const FIRST_FINDINGS = 10;

export interface SafetyOptions {
  logDir: string;
  threads: number;
  rate_per_s: number;
  seconds_per_scenario: number;
  scenarios: readonly ScenarioSpec[];
  vectors: readonly VectorFile[];
  signal: AbortSignal;
}

/** Lines of `output` matching `pattern` (one finding each). */
export function findingLines(output: string, pattern: string): string[] {
  const re = new RegExp(pattern);
  return output.split('\n').filter((line) => re.test(line));
}

export async function runSafety(manifest: ProcessorManifest, section: SafetySection, opts: SafetyOptions): Promise<Safety> {
  if ('none' in section) return { status: 'none', reason: section.none };
  const failed = (error: string, log_path: string | null): Safety => ({ status: 'failed', tool: section.tool, error, log_path });
  const buildLog = path.join(opts.logDir, `safety-build-${manifest.name}.log`);
  const build = await runTimed(section.build.command, manifest.dir, process.env, buildLog);
  if (build.code !== 0) return failed(`checked build: ${describeFailure(section.build.command, build)}`, buildLog);
  if (opts.signal.aborted) return { status: 'skipped', reason: 'interrupted' };

  let proc: RunningProcessor;
  try {
    proc = await launchProcessor({ ...manifest, start: section.start }, { threads: opts.threads, env: section.env ?? {}, logDir: opts.logDir, readyTimeoutMs: 60_000 });
  } catch (err) {
    return failed(`checked build did not start: ${err instanceof Error ? err.message : String(err)}`, (err as { log_path?: string }).log_path ?? null);
  }
  let exitedDuringLoad = false;
  void proc.exited.then(() => {
    exitedDuringLoad = true;
  });
  let vectors = { passed: 0, total: 0 };
  const load = { scenarios: opts.scenarios.map((s) => s.name), rate_per_s: opts.rate_per_s, seconds_per_scenario: opts.seconds_per_scenario, requests: 0, responses_ok: 0, errors: 0 };
  try {
    const replay = await runVectors(manifest.name, proc.baseUrl, opts.vectors);
    const failedSteps = new Set(replay.failures.map((f) => `${f.vector}#${f.step}`)).size;
    vectors = { passed: replay.steps - failedSteps, total: replay.steps };
    for (const spec of opts.scenarios) {
      if (exitedDuringLoad || opts.signal.aborted) break;
      const drive = await runOpenLoop({
        port: proc.port,
        pool: requestPool(spec),
        schedule: { kind: 'constant', rate_per_s: opts.rate_per_s },
        warmup_s: 0,
        measure_s: opts.seconds_per_scenario,
        connections: 8,
        stop_after_errors: 1000,
      });
      const c = drive.summary.counts;
      load.requests += c.scheduled;
      load.responses_ok += c.ok_2xx;
      load.errors += c.non_2xx + c.errors.connect + c.errors.timeout + c.errors.reset + c.errors.parse;
    }
  } catch (err) {
    if (!exitedDuringLoad) {
      await proc.stop();
      return failed(`checked build under load: ${err instanceof Error ? err.message : String(err)}`, proc.log_path);
    }
  }
  const died = exitedDuringLoad;
  const exit = await proc.stop();
  await proc.outputClosed;
  const matches = findingLines(await readFile(proc.log_path, 'utf8'), section.finding_pattern);
  return {
    status: 'measured',
    tool: section.tool,
    findings: matches.length,
    finding_pattern: section.finding_pattern,
    first_findings: matches.slice(0, FIRST_FINDINGS).map((l) => l.slice(0, 500)),
    vectors,
    load,
    exit: { code: exit.code, signal: exit.signal, during_load: died },
    build_wall_s: Math.round(build.wall_s * 1000) / 1000,
    log_path: proc.log_path,
  };
}
