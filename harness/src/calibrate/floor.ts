// The driver floor: a short open-loop run against trivial-server (a server that does nothing).
// Its latency is the machine's noise plus the driver's own cost; every benchmark run stores it
// so a regression can be told from noise.
import { startTrivialServer } from '../drive/trivial-server.ts';
import { driverRun } from './driver-run.ts';
import type { DriverFloor } from './types.ts';

export interface FloorOptions {
  rate_per_s?: number;
  measure_s?: number;
  server_cpus?: string;
  driver_cpus?: string;
  /** Driver (and, unless server_realtime says otherwise, server) at real-time priority (see drive/pin.ts). */
  realtime?: boolean;
  /** The benchmark runs processors at normal priority, so its floor runs the server that way too. */
  server_realtime?: boolean;
}

export async function measureDriverFloor(opts: FloorOptions = {}): Promise<DriverFloor> {
  const rate_per_s = opts.rate_per_s ?? 5000;
  const measure_s = opts.measure_s ?? 3;
  const cpus = { server: opts.server_cpus ?? '0', driver: opts.driver_cpus ?? '1' };
  const realtime = opts.realtime ?? false;
  const server = await startTrivialServer({ cpus: cpus.server, realtime: opts.server_realtime ?? realtime });
  try {
    const r = await driverRun({ port: server.port, rate_per_s, warmup_s: 0.5, measure_s, connections: 32, cpus: cpus.driver, realtime });
    return { realtime, rate_per_s, measure_s, p50_us: r.p50_us, p99_us: r.p99_us, max_us: r.max_us, schedule_lag_p99_us: r.schedule_lag_p99_us, driver_limited: r.driver_limited, cpus };
  } finally {
    await server.stop();
  }
}
