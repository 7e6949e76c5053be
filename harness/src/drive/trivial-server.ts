// Starts the native trivial-server (200 {"ok":true} to anything) as a child we can signal:
// the calibration target and the server the coordinated-omission proof freezes with SIGSTOP.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ensureDriverBuilt } from './build.ts';
import { pinned } from './pin.ts';

export interface TrivialServer {
  readonly host: string;
  readonly port: number;
  /** The server's own pid (taskset execs the server, so it is the child's pid). */
  readonly pid: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export interface TrivialServerOptions {
  /** taskset CPU list, e.g. "0". */
  cpus?: string;
  host?: string;
  /** Run at real-time priority (see pin.ts). */
  realtime?: boolean;
}

export async function startTrivialServer(opts: TrivialServerOptions = {}): Promise<TrivialServer> {
  const { trivialServer } = await ensureDriverBuilt();
  const host = opts.host ?? '127.0.0.1';
  const [cmd, args] = pinned(opts.cpus, trivialServer, ['--host', host, '--port', '0'], opts.realtime);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error('trivial-server did not start within 10 s')), 10_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      const m = /^listening (\d+)$/.exec(line);
      if (m) resolve(Number(m[1]));
      else reject(new Error(`trivial-server said ${JSON.stringify(line)}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`trivial-server exited (${code}) before listening: ${stderr.trim()}`));
    });
    child.once('error', reject);
  });
  return {
    host,
    port,
    pid: child.pid!,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // A stopped process ignores SIGTERM until continued.
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 2_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
