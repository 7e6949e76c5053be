// The build stage: run a processor's build command unless a cached build with the same inputs
// and toolchain is still in place. The full log always goes to a file; the result carries only
// what a report needs.
import { mkdirSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ProcessorManifest } from '../processors/index.ts';
import { runCommand, missingToolMessage } from './run-command.ts';
import { hashBuildInputs } from './inputs-hash.ts';
import { buildOutputs } from './outputs.ts';

export type BuildResult =
  | { ok: true; cached: boolean; duration_s: number; toolchain_version: string; log_path: string }
  | { ok: false; error: string; log_tail: string; log_path: string };

export interface BuildOptions {
  /** Folder for the build log (`build-<name>.log`); created if missing. */
  logDir: string;
  /** Where cache records live; defaults to `<repo>/.build-cache` (gitignored). */
  cacheDir?: string;
  /** Build even when the cache says the inputs are unchanged. */
  force?: boolean;
}

interface CacheRecord {
  inputs_sha256: string;
  toolchain_version: string;
}

export async function buildProcessor(manifest: ProcessorManifest, options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  mkdirSync(options.logDir, { recursive: true });
  const logPath = join(options.logDir, `build-${manifest.name}.log`);
  writeFileSync(logPath, `build of ${manifest.name} at ${new Date().toISOString()}\n`);

  // A toolchain the build installs (a relative program path such as runtime/bin/node) does not
  // exist before the first build: then build first and ask it afterwards.
  const providedByBuild = isInsideProcessor(manifest.toolchain.command[0]!);
  let toolchainVersion: string | undefined;
  if (!providedByBuild || existsSync(resolve(manifest.dir, manifest.toolchain.command[0]!))) {
    const asked = await askToolchain(manifest, logPath);
    if (asked.ok) toolchainVersion = asked.version;
    // A broken installed toolchain is the build's to replace.
    else if (!providedByBuild) return asked;
  }

  // Processors live in <repo>/processors/<name>, so the repository root is two levels up.
  const cacheDir = options.cacheDir ?? resolve(manifest.dir, '..', '..', '.build-cache');
  const cachePath = join(cacheDir, `${manifest.name}.json`);
  const hashWith = (version: string): string => hashBuildInputs(manifest.dir, manifest.build.inputs, manifest.build.command, version);
  const outputs = buildOutputs(manifest);
  const outputsExist = outputs.every((o) => existsSync(resolve(manifest.dir, o)));
  if (toolchainVersion !== undefined && !options.force && outputsExist) {
    const inputsHash = hashWith(toolchainVersion);
    if (readCache(cachePath)?.inputs_sha256 === inputsHash) {
      writeFileSync(logPath, `cached: inputs ${inputsHash.slice(0, 12)} unchanged and outputs present (${outputs.join(', ') || 'none declared'})\n`, { flag: 'a' });
      return { ok: true, cached: true, duration_s: seconds(started), toolchain_version: toolchainVersion, log_path: logPath };
    }
  }

  const build = await runCommand(manifest.build.command, manifest.dir, logPath);
  if (build.spawn_error) return failure(missingToolMessage(manifest.build.command[0]!, manifest.name), build.tail, logPath);
  if (build.code !== 0) {
    const how = build.code === null ? `was killed by ${build.signal}` : `exited with code ${build.code}`;
    return failure(`${manifest.name}: build command "${manifest.build.command.join(' ')}" ${how}`, build.tail, logPath);
  }
  const missing = outputs.filter((o) => !existsSync(resolve(manifest.dir, o)));
  if (missing.length > 0) {
    return failure(`${manifest.name}: build succeeded but did not produce ${missing.join(', ')}`, build.tail, logPath);
  }
  // The build may have installed or replaced its toolchain (a changed pin): record what is there now.
  if (providedByBuild) {
    const program = manifest.toolchain.command[0]!;
    if (!existsSync(resolve(manifest.dir, program))) {
      return failure(`${manifest.name}: build succeeded but did not produce ${program}, the program of its toolchain command`, build.tail, logPath);
    }
    const asked = await askToolchain(manifest, logPath);
    if (!asked.ok) return asked;
    toolchainVersion = asked.version;
  }
  mkdirSync(cacheDir, { recursive: true });
  const record: CacheRecord = { inputs_sha256: hashWith(toolchainVersion!), toolchain_version: toolchainVersion! };
  writeFileSync(cachePath, JSON.stringify(record, null, 2) + '\n');
  return { ok: true, cached: false, duration_s: seconds(started), toolchain_version: toolchainVersion!, log_path: logPath };
}

/** A path relative to the processor folder ("runtime/bin/node"), not a program looked up on PATH. */
function isInsideProcessor(program: string): boolean {
  return program.includes('/') && !isAbsolute(program);
}

async function askToolchain(
  manifest: ProcessorManifest,
  logPath: string,
): Promise<{ ok: true; version: string } | Extract<BuildResult, { ok: false }>> {
  const toolchain = await runCommand(manifest.toolchain.command, manifest.dir, logPath);
  if (toolchain.spawn_error) return failure(missingToolMessage(manifest.toolchain.command[0]!, manifest.name), toolchain.tail, logPath);
  if (toolchain.code !== 0) {
    return failure(`${manifest.name}: toolchain command "${manifest.toolchain.command.join(' ')}" failed`, toolchain.tail, logPath);
  }
  return { ok: true, version: toolchain.stdout.trim().split('\n')[0] ?? '' };
}

function readCache(path: string): CacheRecord | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CacheRecord;
  } catch {
    return undefined;
  }
}

function failure(error: string, tail: string, logPath: string): Extract<BuildResult, { ok: false }> {
  return { ok: false, error, log_tail: tail, log_path: logPath };
}

function seconds(startedMs: number): number {
  return Math.round(performance.now() - startedMs) / 1000;
}
