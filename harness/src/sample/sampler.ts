// The side channel that runs next to the load: /proc every 100 ms and /metrics every second,
// all stamped with wall-clock time so they line up with the driver's requests and the
// processor's pauses on one clock.
import { CycleLog, type CycleRecord } from './cycle-log.ts';
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
}

export interface SamplerResult {
  readings: TimedReading[];
  pauses: ObservedPause[];
  /** GC cycles across all polls, with how far the record is complete. */
  gc_cycles: CycleRecord;
  first_metrics: MetricsResponse | undefined;
  last_metrics: MetricsResponse | undefined;
  heap_bytes_max: number | null;
  /** Reading taken when the process had exited or vanished. */
  process_gone: boolean;
}

export interface Sampler {
  stop(): Promise<SamplerResult>;
}

export function startSampler(opts: SamplerOptions): Sampler {
  const readings: TimedReading[] = [];
  const pauses = new PauseLog();
  const cycles = new CycleLog();
  let first: MetricsResponse | undefined;
  let last: MetricsResponse | undefined;
  let heapMax: number | null = null;
  let gone = false;
  let inflight: Promise<unknown> = Promise.resolve();

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
    async stop() {
      clearInterval(procTimer);
      clearInterval(metricsTimer);
      await inflight;
      await Promise.all([sampleProc(), sampleMetrics()]);
      return { readings, pauses: pauses.all(), gc_cycles: cycles.record(), first_metrics: first, last_metrics: last, heap_bytes_max: heapMax, process_gone: gone };
    },
  };
}
