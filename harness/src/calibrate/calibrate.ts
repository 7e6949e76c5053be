// `calibrate`: how good is our load driver on this machine? Side by side against trivial-server
// (pinned to its own core, the load tool on the other): our driver vs oha at the same open-loop
// rate (interleaved, medians of repeats), autocannon's closed-loop maximum, our driver's maximum
// accurate rate, and the driver floor. Written to calibration/<timestamp>.json (outside results/: it is not a run).
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runClosedLoop, type CapacityResult } from '../drive/closed-loop.ts';
import { startTrivialServer } from '../drive/trivial-server.ts';
import { CALIBRATION_POOL, driverRun } from './driver-run.ts';
import { measureDriverFloor } from './floor.ts';
import { findMaxAccurateRate, inaccuracy, type MaxRateOptions } from './max-rate.ts';
import { measureStep } from './max-rate-step.ts';
import { median, medians } from './median.ts';
import { findOha, OHA_INSTALL_HINT, ohaArgs, runOha } from './oha.ts';
import type { CalibrationResult, DriverRun, OpenLoopLatencyUs, ReferenceTool } from './types.ts';

export interface CalibrateOptions {
  /** Open-loop rate for the driver-vs-reference comparison. Default 5000. */
  rate_per_s?: number;
  /** Measured seconds per comparison run. Default 10. */
  duration_s?: number;
  /** Runs of each tool (interleaved). Default 3. */
  repeats?: number;
  connections?: number;
  server_cpus?: string;
  load_cpus?: string;
  /** Server and every load tool at real-time priority (see drive/pin.ts). Default false. */
  realtime?: boolean;
  /** Where the JSON result goes. Default <repo>/calibration. */
  results_dir?: string;
  onProgress?: (line: string) => void;
}

/** 2.5 s per step; from 5,000/s up (or down) by 1.5× to bracket the limit, then bisected to 5 %. */
export const MAX_RATE_SEARCH: MaxRateOptions = { start_per_s: 5000, factor: 1.5, ceiling_per_s: 500_000, floor_per_s: 100, resolution: 0.05 };

export const DEFAULT_CALIBRATION_DIR = fileURLToPath(new URL('../../../calibration/', import.meta.url));

export async function calibrate(opts: CalibrateOptions = {}): Promise<{ result: CalibrationResult; path: string }> {
  const rate_per_s = opts.rate_per_s ?? 5000;
  const duration_s = opts.duration_s ?? 10;
  const repeats = opts.repeats ?? 3;
  const connections = opts.connections ?? 32;
  const server_cpus = opts.server_cpus ?? '0';
  const load_cpus = opts.load_cpus ?? '1';
  const realtime = opts.realtime ?? false;
  const say = opts.onProgress ?? (() => {});
  const load_avg_1m_before = os.loadavg()[0]!;

  const oha = findOha();
  if (oha === null) say(`oha not found: ${OHA_INSTALL_HINT}`);
  const server = await startTrivialServer({ cpus: server_cpus, realtime });
  let result: CalibrationResult;
  try {
    const url = `http://${server.host}:${server.port}/`;
    const driverRuns: DriverRun[] = [];
    const ohaRuns: OpenLoopLatencyUs[] = [];
    for (let i = 0; i < repeats; i++) {
      say(`[${i + 1}/${repeats}] our driver, ${rate_per_s}/s for ${duration_s} s`);
      driverRuns.push(await driverRun({ port: server.port, rate_per_s, warmup_s: 1, measure_s: duration_s, connections, cpus: load_cpus, realtime }));
      if (oha !== null) {
        say(`[${i + 1}/${repeats}] oha ${oha.version}, ${rate_per_s}/s for ${duration_s} s`);
        ohaRuns.push(await runOha({ oha, url, rate_per_s, duration_s, connections, cpus: load_cpus, realtime }));
      }
    }
    const reference: ReferenceTool =
      oha === null
        ? { available: false, tool: 'oha', install_hint: OHA_INSTALL_HINT }
        : { available: true, tool: 'oha', version: oha.version, command: ['oha', ...ohaArgs({ url, rate_per_s, duration_s, connections })], runs: ohaRuns, median: medians(ohaRuns) };

    const capacities: CapacityResult[] = [];
    for (let i = 0; i < repeats; i++) {
      say(`[${i + 1}/${repeats}] autocannon closed loop, ${connections} connections for ${duration_s} s`);
      capacities.push(await runClosedLoop({ port: server.port, pool: CALIBRATION_POOL, connections, duration_s, cpus: load_cpus, realtime }));
    }
    const medianRate = median(capacities.map((c) => c.requests_per_s));
    const autocannon = capacities.find((c) => c.requests_per_s === medianRate) ?? [...capacities].sort((a, b) => a.requests_per_s - b.requests_per_s)[Math.floor(repeats / 2)]!;

    say('searching for our driver\'s maximum accurate rate (stall recorder on its CPU)');
    const driver_max_rate = await findMaxAccurateRate(
      async (rate) => {
        const step = await measureStep({ port: server.port, rate_per_s: rate, warmup_s: 0.5, measure_s: 2, connections: 64, cpus: load_cpus, realtime });
        const verdict = inaccuracy(step) === null ? 'accurate' : 'not accurate';
        say(`  ${rate}/s: sent ${Math.round(step.achieved_send_per_s)}/s, lag p99 ${step.schedule_lag_p99_us} µs (own ${step.own_lag_p99_us} µs; ${step.platform.stalls} platform stalls, max ${step.platform.max_stall_us} µs), driver CPU ${(step.cpu_work_utilisation * 100).toFixed(0)}% (core ${(step.cpu_utilisation * 100).toFixed(0)}% with spin): ${verdict}`);
        return step;
      },
      MAX_RATE_SEARCH,
    );

    const driverMedian = medians(driverRuns);
    const p99Ratio = reference.available ? driverMedian.p99_us / Math.max(1, reference.median.p99_us) : null;
    const maxRatio = driver_max_rate.max_accurate_rate_per_s / autocannon.requests_per_s;
    await server.stop();
    say('driver floor (3 s at 5000/s)');
    const floor = await measureDriverFloor({ server_cpus, driver_cpus: load_cpus, realtime });
    result = {
      schema_version: 2,
      created_at: new Date().toISOString(),
      machine: { cpu_count: os.cpus().length, cpu_model: os.cpus()[0]?.model ?? 'unknown', kernel: os.release(), load_avg_1m_before, load_avg_1m_after: os.loadavg()[0]! },
      pinning: { server_cpus, load_cpus, realtime },
      rate_per_s,
      duration_s,
      connections,
      repeats,
      driver: { runs: driverRuns, median: driverMedian },
      reference,
      p99_ratio_driver_over_reference: p99Ratio,
      p99_target_ratio: 1.5,
      p99_target_met: p99Ratio === null ? null : p99Ratio <= 1.5,
      autocannon,
      driver_max_rate,
      max_rate_ratio_driver_over_autocannon: maxRatio,
      max_rate_target_met: maxRatio >= 1,
      floor,
    };
  } finally {
    await server.stop();
  }
  const dir = opts.results_dir ?? DEFAULT_CALIBRATION_DIR;
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${result.created_at.replace(/[:.]/g, '-')}.json`);
  await writeFile(path, JSON.stringify(result, null, 2) + '\n');
  return { result, path };
}
