// runClosedLoop: capacity with autocannon (closed loop: each connection sends its next request
// when the previous response arrives). Only its THROUGHPUT is reported: its latency histogram is
// in whole milliseconds and its coordinated-omission correction is wrong (measurement.md).
import { fileURLToPath } from 'node:url';
import { runToCompletion } from './child-output.ts';
import { pinned } from './pin.ts';
import type { PoolRequest } from './pool.ts';
import type { ClosedLoopChildInput, ClosedLoopChildOutput } from './closed-loop-child.ts';

export interface ClosedLoopOptions {
  host?: string;
  port: number;
  /** Cycled in order, like the open-loop driver's pool. */
  pool: readonly PoolRequest[];
  connections: number;
  duration_s: number;
  /** Events carried by one request, to express capacity in events/s. Default 1. */
  events_per_request?: number;
  /** taskset CPU list for autocannon's process. */
  cpus?: string;
  /**
   * Shield autocannon from other work. NOT real-time FIFO: a Node process at FIFO priority on one
   * core starves its own helper threads (measured: a 10 s run still spinning after 18 min), so
   * this raises it to nice -20, the highest ordinary priority, instead.
   */
  realtime?: boolean;
  timeout_s?: number;
}

export interface CapacityResult {
  tool: 'autocannon';
  tool_version: string;
  connections: number;
  duration_s: number;
  requests_total: number;
  /** Completed requests / duration: the sustained closed-loop capacity. */
  requests_per_s: number;
  /** Mean and minimum of autocannon's per-second request counts. */
  requests_per_s_mean_of_seconds: number;
  requests_per_s_min_of_seconds: number;
  events_per_request: number;
  events_per_s: number;
  status_2xx: number;
  non_2xx: number;
  errors: number;
  timeouts: number;
  /** autocannon's own CPU time / wall time: near 1 means the client, not the server, was the limit. */
  client_cpu_utilisation: number;
  cpus: string | null;
}

const CHILD = fileURLToPath(new URL('./closed-loop-child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export async function runClosedLoop(opts: ClosedLoopOptions): Promise<CapacityResult> {
  const input: ClosedLoopChildInput = {
    url: `http://${opts.host ?? '127.0.0.1'}:${opts.port}`,
    connections: opts.connections,
    duration_s: opts.duration_s,
    timeout_s: opts.timeout_s ?? 10,
    requests: opts.pool.map((r) => ({
      method: r.method,
      path: r.path,
      headers: r.content_type !== undefined ? { 'content-type': r.content_type } : ({} as Record<string, string>),
      ...(r.body !== undefined ? { body_base64: Buffer.from(r.body).toString('base64') } : {}),
    })),
  };
  const out = await runChild(opts.cpus, opts.realtime === true, input);
  const events_per_request = opts.events_per_request ?? 1;
  const requests_per_s = out.requests_total / out.duration_s;
  return {
    tool: 'autocannon',
    tool_version: out.autocannon_version,
    connections: opts.connections,
    duration_s: out.duration_s,
    requests_total: out.requests_total,
    requests_per_s,
    requests_per_s_mean_of_seconds: out.requests_per_s_mean_of_seconds,
    requests_per_s_min_of_seconds: out.requests_per_s_min_of_seconds,
    events_per_request,
    events_per_s: requests_per_s * events_per_request,
    status_2xx: out.status_2xx,
    non_2xx: out.non_2xx,
    errors: out.errors,
    timeouts: out.timeouts,
    client_cpu_utilisation: out.cpu_s / out.duration_s,
    cpus: opts.cpus ?? null,
  };
}

async function runChild(cpus: string | undefined, realtime: boolean, input: ClosedLoopChildInput): Promise<ClosedLoopChildOutput> {
  const [inner, innerArgs] = pinned(cpus, process.execPath, ['--import', 'tsx', CHILD]);
  const [cmd, args] = realtime ? ['nice', ['-n', '-20', inner, ...innerArgs]] : [inner, innerArgs];
  const { code, stdout, stderr } = await runToCompletion(cmd, args, { cwd: REPO_ROOT, stdin: JSON.stringify(input) });
  if (code !== 0) throw new Error(`autocannon run failed (exit ${code}): ${stderr.trim()}`);
  try {
    return JSON.parse(stdout) as ClosedLoopChildOutput;
  } catch {
    throw new Error(`autocannon run printed no result: ${stdout.slice(0, 200)} ${stderr.trim()}`);
  }
}
