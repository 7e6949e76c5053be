// The build stage: run a processor's build command unless a cached build with the same inputs
// and toolchain is still in place. The full log always goes to a file; the result carries only
// what a report needs.
import { mkdirSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

  const toolchain = await runCommand(manifest.toolchain.command, manifest.dir, logPath);
  if (toolchain.spawn_error) return failure(missingToolMessage(manifest.toolchain.command[0]!, manifest.name), toolchain.tail, logPath);
  if (toolchain.code !== 0) {
    return failure(`${manifest.name}: toolchain command "${manifest.toolchain.command.join(' ')}" failed`, toolchain.tail, logPath);
  }
  const toolchainVersion = toolchain.stdout.trim().split('\n')[0] ?? '';

  // Processors live in <repo>/processors/<name>, so the repository root is two levels up.
  const cacheDir = options.cacheDir ?? resolve(manifest.dir, '..', '..', '.build-cache');
  const cachePath = join(cacheDir, `${manifest.name}.json`);
  const inputsHash = hashBuildInputs(manifest.dir, manifest.build.inputs, manifest.build.command, toolchainVersion);
  const outputs = buildOutputs(manifest);
  const outputsExist = outputs.every((o) => existsSync(resolve(manifest.dir, o)));
  if (!options.force && outputsExist && readCache(cachePath)?.inputs_sha256 === inputsHash) {
    writeFileSync(logPath, `cached: inputs ${inputsHash.slice(0, 12)} unchanged and outputs present (${outputs.join(', ') || 'none declared'})\n`, { flag: 'a' });
    return { ok: true, cached: true, duration_s: seconds(started), toolchain_version: toolchainVersion, log_path: logPath };
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
  mkdirSync(cacheDir, { recursive: true });
  const record: CacheRecord = { inputs_sha256: inputsHash, toolchain_version: toolchainVersion };
  writeFileSync(cachePath, JSON.stringify(record, null, 2) + '\n');
  return { ok: true, cached: false, duration_s: seconds(started), toolchain_version: toolchainVersion, log_path: logPath };
}

function readCache(path: string): CacheRecord | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CacheRecord;
  } catch {
    return undefined;
  }
}

function failure(error: string, tail: string, logPath: string): BuildResult {
  return { ok: false, error, log_tail: tail, log_path: logPath };
}

function seconds(startedMs: number): number {
  return Math.round(performance.now() - startedMs) / 1000;
}
