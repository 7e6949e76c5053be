// `harness microbench` as a function: build each source's processor (cached), run its benchmark
// program with MICROBENCH_OUT set, read what it produced into records of the one result format,
// and assemble one result with its provenance and what each source did. Storing is the caller's
// (the file store, then ClickHouse when configured).
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildProcessor, type BuildOptions, type BuildResult } from '../build/index.ts';
import { gitInfo } from '../pipeline/provenance.ts';
import type { ProcessorManifest } from '../processors/manifest.ts';
import { microbenchDir, newRunId } from '../results/layout.ts';
import { MICROBENCH_SCHEMA_VERSION, type MicrobenchRecord, type MicrobenchSource, type StoredMicrobench } from '../results/microbench-schema.ts';
import { readOutput } from './read-output.ts';
import { recordKey } from './records.ts';
import { runBenchCommand } from './run-command.ts';
import type { SourcePlan, SourceToRun } from './sources.ts';

export const SUITE = 'harness-microbench';
export const LOGS_DIR = 'logs';

export interface MicrobenchOptions {
  repoRoot: string;
  microbenchRoot: string;
  plans: readonly SourcePlan[];
  smoke: boolean;
  now?: Date;
  /** Progress lines (stderr). */
  say?: (line: string) => void;
  /** Live output of the programs; default the harness's stderr. */
  echo?: (chunk: Buffer) => void;
  build?: (m: ProcessorManifest, o: BuildOptions) => Promise<BuildResult>;
}

export interface MicrobenchOutcome {
  id: string;
  /** microbench/<id>/: the logs are there even when nothing produced a record. */
  dir: string;
  result: StoredMicrobench;
}

const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d+Z$/, 'Z');

async function runOne(
  plan: SourceToRun,
  dir: string,
  opts: MicrobenchOptions,
): Promise<{ source: MicrobenchSource; records: MicrobenchRecord[]; smoke: boolean }> {
  const logs = path.join(dir, LOGS_DIR);
  const failed = (reason: string) => ({ source: { name: plan.name, command: plan.command, status: 'failed' as const, records: 0, reason }, records: [], smoke: false });
  let toolchainVersion: string | undefined;
  if (plan.manifest) {
    const built = await (opts.build ?? buildProcessor)(plan.manifest, { logDir: logs });
    if (!built.ok) return failed(`build failed: ${built.error} (log: ${built.log_path})`);
    toolchainVersion = built.toolchain_version;
  }
  const logFile = path.join(logs, `${plan.name}.log`);
  const outFile = path.join(dir, '.work', `${plan.name}.json`);
  await mkdir(path.dirname(outFile), { recursive: true });
  const ran = await runBenchCommand(plan.command, {
    cwd: plan.dir,
    env: { ...process.env, MICROBENCH_OUT: outFile },
    logFile,
    ...(opts.echo ? { echo: opts.echo } : {}),
  });
  if (ran.spawn_error) return failed(`could not start: ${ran.spawn_error}`);
  if (ran.code !== 0) return failed(`${ran.code === null ? `killed by ${ran.signal}` : `exited with code ${ran.code}`} (log: ${logFile})`);
  const read = await readOutput({
    output: plan.output,
    stdout: ran.stdout,
    outFile,
    implementation: plan.name,
    language: plan.manifest?.language ?? plan.name,
    ...(toolchainVersion !== undefined ? { toolchainVersion } : {}),
  });
  if (!read.ok) return failed(read.reason);
  if (read.records.length === 0) return failed('it produced no records');
  return { source: { name: plan.name, command: plan.command, status: 'ok', records: read.records.length, reason: null }, records: read.records, smoke: read.smoke };
}

export async function runMicrobench(opts: MicrobenchOptions): Promise<MicrobenchOutcome> {
  const say = opts.say ?? (() => undefined);
  const now = opts.now ?? new Date();
  const git = gitInfo(opts.repoRoot);
  const id = newRunId(now, git.sha === 'unknown' ? '' : git.sha);
  const dir = microbenchDir(opts.microbenchRoot, id);
  await mkdir(path.join(dir, LOGS_DIR), { recursive: true });

  const sources: MicrobenchSource[] = [];
  const records: MicrobenchRecord[] = [];
  const owner = new Map<string, string>();
  // A program that reports its own figures as smoke makes the whole result one: nothing in it may be charted as a measurement.
  let smoke = opts.smoke;
  for (const plan of opts.plans) {
    if (plan.kind === 'skip') {
      say(`${plan.name}: skipped: ${plan.reason}`);
      sources.push({ name: plan.name, command: plan.command, status: 'skipped', records: 0, reason: plan.reason });
      continue;
    }
    say(`── ${plan.name}: ${plan.manifest ? 'build (cached while unchanged), then ' : ''}${plan.command.join(' ')}`);
    const one = await runOne(plan, dir, opts);
    // Two sources must not claim the same (function, implementation, batch): the second would
    // silently stand for the first in every chart.
    const clash = one.records.find((r) => owner.has(recordKey(r)));
    if (clash) {
      const reason = `its record ${recordKey(clash)} is already ${owner.get(recordKey(clash))}'s; give one of them another name or implementation`;
      sources.push({ name: plan.name, command: plan.command, status: 'failed', records: 0, reason });
      say(`${plan.name}: failed: ${reason}`);
      continue;
    }
    for (const r of one.records) owner.set(recordKey(r), plan.name);
    smoke ||= one.smoke;
    records.push(...one.records);
    sources.push(one.source);
    say(one.source.status === 'ok' ? `${plan.name}: ${one.source.records} records` : `${plan.name}: failed: ${one.source.reason}`);
  }
  await rm(path.join(dir, '.work'), { recursive: true, force: true });

  const result: StoredMicrobench = {
    schema_version: MICROBENCH_SCHEMA_VERSION,
    id,
    suite: SUITE,
    created_at: isoSeconds(now),
    git_commit: git.sha === 'unknown' ? null : git.sha,
    host: { hostname: os.hostname(), platform: `${os.type()}-${os.release()}-${os.arch()}`, cpu_count: os.cpus().length },
    smoke,
    sources,
    results: records,
  };
  return { id, dir, result };
}

