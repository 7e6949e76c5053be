// The launch stage: start one processor with the harness's environment (HOST, PORT, THREADS,
// MAX_BODY_BYTES), optionally pinned to CPUs, and return once its readiness URL answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, isAbsolute, resolve } from 'node:path';
import type { ProcessorManifest } from '../processors/index.ts';
import { UserError } from '../errors/user-error.ts';
import { registerChild } from './registry.ts';
import { freePort, assertPortFree } from './port.ts';
import { waitUntilReady } from './readiness.ts';

export interface LaunchOptions {
  /** The CPU-budget knob passed as THREADS (GOMAXPROCS, tokio workers, ...). */
  threads: number;
  /** CPUs to pin to with `taskset -c`; omitted = not pinned. */
  cpus?: number[];
  /** Loopback port; omitted = a free one is picked. A busy port is a UserError. */
  port?: number;
  /** Extra environment variables (they win over the harness's own). */
  env?: Record<string, string>;
  /** MAX_BODY_BYTES; omitted = the processor's default (4 MiB). */
  maxBodyBytes?: number;
  /** Folder for the process's stdout/stderr log. */
  logDir: string;
  /** How long to wait for the readiness URL; default 30 s. */
  readyTimeoutMs?: number;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningProcessor {
  name: string;
  /** The processor's own pid (taskset execs the processor, so it is the same process). */
  pid: number;
  port: number;
  /** e.g. http://127.0.0.1:40123 (no trailing slash). */
  baseUrl: string;
  log_path: string;
  /** The last few KiB of stdout and stderr. */
  stderrTail(): string;
  /** Resolves when the process exits, for whatever reason. */
  exited: Promise<ExitStatus>;
  /** Resolves once the process's output streams have closed and the log file holds all of it (what it printed on its way out too). */
  outputClosed: Promise<void>;
  /** SIGTERM, then SIGKILL after 3 s; `forced` tells whether SIGKILL was needed. */
  stop(): Promise<ExitStatus & { forced: boolean }>;
}

/** A processor that did not become ready; carries what it printed. */
export class LaunchError extends UserError {
  constructor(message: string, readonly stderr_tail: string, readonly log_path: string) {
    super(message);
    this.name = 'LaunchError';
  }
}

const HOST = '127.0.0.1';
const TAIL_BYTES = 4000;
const STOP_GRACE_MS = 3000;

export async function launchProcessor(manifest: ProcessorManifest, options: LaunchOptions): Promise<RunningProcessor> {
  if (options.port !== undefined) {
    await assertPortFree(options.port, HOST);
    return launchOnce(manifest, options, options.port);
  }
  // A port found free may be taken before the processor binds it; try a fresh one a few times.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await launchOnce(manifest, options, await freePort(HOST));
    } catch (err) {
      lastError = err;
      if (!(err instanceof LaunchError) || !/in use|EADDRINUSE/i.test(err.stderr_tail)) throw err;
    }
  }
  throw lastError;
}

async function launchOnce(manifest: ProcessorManifest, options: LaunchOptions, port: number): Promise<RunningProcessor> {
  mkdirSync(options.logDir, { recursive: true });
  const logPath = join(options.logDir, `${manifest.name}-${port}.log`);
  const log = createWriteStream(logPath);

  const [program, ...args] = manifest.start.command;
  // Relative program paths ("bin/processor") are relative to the processor folder.
  const executable = program!.includes('/') && !isAbsolute(program!) ? resolve(manifest.dir, program!) : program!;
  const argv = options.cpus && options.cpus.length > 0 ? ['taskset', '-c', options.cpus.join(','), executable, ...args] : [executable, ...args];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST,
    PORT: String(port),
    THREADS: String(options.threads),
    ...(options.maxBodyBytes !== undefined ? { MAX_BODY_BYTES: String(options.maxBodyBytes) } : {}),
    ...options.env,
  };
  log.write(`$ ${argv.join(' ')}  (cwd ${manifest.dir}, PORT=${port} THREADS=${options.threads})\n`);

  const child = spawn(argv[0]!, argv.slice(1), { cwd: manifest.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    log.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  let exitStatus: ExitStatus | undefined;
  let spawnError: Error | undefined;
  const exited = new Promise<ExitStatus>((resolveExit) => {
    child.once('error', (err) => {
      spawnError = err;
      // A process that never started emits no 'exit'.
      if (child.pid === undefined) {
        exitStatus = { code: null, signal: null };
        resolveExit(exitStatus);
      }
    });
    child.once('exit', (code, signal) => {
      exitStatus = { code, signal };
      resolveExit(exitStatus);
    });
  });
  // 'close' comes after 'exit' and after the last output: only then is the log complete.
  const outputClosed = new Promise<void>((resolveClosed) => {
    child.once('close', () => {
      const status = exitStatus ?? { code: child.exitCode, signal: child.signalCode };
      log.end(`exit code ${status.code ?? 'none'}${status.signal ? `, signal ${status.signal}` : ''}\n`, () => resolveClosed());
    });
  });
  if (child.pid !== undefined) registerChild(child);

  const baseUrl = `http://${HOST}:${port}`;
  const outcome = await waitUntilReady(baseUrl + manifest.readiness, () => exitStatus !== undefined, options.readyTimeoutMs ?? 30_000);
  if (outcome !== 'ready') {
    if (outcome === 'timeout') await stopChild(child, exited);
    const why = spawnError
      ? `could not start "${argv[0]}": ${spawnError.message}`
      : outcome === 'exited'
        ? `exited before becoming ready (code ${exitStatus?.code ?? 'none'}${exitStatus?.signal ? `, signal ${exitStatus.signal}` : ''})`
        : `did not answer ${manifest.readiness} with 200 within ${options.readyTimeoutMs ?? 30_000} ms`;
    const shownTail = tail.trim().split('\n').slice(-5).join(' | ');
    throw new LaunchError(`${manifest.name} ${why}${shownTail ? `; output: ${shownTail}` : ''}`, tail, logPath);
  }

  return {
    name: manifest.name,
    pid: child.pid!,
    port,
    baseUrl,
    log_path: logPath,
    stderrTail: () => tail,
    exited,
    outputClosed,
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<ExitStatus>): Promise<ExitStatus & { forced: boolean }> {
  if (child.exitCode !== null || child.signalCode !== null) return { ...(await exited), forced: false };
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), STOP_GRACE_MS);
  });
  const first = await Promise.race([exited, graceOver]);
  clearTimeout(timer);
  if (first !== 'timeout') return { ...first, forced: false };
  child.kill('SIGKILL');
  return { ...(await exited), forced: true };
}
