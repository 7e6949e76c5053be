// runNativeClosedLoop: the native driver's closed-loop mode (harness/driver, `closed-loop`): N
// keep-alive connections, each sending its next request when the previous response arrives. It
// finds a server's ceiling where autocannon runs out of core first (measurement.md: autocannon
// tops out near 79k req/s on this machine, wrk near 180k). Its latency is send-to-done, closed
// loop: a summary, never a latency figure of the harness.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors/user-error.ts';
import { ensureDriverBuilt } from './build.ts';
import { runToCompletion } from './child-output.ts';
import { pinned } from './pin.ts';
import { writePoolFile, type PoolRequest } from './pool.ts';

export interface NativeClosedLoopOptions {
  host?: string;
  port: number;
  pool: readonly PoolRequest[];
  connections: number;
  warmup_s: number;
  /** Whole seconds are counted; at least 1. */
  measure_s: number;
  timeout_ms?: number;
  /** taskset CPU list for the driver. Never real-time: a closed loop keeps its core 100% busy, and a FIFO task that does is frozen by RT throttling. */
  cpus?: string;
}

export const nativeClosedLoopSummary = z.object({
  schema_version: z.literal(1),
  tool: z.literal('closed-loop'),
  target: z.object({ host: z.string(), port: z.number(), connections: z.number(), warmup_s: z.number(), measure_s: z.number(), timeout_ms: z.number(), pool_entries: z.number() }),
  counts: z.object({
    completed: z.number(),
    ok_2xx: z.number(),
    non_2xx: z.number(),
    errors: z.object({ connect: z.number(), timeout: z.number(), reset: z.number(), parse: z.number() }),
    reconnects: z.number(),
  }),
  requests_per_s: z.number().describe('2xx responses per second of the measured window'),
  ok_per_second: z.array(z.number()),
  latency_us: z.object({ count: z.number(), p50: z.number(), p90: z.number(), p99: z.number(), p999: z.number(), max: z.number() }),
  cpu: z.object({ user_s: z.number(), system_s: z.number(), utilisation: z.number().describe("the sending thread's CPU / wall time (1 = one core)") }),
});
export type NativeClosedLoopSummary = z.infer<typeof nativeClosedLoopSummary>;

export async function runNativeClosedLoop(opts: NativeClosedLoopOptions): Promise<NativeClosedLoopSummary> {
  const { closedLoop } = await ensureDriverBuilt();
  const dir = await mkdtemp(join(tmpdir(), 'latency-closed-loop-'));
  try {
    const poolPath = join(dir, 'pool.jsonl');
    const configPath = join(dir, 'config.json');
    await writePoolFile(opts.pool, poolPath);
    const config = {
      host: opts.host ?? '127.0.0.1',
      port: opts.port,
      pool_path: poolPath,
      warmup_s: opts.warmup_s,
      measure_s: opts.measure_s,
      connections: opts.connections,
      timeout_ms: opts.timeout_ms ?? 10_000,
    };
    await writeFile(configPath, JSON.stringify(config));
    const [cmd, args] = pinned(opts.cpus, closedLoop, [configPath]);
    const { code, signal, stdout, stderr } = await runToCompletion(cmd, args);
    if (code !== 0) {
      const msg = stderr.trim() || `closed-loop exited with ${signal ?? code}`;
      if (code === 2 || code === 3) throw new UserError(msg);
      throw new Error(msg);
    }
    return nativeClosedLoopSummary.parse(JSON.parse(stdout));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
