// One open-loop run of our driver against a server, summarised as calibration figures.
import { runOpenLoop, type OpenLoopResult } from '../drive/open-loop.ts';
import type { PoolRequest } from '../drive/pool.ts';
import { hasResponse, Phase } from '../drive/records.ts';
import { destroyHistograms, histogramsFromRecords, percentiles } from '../record/histogram.ts';
import type { DriverRun } from './types.ts';

export const CALIBRATION_POOL: readonly PoolRequest[] = [{ method: 'GET', path: '/' }];

export interface DriverRunOptions {
  port: number;
  rate_per_s: number;
  warmup_s: number;
  measure_s: number;
  connections: number;
  cpus: string;
  realtime: boolean;
}

/** Responses per second in the measure phase; a backlog that drains after the phase stretches the span. */
export function achievedPerSecond(result: OpenLoopResult): { achieved_per_s: number; responses: number } {
  const { records, summary } = result;
  const start_ns = summary.target.warmup_s * 1e9;
  let end_ns = start_ns + summary.target.measure_s * 1e9;
  let responses = 0;
  for (let i = 0; i < records.count; i++) {
    if (records.phase[i] !== Phase.measure || !hasResponse(records, i)) continue;
    responses++;
    end_ns = Math.max(end_ns, records.done_ns[i]!);
  }
  return { achieved_per_s: responses / ((end_ns - start_ns) / 1e9), responses };
}

export async function driverRun(o: DriverRunOptions): Promise<DriverRun> {
  return summariseDriverRun(await runDriverAgainst(o));
}

/** One run of the driver, its records kept (for figures beyond the summary). */
export function runDriverAgainst(o: DriverRunOptions): Promise<OpenLoopResult> {
  return runOpenLoop({
    port: o.port,
    pool: CALIBRATION_POOL,
    schedule: { kind: 'constant', rate_per_s: o.rate_per_s },
    warmup_s: o.warmup_s,
    measure_s: o.measure_s,
    connections: o.connections,
    cpus: o.cpus,
    realtime: o.realtime,
    timeout_ms: 10_000,
  });
}

export function summariseDriverRun(result: OpenLoopResult): DriverRun {
  const h = histogramsFromRecords(result.records, { phase: 'measure' });
  const p = percentiles(h.corrected);
  destroyHistograms(h);
  const health = result.summary.health;
  const e = result.summary.counts.errors;
  return {
    p50_us: p.p50_us,
    p90_us: p.p90_us,
    p99_us: p.p99_us,
    p99_9_us: p.p99_9_us,
    max_us: p.max_us,
    ...achievedPerSecond(result),
    errors: e.connect + e.timeout + e.reset + e.parse,
    schedule_lag_p99_us: health.schedule_lag_us.p99,
    schedule_lag_max_us: health.schedule_lag_us.max,
    cpu_utilisation: health.cpu_utilisation,
    cpu_work_utilisation: health.cpu_work_utilisation,
    keep_awake_cpu_utilisation: health.wall_s > 0 ? health.keep_awake_cpu_s / health.wall_s : 0,
    driver_limited: health.driver_limited,
    driver_limited_reasons: health.driver_limited_reasons,
  };
}
