// The only file that knows the order of the stages:
//   plan → build → launch → verify → (preload) → drive + sample → record → store → report.
// Each measurement is written as soon as it completes, so a crash, a failed processor or Ctrl-C
// loses nothing already measured; a failure is recorded with the tail of the processor's stderr
// and the run goes on with the others.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildProcessor, type BuildResult } from '../build/index.ts';
import { ensureDriverBuilt } from '../drive/build.ts';
import { runOpenLoop, type OpenLoopControl } from '../drive/open-loop.ts';
import { StallStreamReader } from '../drive/stall-stream.ts';
import { deferSignals, launchProcessor, type RunningProcessor } from '../launch/index.ts';
import { IDLE_ARM_MAX_S, type MeasureStep, type Plan, type PrecisionPlan, type ScenarioSpec } from '../plan/index.ts';
import { requestPool, type PoolRequest } from '../plan/requests.ts';
import type { ProcessorManifest } from '../processors/index.ts';
import { liveCleanEstimate } from '../record/live-clean.ts';
import { buildMeasurement, failedMeasurement } from '../record/measurement.ts';
import { shouldStop } from '../record/precision.ts';
import { EXIT } from '../errors/user-error.ts';
import { newRunId, LOGS_DIR } from '../results/layout.ts';
import { currentOwner } from '../results/liveness.ts';
import {
  RESULT_SCHEMA_VERSION,
  type Capacity,
  type Failure,
  type Measurement,
  type Noise,
  type ProcessorInfo,
  type RunManifest,
  type RunRecord,
} from '../results/schema.ts';
import { fetchStats, readProc, startSampler, type CycleRecord } from '../sample/index.ts';
import type { Sink } from '../store/index.ts';
import { loadVectors } from '../verify/load-vectors.ts';
import { runVectors } from '../verify/run-vectors.ts';
import { measureCapacityWithClient } from './capacity.ts';
import { measureNoise } from './noise.ts';
import { preload } from './preload.ts';
import { collectProvenance } from './provenance.ts';
import { idleArm, recordedStalls, startRecorder, stallCpus, type StallCpus } from './stalls.ts';
import { median } from '../stats/describe.ts';
import type { RunEvents } from './events.ts';

export interface RunOptions {
  repoRoot: string;
  plan: Plan;
  manifests: ProcessorManifest[];
  sink: Sink & { readonly runDirOf?: (runId: string) => string };
  resultsRoot: string;
  events: RunEvents;
  /** Skip the driver-floor measurement at the start (tests). */
  skip_noise?: boolean;
}

const STDERR_TAIL_CHARS = 2000;
/** A second signal this soon after the first is the same keypress passed on by npm or the shell. */
const DUPLICATE_SIGNAL_MS = 500;
const tail = (s: string) => s.slice(-STDERR_TAIL_CHARS);

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface ProcessorState {
  manifest: ProcessorManifest;
  info: ProcessorInfo;
  /** Why this processor is not timed (build or verify failed). */
  excluded: Failure | null;
}

export async function runPipeline(opts: RunOptions): Promise<RunRecord> {
  const { plan, events } = opts;
  const provenance = collectProvenance(opts.repoRoot, plan);
  const run_id = newRunId(new Date(), provenance.git_sha);
  const runDir = path.join(opts.resultsRoot, run_id);
  const logDir = path.join(runDir, LOGS_DIR);
  const interrupt = new AbortController();
  let finalWritten = false;
  // Whatever ends the process before the final manifest (a second Ctrl-C, an uncaught error, a
  // closed terminal's SIGHUP arriving twice), the run folder must not be left `running`.
  const stopNow = (note: string) => {
    if (finalWritten) return;
    finalWritten = true;
    try {
      opts.sink.stopNow?.({ ...manifest('incomplete', states), notes: [...notes, note] });
    } catch {
      // Nothing more can be done on the way out.
    }
  };
  const onExit = () => stopNow('the harness exited before the run finished (an uncaught error?): measurements after that are missing');
  let firstSignalAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    const now = Date.now();
    if (firstSignalAt !== undefined) {
      // npm and a shell pipeline may each pass the same Ctrl-C on: one press is one interruption.
      if (now - firstSignalAt < DUPLICATE_SIGNAL_MS) return;
      stopNow(`interrupted twice (${signal}): quit at once, the measurement in progress is lost`);
      process.exit(EXIT.interrupted);
    }
    firstSignalAt = now;
    events.emit({ type: 'interrupted' });
    interrupt.abort();
  };
  const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', onExit);
  deferSignals(() => undefined);

  const measurements: Measurement[] = [];
  const capacity: Capacity[] = [];
  const notes: string[] = [];
  let noise: Noise = { driver_floor: null, cpu_jitter_p99_us: null };
  const manifest = (status: RunManifest['status'], states: ProcessorState[]): RunManifest => ({
    schema_version: RESULT_SCHEMA_VERSION,
    run_id,
    status,
    started_at: startedAt.toISOString(),
    finished_at: status === 'running' ? null : new Date().toISOString(),
    profile: plan.profile,
    baseline: plan.baseline,
    scenarios: plan.scenarios.map((s) => s.name),
    processors: states.map((s) => s.info),
    repetitions: plan.repetitions,
    plan,
    provenance,
    noise,
    notes,
    owner,
    order_seed: plan.seed,
  });
  const owner = currentOwner();
  const startedAt = new Date();
  const states = initialStates(opts.manifests);

  await opts.sink.start(manifest('running', states));
  events.emit({ type: 'run-started', run_id, dir: runDir, plan });
  try {
    await buildAndVerify(plan, states, { repoRoot: opts.repoRoot, logDir, signal: interrupt.signal, events });

    // the machine's own noise and the driver's floor, measured like the processors are
    if (!opts.skip_noise && !interrupt.signal.aborted) {
      events.emit({ type: 'stage', label: 'measuring the driver floor (trivial native server)' });
      try {
        noise = await measureNoise(plan);
      } catch (err) {
        notes.push(`driver floor not measured: ${message(err)}`);
      }
    }

    const pools = new Map<string, PoolRequest[]>(plan.scenarios.map((s) => [s.name, requestPool(s)]));
    const cpus = stallCpus(plan);
    const idleArms: NonNullable<Noise['idle_arms']> = [];
    const idleShare = () => (idleArms.length ? median(idleArms.map((a) => a.stall_share)) : null);
    const measureCount = plan.steps.filter((s) => s.kind === 'measure').length;
    const total = measureCount + plan.capacity_steps.length;
    const measureStep_s = plan.warmup_s + plan.measure_s;
    let remaining_planned_s = measureCount * measureStep_s + plan.capacity_steps.length * plan.capacity_s;
    let done_planned_s = 0;
    let done = 0;
    const finished = (planned_s: number) => {
      done++;
      done_planned_s += planned_s;
      remaining_planned_s -= planned_s;
    };
    for (const spec of plan.scenarios) {
      if (plan.precision && spec.load.schedule.kind !== 'constant') {
        notes.push(`${spec.name}: a ramp's measure phase is defined by its length, so its phases are not precision-driven (fixed ${plan.measure_s} s)`);
      }
      // In the plan's order: each round's processors shuffled, its idle arm among them (plan/order.ts).
      for (const step of plan.steps.filter((s) => s.scenario === spec.name)) {
        if (step.kind === 'idle') {
          if (interrupt.signal.aborted) continue;
          // The idle arm of this round: the machine's own stall rate, beside the processors'.
          const duration_s = Math.min(IDLE_ARM_MAX_S, plan.measure_s);
          events.emit({ type: 'stage', label: `idle arm of round ${step.repetition + 1} (the machine's own stalls, ${duration_s} s)` });
          try {
            idleArms.push({ repetition: step.repetition, duration_s, stall_share: await idleArm(cpus, duration_s, true, interrupt.signal) });
            noise = { ...noise, idle_arms: idleArms };
          } catch (err) {
            notes.push(`idle arm of round ${step.repetition + 1} not measured: ${message(err)}`);
          }
          continue;
        }
        const state = states.find((s) => s.manifest.name === step.processor)!;
        events.emit({ type: 'step', label: `${step.scenario}/${step.processor} #${step.repetition + 1}`, done, total, done_planned_s, remaining_planned_s });
        const m = interrupt.signal.aborted
          ? failedMeasurement(base(run_id, spec, step), { stage: 'interrupted', message: 'not run: interrupted', stderr_tail: '' }, new Date())
          : await measureOne(plan, spec, step, state, pools.get(spec.name)!, run_id, logDir, interrupt.signal, cpus, idleShare(), (n) => notes.push(n));
        measurements.push(m);
        opts.sink.addMeasurement(m);
        if (m.failure && m.failure.stage !== state.excluded?.stage && m.failure.stage !== 'interrupted') {
          events.emit({ type: 'warning', text: `${step.scenario}/${step.processor} #${step.repetition + 1} failed at ${m.failure.stage}: ${m.failure.message}` });
        }
        finished(measureStep_s);
      }
      for (const step of plan.capacity_steps.filter((s) => s.scenario === spec.name)) {
        const state = states.find((s) => s.manifest.name === step.processor)!;
        events.emit({ type: 'step', label: `${step.scenario}/${step.processor} capacity`, done, total, done_planned_s, remaining_planned_s });
        if (!state.excluded && !interrupt.signal.aborted) {
          const { capacity: c } = await measureCapacityWithClient(plan, spec, state.manifest, pools.get(spec.name)!, run_id, logDir, interrupt.signal, (n) => notes.push(n));
          capacity.push(c);
          opts.sink.addCapacity(c);
        }
        finished(plan.capacity_s);
      }
    }
    events.emit({ type: 'step', label: 'done', done, total, done_planned_s, remaining_planned_s: 0 });
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
    deferSignals(undefined);
  }

  const measured = measurements.filter((m) => m.status === 'ok').length;
  const status: RunManifest['status'] = interrupt.signal.aborted ? 'incomplete' : measured === 0 ? 'failed' : 'complete';
  if (interrupt.signal.aborted) notes.push('interrupted (Ctrl-C): measurements after the interruption are marked incomplete');
  const final = manifest(status, states);
  const outcome = await opts.sink.stop(final);
  finalWritten = true;
  process.off('exit', onExit);
  if (!outcome.ok) events.emit({ type: 'warning', text: `store: ${outcome.error}` });
  return { manifest: final, measurements, capacity };
}

/** Every processor before its build: not built, not verified, not excluded. */
export function initialStates(manifests: readonly ProcessorManifest[]): ProcessorState[] {
  return manifests.map((m) => ({
    manifest: m,
    info: {
      name: m.name,
      language: m.language,
      description: m.description,
      toolchain_version: 'unknown',
      build: { ok: false, cached: false, duration_s: 0, error: 'not built yet' },
      verify: null,
    },
    excluded: null,
  }));
}

/**
 * Builds the driver and every processor, then replays the golden vectors against each (when the
 * plan verifies): a processor that fails either is marked excluded, with the reason, and is not
 * timed. `states` is updated in place, so a manifest written meanwhile shows the progress.
 */
export async function buildAndVerify(plan: Plan, states: ProcessorState[], o: { repoRoot: string; logDir: string; signal: AbortSignal; events: RunEvents }): Promise<void> {
  // build (the driver too: it is part of the measurement)
  o.events.emit({ type: 'stage', label: 'building the load driver' });
  await ensureDriverBuilt();
  for (const s of states) {
    if (o.signal.aborted) break;
    o.events.emit({ type: 'stage', label: `building ${s.manifest.name}` });
    const b: BuildResult = await buildProcessor(s.manifest, { logDir: o.logDir });
    if (b.ok) {
      s.info = { ...s.info, toolchain_version: b.toolchain_version, build: { ok: true, cached: b.cached, duration_s: b.duration_s, error: null } };
    } else {
      s.info = { ...s.info, build: { ok: false, cached: false, duration_s: 0, error: b.error } };
      s.excluded = { stage: 'build', message: b.error, stderr_tail: tail(b.log_tail) };
      o.events.emit({ type: 'warning', text: `${s.manifest.name} failed to build (${b.error}); its measurements are marked failed, log: ${b.log_path}` });
    }
  }

  // verify: a processor that fails the golden vectors is not timed
  if (plan.verify) {
    const suites = new Set(plan.scenarios.flatMap((s) => s.vectors));
    const vectors = loadVectors(o.repoRoot).filter((v) => suites.has(v.file.split(path.sep)[1] ?? ''));
    for (const s of states.filter((x) => !x.excluded)) {
      if (o.signal.aborted) break;
      o.events.emit({ type: 'stage', label: `verifying ${s.manifest.name} against ${vectors.length} golden vectors` });
      let proc: RunningProcessor | undefined;
      try {
        proc = await launchProcessor(s.manifest, launchOptions(plan, o.logDir, s.manifest.name));
        const result = await runVectors(s.manifest.name, proc.baseUrl, vectors);
        const failures = result.failures.map((f) => `${f.vector} step ${f.step} ${f.request}: ${f.path}: ${f.message}`);
        s.info = { ...s.info, verify: { ok: failures.length === 0, failures: failures.slice(0, 50) } };
        if (failures.length) {
          s.excluded = { stage: 'verify', message: `${failures.length} golden-vector failure(s), first: ${failures[0]}`, stderr_tail: tail(proc.stderrTail()) };
          o.events.emit({ type: 'warning', text: `${s.manifest.name} failed verification and is not timed: ${failures[0]} (run \`npm run verify\` for all)` });
        }
      } catch (err) {
        s.excluded = { stage: 'launch', message: message(err), stderr_tail: tail(proc?.stderrTail() ?? (err as { stderr_tail?: string }).stderr_tail ?? '') };
        s.info = { ...s.info, verify: { ok: false, failures: [message(err)] } };
        o.events.emit({ type: 'warning', text: `${s.manifest.name} could not be started: ${message(err)}` });
      } finally {
        await proc?.stop();
      }
    }
  }
}

/** Completed cycles, plus one still running when the record ends (it lasted at least until then). */
export function gcCycleIntervals(r: CycleRecord) {
  const running = r.in_progress && r.until_unix_ns !== null ? [{ start_unix_ns: r.in_progress.start_unix_ns, end_unix_ns: r.until_unix_ns, kind: r.in_progress.kind }] : [];
  return [...r.cycles, ...running];
}

export function launchOptions(plan: Plan, logDir: string, processor: string) {
  return {
    threads: plan.threads,
    ...(plan.pinning.enabled ? { cpus: plan.pinning.processor_cpus } : {}),
    env: plan.inject[processor] ?? {},
    logDir,
  };
}

function base(run_id: string, spec: ScenarioSpec, step: MeasureStep) {
  return {
    run_id,
    scenario: spec.name,
    processor: step.processor,
    repetition: step.repetition,
    schedule: spec.load.schedule,
    connections: spec.load.connections,
  };
}

/** Scales a scenario's schedule by the plan's rate factor. */
export function scaledSchedule(spec: ScenarioSpec, scale: number): ScenarioSpec['load']['schedule'] {
  const s = spec.load.schedule;
  return s.kind === 'constant'
    ? { kind: 'constant', rate_per_s: s.rate_per_s * scale }
    : { kind: 'ramp', from_per_s: s.from_per_s * scale, to_per_s: s.to_per_s * scale };
}

export async function measureOne(
  plan: Plan,
  spec: ScenarioSpec,
  step: MeasureStep,
  state: ProcessorState,
  pool: PoolRequest[],
  run_id: string,
  logDir: string,
  signal: AbortSignal,
  cpus: StallCpus,
  idle_stall_share: number | null,
  note: (line: string) => void,
): Promise<Measurement> {
  const b = { ...base(run_id, spec, step), schedule: scaledSchedule(spec, plan.rate_scale) };
  if (state.excluded) return failedMeasurement(b, state.excluded, new Date());
  const started_at = new Date();
  let proc: RunningProcessor | undefined;
  let stage: Failure['stage'] = 'launch';
  // A ramp's measure phase is defined by its length (noted once per scenario by the caller).
  const precision = plan.precision && b.schedule.kind === 'constant' ? plan.precision : null;
  const streamDir = precision ? await mkdtemp(path.join(tmpdir(), 'latency-stalls-')) : undefined;
  const stallStreamPath = streamDir ? path.join(streamDir, 'stalls.txt') : undefined;
  try {
    proc = await launchProcessor(state.manifest, launchOptions(plan, logDir, step.processor));
    stage = 'preload';
    await preload(proc.baseUrl, spec, signal);
    stage = 'drive';
    const idle = await readProc(proc.pid);
    const statsBefore = await fetchStats(proc.baseUrl);
    const recorder = await startRecorder(cpus, true, stallStreamPath).catch((err: unknown) => {
      note(`${step.scenario}/${step.processor} #${step.repetition + 1}: platform stalls not recorded (${message(err)})`);
      return undefined;
    });
    const sampler = startSampler({ pid: proc.pid, baseUrl: proc.baseUrl });
    let exitedEarly = false;
    void proc.exited.then(() => (exitedEarly = true));
    const stallReader = recorder && stallStreamPath ? new StallStreamReader(stallStreamPath) : undefined;
    const control = precision ? precisionControl(precision, plan, cpus, idle_stall_share, stallReader, signal) : undefined;
    const drive = await runOpenLoop({
      port: proc.port,
      pool,
      schedule: b.schedule,
      warmup_s: plan.warmup_s,
      // Precision-driven: scheduled to the cap, stopped by the check once the interval is narrow enough.
      measure_s: precision ? precision.max_measure_s : plan.measure_s,
      connections: spec.load.connections,
      // A dead processor turns every request into an error; stop instead of timing an empty port.
      stop_after_errors: 1000,
      ...(plan.pinning.enabled ? { cpus: plan.pinning.driver_cpus.join(',') } : {}),
      realtime: plan.pinning.driver_realtime,
      ...(control ? { control } : {}),
    });
    await stallReader?.close();
    if (drive.control?.error) note(`${step.scenario}/${step.processor} #${step.repetition + 1}: the precision check failed (${drive.control.error}); the phase ran to its cap`);
    const recording = await recorder?.stop().catch((err: unknown) => {
      note(`${step.scenario}/${step.processor} #${step.repetition + 1}: stall recorder failed (${message(err)})`);
      return undefined;
    });
    const samples = await sampler.stop({ cycles_until_unix_ns: Date.now() * 1e6 });
    const statsAfter = exitedEarly ? undefined : await fetchStats(proc.baseUrl);
    let failure: Failure | null = null;
    if (signal.aborted) failure = { stage: 'interrupted', message: 'interrupted during the measurement', stderr_tail: '' };
    else if (exitedEarly) {
      const exit = await proc.exited;
      failure = { stage: 'drive', message: `processor exited during the measurement (code ${exit.code}, signal ${exit.signal})`, stderr_tail: tail(proc.stderrTail()) };
    }
    return buildMeasurement({
      run_id,
      scenario: spec.name,
      processor: step.processor,
      repetition: step.repetition,
      started_at,
      finished_at: new Date(),
      schedule: b.schedule,
      connections: spec.load.connections,
      warmup_s: plan.warmup_s,
      measure_s: drive.summary.measured_s,
      pool,
      drive,
      sampler: samples,
      idle_rss_bytes: idle?.rss_bytes ?? 0,
      failure,
      stats: statsBefore && statsAfter ? { before: statsBefore, after: statsAfter } : undefined,
      gc_cycles: gcCycleIntervals(samples.gc_cycles),
      stalls: recording ? { recording: recordedStalls(recording, drive.summary.t0_monotonic_ns), ...cpus } : undefined,
      idle_stall_share,
      precision: precision
        ? {
            plan: precision,
            min_measure_s: plan.measure_s,
            stopped_by: signal.aborted ? 'interrupted' : drive.summary.stopped_by === 'errors' ? 'errors' : drive.summary.stopped_by === 'control' ? 'precision' : 'cap',
            checks: drive.control?.checks ?? 0,
          }
        : undefined,
    });
  } catch (err) {
    const failure: Failure = signal.aborted
      ? { stage: 'interrupted', message: 'interrupted during the measurement', stderr_tail: tail(proc?.stderrTail() ?? '') }
      : { stage, message: message(err), stderr_tail: tail(proc?.stderrTail() ?? (err as { stderr_tail?: string }).stderr_tail ?? '') };
    return failedMeasurement(b, failure, started_at);
  } finally {
    await proc?.stop();
    if (streamDir) await rm(streamDir, { recursive: true, force: true });
  }
}

/**
 * The live check of a precision-driven phase: the clean percentile of everything streamed so
 * far, by the rule of the recorded figure, against the target. Ctrl-C ends the phase at once
 * (the measurement is then marked interrupted) instead of running on to the cap.
 */
/** The stall recorder gets SCHED_FIFO only as root; otherwise it falls back to normal priority. */
const RECORDER_IS_FIFO = process.getuid?.() === 0;

function precisionControl(
  precision: PrecisionPlan,
  plan: Plan,
  cpus: StallCpus,
  idle_stall_share: number | null,
  stalls: StallStreamReader | undefined,
  signal: AbortSignal,
): OpenLoopControl {
  return {
    every_s: precision.check_every_s,
    check: async (stream) => {
      if (signal.aborted) return true;
      const measured_s = stream.measuredS();
      if (measured_s < plan.measure_s) return false;
      await stalls?.poll();
      const estimate = liveCleanEstimate(
        {
          records: stream.view(),
          // Without root the recorder runs at normal priority and its stalls are not attributed
          // (record/platform.ts): the live check must not set aside what the final figure keeps.
          stalls: RECORDER_IS_FIFO ? stalls?.stallsOnDriverAxis(stream.t0_monotonic_ns) : undefined,
          processor_cpus: cpus.processor_cpus,
          driver_cpus: cpus.driver_cpus,
          warmup_s: plan.warmup_s,
          until_ns: stream.watermark_ns,
          idle_stall_share,
        },
        precision.of,
      );
      return shouldStop(precision, plan.measure_s, { measured_s, estimate });
    },
  };
}
