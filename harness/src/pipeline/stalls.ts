// The stall recorder around a measurement, and the idle arm: the same recorder on the same CPUs
// with nothing running, so each processor's stall rate can be set against the machine's own
// (record/platform.ts explains why that matters for the clean figures).
import os from 'node:os';
import { startStallRecorder, type StallRecorder } from '../drive/stall-recorder.ts';
import { stallsRelativeTo, type StallRecording } from '../drive/stall-recording.ts';
import type { Plan } from '../plan/index.ts';
import { idleStallShare, type RecordedStalls } from '../record/platform.ts';

export interface StallCpus {
  processor_cpus: number[];
  driver_cpus: number[];
}

/** The CPUs a measurement uses, by role: the pinning's, or every CPU for both when unpinned. */
export function stallCpus(plan: Plan): StallCpus {
  if (plan.pinning.enabled) return { processor_cpus: [...plan.pinning.processor_cpus], driver_cpus: [...plan.pinning.driver_cpus] };
  const all = Array.from({ length: os.availableParallelism() }, (_, i) => i);
  return { processor_cpus: all, driver_cpus: all };
}

const allOf = (c: StallCpus) => [...new Set([...c.processor_cpus, ...c.driver_cpus])].sort((a, b) => a - b);

/** `stream_path`: also append stalls there as they happen, for the live precision check. */
export async function startRecorder(c: StallCpus, realtime: boolean, stream_path?: string): Promise<StallRecorder> {
  return startStallRecorder(allOf(c), { realtime, ...(stream_path !== undefined ? { stream_path } : {}) });
}

/** A recording as the record stage takes it, moved onto the driver's axis. */
export function recordedStalls(rec: StallRecording, driver_t0_monotonic_ns: string): RecordedStalls {
  return {
    scheduling: rec.scheduling.policy === 'fifo' ? { policy: 'fifo', priority: rec.scheduling.priority } : { policy: 'normal', reason: rec.scheduling.reason },
    period_us: rec.period_us,
    threshold_us: rec.threshold_us,
    self_cpu_utilisation: rec.self_cpu.utilisation,
    steal_share_by_cpu: new Map(rec.cpus.map((c) => [c.cpu, c.steal?.share ?? null])),
    stalls: stallsRelativeTo(rec, driver_t0_monotonic_ns),
  };
}

/** Records the idle machine for `seconds` and returns its stall share (union over the CPUs). */
export async function idleArm(c: StallCpus, seconds: number, realtime: boolean, signal: AbortSignal): Promise<number> {
  const recorder = await startRecorder(c, realtime);
  await new Promise<void>((resolve) => {
    const t = setTimeout(resolve, seconds * 1000);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
  const rec = await recorder.stop();
  return idleStallShare(rec, 0, rec.wall_ns);
}
