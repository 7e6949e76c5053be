// The side channel that runs next to the load: /proc every 100 ms and /metrics every second,
// all stamped with wall-clock time so they line up with the driver's requests and the
// processor's pauses on one clock.
import { CycleLog, type CycleRecord } from './cycle-log.ts';
import { perfSupport, startInstructionCounter, type InstructionRecord, type PerfSupport } from './instructions.ts';
import { fetchMetrics, PauseLog, type MetricsResponse, type ObservedPause } from './metrics.ts';
import { readProc, type ProcReading } from './proc.ts';

export interface TimedReading extends ProcReading {
  unix_ms: number;
}

export interface SamplerOptions {
  pid: number;
  baseUrl: string;
  proc_interval_ms?: number;
  metrics_interval_ms?: number;
  /** Whether perf can count instructions here (default: probed once per process). */
  perf?: PerfSupport;
}

export interface SamplerResult {
  readings: TimedReading[];
  pauses: ObservedPause[];
  /** GC cycles across all polls, with how far the record is complete. */
  gc_cycles: CycleRecord;
  first_metrics: MetricsResponse | undefined;
  last_metrics: MetricsResponse | undefined;
  heap_bytes_max: number | null;
  /** Instructions every 100 ms (perf stat), or why not. */
  instructions: InstructionRecord;
  /** Reading taken when the process had exited or vanished. */
  process_gone: boolean;
}

export interface Sampler {
  /**
   * Ends sampling. With `cycles_until_unix_ns`, keeps polling /metrics (at most CYCLE_SETTLE_MS)
   * until the processor's GC-cycle record reaches that time: Go reads its trace about a second at
   * a time, so the last cycles of a measurement arrive up to ~2 s after it.
   */
  stop(opts?: { cycles_until_unix_ns?: number }): Promise<SamplerResult>;
}

/** The longest stop() waits for a lagging GC-cycle record. */
export const CYCLE_SETTLE_MS = 3000;

export function startSampler(opts: SamplerOptions): Sampler {
  const readings: TimedReading[] = [];
  const pauses = new PauseLog();
  const cycles = new CycleLog();
  let first: MetricsResponse | undefined;
  let last: MetricsResponse | undefined;
  let heapMax: number | null = null;
  let gone = false;
  let inflight: Promise<unknown> = Promise.resolve();
  const counter = startInstructionCounter(opts.pid, opts.perf ?? perfSupport());

  const sampleProc = async () => {
    const r = await readProc(opts.pid);
    if (r) readings.push({ ...r, unix_ms: Date.now() });
    else gone = true;
  };
  const sampleMetrics = async () => {
    const m = await fetchMetrics(opts.baseUrl);
    if (!m) return;
    first ??= m;
    last = m;
    pauses.add(m);
    cycles.add(m);
    if (typeof m.heap_bytes === 'number') heapMax = Math.max(heapMax ?? 0, m.heap_bytes);
  };

  void sampleProc();
  void sampleMetrics();
  const procTimer = setInterval(() => {
    inflight = sampleProc();
  }, opts.proc_interval_ms ?? 100);
  const metricsTimer = setInterval(() => {
    inflight = sampleMetrics();
  }, opts.metrics_interval_ms ?? 1000);

  return {
    async stop(o = {}) {
      clearInterval(procTimer);
      clearInterval(metricsTimer);
      await inflight;
      await Promise.all([sampleProc(), sampleMetrics()]);
      const target = o.cycles_until_unix_ns;
      const deadline = Date.now() + CYCLE_SETTLE_MS;
      // Only a record that says how far it is complete can lag; null (no collector, recording
      // off) has nothing to wait for, so Rust and C++ do not sit here for CYCLE_SETTLE_MS.
      const behind = () => {
        const until = cycles.record().until_unix_ns;
        return until !== null && until < target!;
      };
      while (target !== undefined && !gone && behind() && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        await sampleMetrics();
      }
      const instructions = await counter.stop();
      return { readings, pauses: pauses.all(), gc_cycles: cycles.record(), first_metrics: first, last_metrics: last, heap_bytes_max: heapMax, instructions, process_gone: gone };
    },
  };
}
