// runOpenLoop: the TypeScript face of the native driver. It writes the pool and config, runs the
// driver (pinned), and returns the records as typed arrays plus the driver's summary. With
// `control`, the driver streams its records while it runs and a check decides, from what it has
// seen, when the schedule may stop (precision-driven phases): the driver keeps sending on its
// schedule until then, so deciding costs the measurement nothing.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors/user-error.ts';
import { ensureDriverBuilt } from './build.ts';
import { runToCompletion } from './child-output.ts';
import { cpuNumbers, pinned } from './pin.ts';
import { writePoolFile, type PoolRequest } from './pool.ts';
import { RecordStreamReader } from './record-stream.ts';
import { parseRecords, type OpenLoopRecords } from './records.ts';
import { intendedTimesNs, type ArrivalSchedule } from './schedule.ts';
import { driverSummarySchema, type DriverSummary } from './summary.ts';

export interface OpenLoopOptions {
  /** Default 127.0.0.1. */
  host?: string;
  port: number;
  /** Request i uses pool[i % pool.length]. */
  pool: readonly PoolRequest[];
  schedule: ArrivalSchedule;
  /** Scheduled like the measure phase; records are tagged with their phase. */
  warmup_s: number;
  measure_s: number;
  /** Fixed pool of keep-alive connections; when all are busy a request waits (its wait counts). */
  connections: number;
  /** A request not done this long after its intended time is a timeout. Default 10 000. */
  timeout_ms?: number;
  /** Stop scheduling after this many transport errors. */
  stop_after_errors?: number;
  /** taskset CPU list for the driver, e.g. "1". */
  cpus?: string;
  /** Run the driver at real-time priority (see pin.ts). */
  realtime?: boolean;
  /**
   * Keep the driver's CPU awake with an idle-priority spinner while the driver sleeps between
   * sends, so a halted vCPU does not make it late (see harness/driver/src/keep_awake.rs). It burns
   * the rest of that core, so it needs a core the driver has to itself. Default: on when `cpus`
   * names exactly one CPU.
   */
  keep_awake?: boolean;
  /** Busy-wait window before each due time (default 50 µs; see harness/driver/README.md). */
  spin_us?: number;
  /** Schedule-lag p99 above this flags the run as driver-limited (default 1000 µs). */
  lag_p99_limit_us?: number;
  /** Keep the records file at this path instead of a temporary one that is removed. */
  records_path?: string;
  /** Decide while the driver runs when its schedule may stop. */
  control?: OpenLoopControl;
}

export interface OpenLoopControl {
  /** How often `check` runs, in seconds. */
  every_s: number;
  /**
   * Sees the records streamed so far; true stops the schedule (requests already due are still
   * sent and awaited). A check that throws stops nothing: the phase runs to its end.
   */
  check: (stream: RecordStreamReader) => boolean | Promise<boolean>;
}

export interface ControlOutcome {
  checks: number;
  /** A check said stop and the driver did. */
  stopped: boolean;
  /** The first error a check threw, if any. */
  error: string | null;
}

export interface OpenLoopResult {
  summary: DriverSummary;
  records: OpenLoopRecords;
  /** CLOCK_REALTIME (Unix ns) of the driver's t0: wall time of record time 0. */
  t0_unix_ns: bigint;
  /** The CPU list the driver was pinned to, or null. */
  cpus: string | null;
  /** Null without `control`. */
  control: ControlOutcome | null;
}

export async function runOpenLoop(opts: OpenLoopOptions): Promise<OpenLoopResult> {
  const { driver } = await ensureDriverBuilt();
  const dir = await mkdtemp(join(tmpdir(), 'latency-driver-'));
  try {
    const poolPath = join(dir, 'pool.jsonl');
    const configPath = join(dir, 'config.json');
    const recordsPath = opts.records_path ?? join(dir, 'records.bin');
    const streamPath = join(dir, 'stream.bin');
    await writePoolFile(opts.pool, poolPath);
    const spin_us = opts.spin_us;
    const config = {
      host: opts.host ?? '127.0.0.1',
      port: opts.port,
      pool_path: poolPath,
      records_path: recordsPath,
      schedule: opts.schedule,
      warmup_s: opts.warmup_s,
      measure_s: opts.measure_s,
      connections: opts.connections,
      timeout_ms: opts.timeout_ms ?? 10_000,
      keep_awake: opts.keep_awake ?? (opts.cpus !== undefined && cpuNumbers(opts.cpus).length === 1),
      ...(opts.stop_after_errors !== undefined ? { stop_after_errors: opts.stop_after_errors } : {}),
      ...(spin_us !== undefined ? { spin_us } : {}),
      ...(opts.lag_p99_limit_us !== undefined ? { lag_p99_limit_us: opts.lag_p99_limit_us } : {}),
      ...(opts.control ? { stream_path: streamPath, control_stdin: true } : {}),
    };
    await writeFile(configPath, JSON.stringify(config));
    const [cmd, args] = pinned(opts.cpus, driver, [configPath], opts.realtime === true);
    let control: ControlOutcome | null = null;
    let out: DriverOutput;
    if (opts.control) {
      const reader = new RecordStreamReader(streamPath, intendedTimesNs(opts.schedule, opts.warmup_s, opts.measure_s), opts.warmup_s);
      const controlled = await runControlled(cmd, args, opts.control, reader);
      await reader.close();
      ({ control, out } = controlled);
    } else out = await runToCompletion(cmd, args);
    const stdout = driverStdout(out);
    const summary = driverSummarySchema.parse(JSON.parse(stdout));
    const records = parseRecords(new Uint8Array(await readFile(recordsPath)));
    return { summary, records, t0_unix_ns: BigInt(summary.t0_unix_ns), cpus: opts.cpus ?? null, control };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface DriverOutput {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the driver with its stdin as the stop line. The checks run one at a time (a slow one
 * delays the next instead of piling up); closing stdin at the end is harmless, the schedule is
 * then over.
 */
function runControlled(cmd: string, args: readonly string[], c: OpenLoopControl, reader: RecordStreamReader): Promise<{ out: DriverOutput; control: ControlOutcome }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const control: ControlOutcome = { checks: 0, stopped: false, error: null };
    let stdout = '';
    let stderr = '';
    let exited = false;
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // The driver may be gone when the stop line or the end of stdin reaches it.
    child.stdin.on('error', () => {});
    const tick = async () => {
      if (exited || control.stopped) return;
      try {
        await reader.poll();
        control.checks++;
        if (await c.check(reader)) {
          control.stopped = true;
          child.stdin.write('stop\n');
          return;
        }
      } catch (err) {
        control.error ??= err instanceof Error ? err.message : String(err);
      }
      if (!exited) timer = setTimeout(() => void tick(), c.every_s * 1000);
    };
    timer = setTimeout(() => void tick(), c.every_s * 1000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    // 'close', not 'exit': the summary on stdout must be complete.
    child.on('close', (code, signal) => {
      exited = true;
      clearTimeout(timer);
      child.stdin.end();
      resolve({ out: { code, signal, stdout, stderr }, control });
    });
  });
}

function driverStdout({ code, signal, stdout, stderr }: DriverOutput): string {
  if (code === 0) return stdout;
  const msg = stderr.trim() || `driver exited with ${signal ?? code}`;
  // 2: bad configuration (user's rate, duration…); 3: target unreachable. Both are the user's to fix.
  if (code === 2 || code === 3) throw new UserError(msg);
  throw new Error(msg);
}
