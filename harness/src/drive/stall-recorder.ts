// startStallRecorder: the TypeScript face of the native stall recorder (harness/driver,
// `stall-recorder`). One pinned thread per CPU notes every wake-up later than the threshold as a
// platform stall; stop() ends the recording and returns its validated result. The recorder stops
// itself when its stdin closes, so a harness that dies leaves no recorder behind.
import { spawn } from 'node:child_process';
import { UserError } from '../errors/user-error.ts';
import { ensureDriverBuilt } from './build.ts';
import { stallRecordingSchema, type StallRecording } from './stall-recording.ts';

export interface StallRecorderOptions {
  /** Wake-up period, default 1000 µs: a stall's start is known to within one period. */
  period_us?: number;
  /** A wake-up later than this is a stall, default 100 µs; must be below the period. */
  threshold_us?: number;
  /** Stalls listed per CPU, default 100 000; later ones are still counted in the summary. */
  max_stalls_per_cpu?: number;
  /**
   * SCHED_FIFO above the driver when permitted (root or CAP_SYS_NICE), default true; otherwise,
   * or with false, normal priority, and the result says so.
   */
  realtime?: boolean;
  /** Also append closed stalls to this file as they happen (drive/live-stalls.ts reads it). */
  stream_path?: string;
}

export interface StallRecorder {
  readonly pid: number;
  /** Ends the recording; the same promise on every call. */
  stop(): Promise<StallRecording>;
}

const READY = 'ready\n';
const READY_TIMEOUT_MS = 10_000;

function recorderArgs(cpus: readonly number[], o: StallRecorderOptions): string[] {
  if (cpus.length === 0) throw new UserError('the stall recorder needs at least one CPU');
  for (const c of cpus) if (!Number.isInteger(c) || c < 0) throw new UserError(`invalid CPU ${c} for the stall recorder`);
  const args = ['--cpus', cpus.join(',')];
  const flag = (name: string, v: number | undefined) => {
    if (v === undefined) return;
    if (!Number.isInteger(v) || v < 0) throw new UserError(`stall recorder --${name} must be a whole number, got ${v}`);
    args.push(`--${name}`, String(v));
  };
  flag('period-us', o.period_us);
  flag('threshold-us', o.threshold_us);
  flag('max-stalls', o.max_stalls_per_cpu);
  if (o.realtime === false) args.push('--no-realtime');
  if (o.stream_path !== undefined) args.push('--stream', o.stream_path);
  return args;
}

export async function startStallRecorder(cpus: readonly number[], options: StallRecorderOptions = {}): Promise<StallRecorder> {
  const args = recorderArgs(cpus, options);
  const { stallRecorder } = await ensureDriverBuilt();
  const child = spawn(stallRecorder, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // The recorder may already be gone when stop() closes its stdin.
  child.stdin.on('error', () => {});
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const failure = (code: number | null, signal: NodeJS.Signals | null) => {
    const msg = stderr.trim() || `stall-recorder exited with ${signal ?? code}`;
    // 2: a bad argument or an unusable CPU, the user's to fix.
    return code === 2 ? new UserError(msg) : new Error(msg);
  };

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`stall-recorder did not get ready within ${READY_TIMEOUT_MS / 1000} s`));
    }, READY_TIMEOUT_MS);
    const onData = () => {
      if (!stdout.startsWith(READY)) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve();
    };
    child.stdout.on('data', onData);
    exited.then(
      ({ code, signal }) => {
        clearTimeout(timer);
        reject(failure(code, signal));
      },
      (err: Error) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });

  let stopped: Promise<StallRecording> | undefined;
  return {
    pid: child.pid!,
    stop() {
      stopped ??= (async () => {
        child.stdin.end();
        const { code, signal } = await exited;
        if (code !== 0) throw failure(code, signal);
        return stallRecordingSchema.parse(JSON.parse(stdout.slice(READY.length)));
      })();
      return stopped;
    },
  };
}
