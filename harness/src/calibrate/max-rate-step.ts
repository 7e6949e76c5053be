// One step of the maximum-rate search: the driver at a rate against trivial-server, with the stall
// recorder on the driver's CPU(s) so that lateness the platform caused is told from the driver's.
import { cpuNumbers } from '../drive/pin.ts';
import type { OpenLoopResult } from '../drive/open-loop.ts';
import { startStallRecorder } from '../drive/stall-recorder.ts';
import { stallsRelativeTo, type StallRecording } from '../drive/stall-recording.ts';
import { runDriverAgainst, summariseDriverRun, type DriverRunOptions } from './driver-run.ts';
import { splitScheduleLag } from './schedule-lag.ts';
import type { MaxRateStep } from './types.ts';

export function stepFromRun(rate_per_s: number, result: OpenLoopResult, recording: StallRecording): MaxRateStep {
  const run = summariseDriverRun(result);
  const stalls = stallsRelativeTo(recording, result.summary.t0_monotonic_ns);
  const lag = splitScheduleLag(result.records, stalls);
  return {
    rate_per_s,
    achieved_send_per_s: result.summary.health.achieved_send_rate_per_s,
    achieved_per_s: run.achieved_per_s,
    p99_us: run.p99_us,
    schedule_lag_p99_us: lag.lag_p99_us,
    own_lag_p99_us: lag.own_lag_p99_us,
    cpu_work_utilisation: run.cpu_work_utilisation,
    cpu_utilisation: run.cpu_utilisation,
    platform: {
      stalls: recording.cpus.reduce((n, c) => n + c.stalls, 0),
      stalls_over_1ms: recording.cpus.reduce((n, c) => n + c.stalls_over_1ms, 0),
      max_stall_us: Math.round(Math.max(0, ...recording.cpus.map((c) => c.max_stall_ns)) / 1000),
      stall_share: Math.max(0, ...recording.cpus.map((c) => c.stall_share)),
      stalled_sends: lag.stalled_samples,
      recorder_realtime: recording.scheduling.realtime,
    },
  };
}

export async function measureStep(o: DriverRunOptions): Promise<MaxRateStep> {
  const recorder = await startStallRecorder(cpuNumbers(o.cpus));
  const result = await runDriverAgainst(o).catch(async (err: unknown) => {
    await recorder.stop().catch(() => {});
    throw err;
  });
  return stepFromRun(o.rate_per_s, result, await recorder.stop());
}
