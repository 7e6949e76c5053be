// One measurement of a real processor taken the way the pipeline takes it (plan → build → launch
// pinned → preload → stall recorder + sampler + open-loop drive → record stage), returning what a
// run only summarises: the driver's records, the recording and every request with its cause and
// whether the clean figures keep it. For the end-to-end proofs of the tail attribution: `during`
// runs beside the drive (a stall injector) and its result comes back with the rest.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildProcessor } from '../build/index.ts';
import { runOpenLoop, type OpenLoopResult } from '../drive/open-loop.ts';
import type { StallRecording } from '../drive/stall-recording.ts';
import { launchProcessor, type RunningProcessor } from '../launch/index.ts';
import { buildPlan, type Plan, type ScenarioSpec } from '../plan/index.ts';
import { requestPool } from '../plan/requests.ts';
import { buildMeasurement, tailInputsOf } from '../record/measurement.ts';
import { requestsOfMeasurement } from '../record/tail-of-measurement.ts';
import type { RequestAttribution } from '../record/tail.ts';
import type { Measurement } from '../results/schema.ts';
import { fetchStats, startSampler } from '../sample/index.ts';
import { gcCycleIntervals, launchOptions, scaledSchedule } from './pipeline.ts';
import { preload } from './preload.ts';
import { recordedStalls, startRecorder, stallCpus, type StallCpus } from './stalls.ts';

export interface AttributedMeasurementOptions<T> {
  repoRoot: string;
  processor: string;
  scenario: string;
  warmup_s: number;
  measure_s: number;
  rate_scale: number;
  /** A change to the scenario for this measurement (e.g. a smaller preload, to keep a test short). */
  adjust?: (spec: ScenarioSpec) => ScenarioSpec;
  /** Environment knobs for the processor, as `--inject` passes them. */
  env?: Record<string, string>;
  /**
   * Runs while the driver drives, started as soon as the processor has counted the first events
   * of the load (so within LOAD_POLL_MS and a request's latency after the driver's t0, whatever the
   * driver's start-up took); it must end before the drive does.
   */
  during?: (cpus: StallCpus) => Promise<T>;
}

export interface AttributedMeasurement<T> {
  plan: Plan;
  cpus: StallCpus;
  drive: OpenLoopResult;
  recording: StallRecording;
  /** The record stage's result, without an idle arm (every stall-delayed request is set aside). */
  measurement: Measurement;
  /** Every answered request of the measure phase, as `measurement.tail` and `measurement.clean` saw it. */
  requests: RequestAttribution[];
  during: T | undefined;
}

const LOAD_POLL_MS = 10;

/** Resolves once the processor's event counter passes `before`; rejects if the drive ends first. */
async function loadBegun(baseUrl: string, before: number, driving: Promise<unknown>): Promise<void> {
  let ended = false;
  void driving.finally(() => (ended = true)).catch(() => {});
  while (!ended) {
    const stats = await fetchStats(baseUrl, 1000);
    if (stats && stats.events > before) return;
    await new Promise((r) => setTimeout(r, LOAD_POLL_MS));
  }
  throw new Error('the drive ended before the processor counted any of its events');
}

export async function attributedMeasurement<T>(o: AttributedMeasurementOptions<T>): Promise<AttributedMeasurement<T>> {
  const planned = await buildPlan({
    repoRoot: o.repoRoot,
    scenarios: [o.scenario],
    processors: [o.processor],
    profile: 'quick',
    repetitions: 1,
    warmup_s: o.warmup_s,
    measure_s: o.measure_s,
    capacity_s: 0,
    rate_scale: o.rate_scale,
    baseline: o.processor,
    threads: 1,
    pin: true,
    inject: o.env ? { [o.processor]: o.env } : {},
  });
  if (!planned.ok) throw new Error(planned.errors.join('\n'));
  const { plan } = planned;
  const manifest = planned.manifests[0]!;
  const spec = o.adjust ? o.adjust(plan.scenarios[0]!) : plan.scenarios[0]!;
  const logDir = await mkdtemp(path.join(os.tmpdir(), `attributed-${o.processor}-`));
  const built = await buildProcessor(manifest, { logDir });
  if (!built.ok) throw new Error(`${o.processor} did not build: ${built.error} (log: ${built.log_path})`);

  const cpus = stallCpus(plan);
  const pool = requestPool(spec);
  const schedule = scaledSchedule(spec, plan.rate_scale);
  let proc: RunningProcessor | undefined;
  try {
    proc = await launchProcessor(manifest, launchOptions(plan, logDir, o.processor));
    await preload(proc.baseUrl, spec, new AbortController().signal);
    const eventsBefore = (await fetchStats(proc.baseUrl))?.events ?? 0;
    const recorder = await startRecorder(cpus, true);
    const sampler = startSampler({ pid: proc.pid, baseUrl: proc.baseUrl });
    const driving = runOpenLoop({
      port: proc.port,
      pool,
      schedule,
      warmup_s: plan.warmup_s,
      measure_s: plan.measure_s,
      connections: spec.load.connections,
      stop_after_errors: 1000,
      cpus: plan.pinning.driver_cpus.join(','),
      realtime: plan.pinning.driver_realtime,
    });
    const both = Promise.all([driving, o.during ? loadBegun(proc.baseUrl, eventsBefore, driving).then(() => o.during!(cpus)) : undefined]);
    // On a failure the recorder and the sampler are stopped before it is passed on.
    const [drive, during] = await both.catch(async (err: unknown) => {
      await Promise.allSettled([driving, recorder.stop(), sampler.stop()]);
      throw err;
    });
    const recording = await recorder.stop();
    const samples = await sampler.stop({ cycles_until_unix_ns: Date.now() * 1e6 });
    const inputs = {
      run_id: 'attributed-measurement',
      scenario: spec.name,
      processor: o.processor,
      repetition: 0,
      started_at: new Date(),
      finished_at: new Date(),
      schedule,
      connections: spec.load.connections,
      warmup_s: plan.warmup_s,
      measure_s: plan.measure_s,
      pool,
      drive,
      sampler: samples,
      idle_rss_bytes: 0,
      failure: null,
      gc_cycles: gcCycleIntervals(samples.gc_cycles),
      stalls: { recording: recordedStalls(recording, drive.summary.t0_monotonic_ns), ...cpus },
      idle_stall_share: null,
    };
    const measurement = buildMeasurement(inputs);
    const measure = measurement.phases.find((p) => p.phase === 'measure');
    if (!measure || measurement.status !== 'ok') throw new Error(`the measurement failed: ${measurement.failure?.message ?? 'no measure phase'}`);
    return { plan, cpus, drive, recording, measurement, requests: requestsOfMeasurement(tailInputsOf(inputs, measure)), during };
  } finally {
    await proc?.stop();
  }
}
