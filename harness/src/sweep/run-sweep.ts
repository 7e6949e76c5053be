// `harness sweep`, the stage order: build → verify → idle arm → per scenario: the processors'
// curves and searches, their steps interleaved (sweep/turns.ts), then the confirmations and the
// equal-load points, interleaved too (drift hits each processor alike), then the closed-loop
// ceilings. Every step is measured by
// the pipeline's own per-measurement code (pipeline.ts measureOne: a fresh, preloaded process,
// the stall recorder, the sampler, the record stage), written to the sweep folder at once, and
// the sweep file is rewritten after each step, so an interruption loses nothing measured.
import path from 'node:path';
import { buildAndVerify, initialStates, measureOne, type ProcessorState } from '../pipeline/pipeline.ts';
import type { RunEvents } from '../pipeline/events.ts';
import { collectProvenance } from '../pipeline/provenance.ts';
import { idleArm, stallCpus } from '../pipeline/stalls.ts';
import type { Plan, ScenarioSpec } from '../plan/index.ts';
import { meanEventsPerRequest, requestPool } from '../plan/requests.ts';
import { failedMeasurement } from '../record/measurement.ts';
import type { ProcessorManifest } from '../processors/index.ts';
import { LOGS_DIR, newRunId, sweepDir, sweepMeasurementFile } from '../results/layout.ts';
import { SWEEP_SCHEMA_VERSION, type LoadBasis, type ProcessorSweep, type ScenarioSweep, type StepStage, type SweepResult, type SweepSettings, type SweepStep } from '../results/sweep-schema.ts';
import { writeSweepFile, writeSweepMeasurement } from '../store/sweep-files.ts';
import { autocannonCrossCheck, nativeCeiling, type CeilingContext } from './ceilings.ts';
import { confirmAll } from './confirm.ts';
import { runCurve } from './curve.ts';
import { equalLoadTargets, targetsWithin } from './equal-load.ts';
import { searchSustainable, type SearchOutcome } from './search.ts';
import type { ScenarioSweepPlan } from './settings.ts';
import { stepFromMeasurement } from './step.ts';
import { sustainableOf } from './sustainable.ts';
import { Turns } from './turns.ts';

export interface SweepOptions {
  repoRoot: string;
  /** Scenarios, processors, pinning, THREADS, injections and verification; its phases and steps are not used. */
  plan: Plan;
  manifests: ProcessorManifest[];
  settings: SweepSettings;
  scenarios: ScenarioSweepPlan[];
  sweepsRoot: string;
  events: RunEvents;
  signal: AbortSignal;
  /** Skip the idle arm (tests): the clean figures are then unadjusted. */
  skip_idle_arm?: boolean;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
const IDLE_ARM_MAX_S = 5;

function verdictLine(s: SweepStep): string {
  const p99 = s.clean?.p99?.value_us ?? s.raw.p99?.value_us;
  const figures = `achieved ${Math.round(s.achieved_rate_per_s)}/s, p99${s.clean ? ' clean' : ''} ${p99 === undefined ? '–' : `${Math.round(p99)} µs`}`;
  return `${figures}: ${s.verdict.sustainable ? 'sustainable' : `unsustainable (${s.verdict.failed_by.join(', ')})`}`;
}

export async function runSweep(o: SweepOptions): Promise<{ result: SweepResult; dir: string }> {
  const { plan, settings, events, signal } = o;
  const provenance = collectProvenance(o.repoRoot, plan);
  const id = newRunId(new Date(), provenance.git_sha);
  const dir = sweepDir(o.sweepsRoot, id);
  const logDir = path.join(dir, LOGS_DIR);
  const states = initialStates(o.manifests);
  const notes: string[] = [];
  const note = (line: string) => notes.push(line);
  const result: SweepResult = {
    schema_version: SWEEP_SCHEMA_VERSION,
    id,
    status: 'running',
    started_at: new Date().toISOString(),
    finished_at: null,
    settings,
    provenance,
    processors: states.map((s) => s.info),
    scenarios: [],
    notes,
  };
  const save = () => writeSweepFile(dir, { ...result, processors: states.map((s) => s.info) });
  await save();
  events.emit({ type: 'stage', label: `sweep ${id} → ${dir}` });

  await buildAndVerify(plan, states, { repoRoot: o.repoRoot, logDir, signal, events });
  await save();
  const cpus = stallCpus(plan);
  let idleShare: number | null = null;
  if (!o.skip_idle_arm && !signal.aborted) {
    const seconds = Math.min(IDLE_ARM_MAX_S, settings.measure_s);
    events.emit({ type: 'stage', label: `idle arm (the machine's own stalls, ${seconds} s)` });
    idleShare = await idleArm(cpus, seconds, true, signal).catch((err: unknown) => {
      note(`idle arm not measured: ${message(err)}; clean figures are unadjusted`);
      return null;
    });
  }
  // Steps have the sweep's fixed length: a precision-driven step would stretch the curve's time budget and its steps would differ in length.
  const stepPlan: Plan = { ...plan, warmup_s: settings.warmup_s, measure_s: settings.measure_s, rate_scale: 1, precision: null };

  for (const sp of o.scenarios) {
    if (signal.aborted) break;
    const pool = requestPool(sp.spec);
    const events_per_request = meanEventsPerRequest(pool);
    const sc: ScenarioSweep = {
      scenario: sp.spec.name,
      events_per_request,
      slo: sp.slo,
      slo_source: sp.slo_source,
      ladder: sp.ladder,
      processors: states.map((s) => ({ processor: s.manifest.name, excluded: s.excluded, steps: [], sustainable: null, native_ceiling: null, autocannon: null })),
    };
    result.scenarios.push(sc);
    const swept = states.map((state, i) => ({ state, ps: sc.processors[i]! })).filter((x) => !x.state.excluded);

    const runnerFor = (state: ProcessorState, ps: ProcessorSweep) =>
      async (rate: number, stage: StepStage, repetition: number, basis: LoadBasis[] = []): Promise<SweepStep> => {
        const label = `${sp.spec.name}/${ps.processor} ${stage} ${rate}/s${repetition > 0 ? ` #${repetition + 1}` : ''}`;
        events.emit({ type: 'stage', label });
        const spec: ScenarioSpec = { ...sp.spec, load: { ...sp.spec.load, schedule: { kind: 'constant', rate_per_s: rate } } };
        // A turn that waited past an interruption is not measured: it comes back incomplete, which ends its search.
        const m = signal.aborted
          ? failedMeasurement({ run_id: id, scenario: spec.name, processor: ps.processor, repetition, schedule: spec.load.schedule, connections: spec.load.connections }, { stage: 'interrupted', message: 'not run: interrupted', stderr_tail: '' }, new Date())
          : await measureOne(stepPlan, spec, { kind: 'measure', scenario: spec.name, processor: ps.processor, repetition }, state, pool, id, logDir, signal, cpus, idleShare, note);
        const file = sweepMeasurementFile(spec.name, ps.processor, stage, rate, repetition);
        await writeSweepMeasurement(dir, file, m);
        const step = stepFromMeasurement(m, { stage, repetition, offered_rate_per_s: rate, basis, slo: sp.slo, min_overload: settings.trend_min_overload, measurement_file: file });
        ps.steps.push(step);
        await save();
        events.emit({ type: 'stage', label: `${label}: ${verdictLine(step)}` });
        return step;
      };

    const searches = new Map<string, SearchOutcome>();
    const turns = new Turns();
    await Promise.all(
      swept.map(async ({ state, ps }) => {
        const measure = runnerFor(state, ps);
        const run = (rate: number, stage: StepStage, repetition: number) => turns.run(() => measure(rate, stage, repetition));
        const curve = await runCurve(run, { ...sp.ladder, stop_after_unsustainable: settings.stop_after_unsustainable, aborted: () => signal.aborted });
        searches.set(ps.processor, await searchSustainable(run, curve, settings.resolution, () => signal.aborted));
      }),
    );

    const confirmed = await confirmAll(
      swept.flatMap(({ state, ps }) => {
        const search = searches.get(ps.processor);
        return search ? [{ processor: ps.processor, search, run: (rate: number, rep: number) => runnerFor(state, ps)(rate, 'confirm', rep) }] : [];
      }),
      { repetitions: settings.confirm_repetitions, step_downs: settings.confirm_step_downs ?? 0, resolution: settings.resolution, aborted: () => signal.aborted },
    );
    for (const { ps } of swept) {
      const found = searches.get(ps.processor);
      if (!found || signal.aborted) continue;
      const c = confirmed.get(ps.processor);
      ps.sustainable = sustainableOf({ search: c?.search ?? found, confirmations: c?.confirmations ?? [], events_per_request, threads: plan.threads, resolution: settings.resolution, stepped_down_from_per_s: c?.stepped_down_from_per_s });
    }
    await save();

    const targets = equalLoadTargets(swept.flatMap(({ ps }) => (ps.sustainable ? [{ processor: ps.processor, rate_per_s: ps.sustainable.rate_per_s }] : [])), settings.equal_load.fractions);
    for (let rep = 0; rep < settings.equal_load.repetitions; rep++) {
      for (const { state, ps } of swept) {
        if (!ps.sustainable) continue;
        for (const t of targetsWithin(targets, ps.sustainable.rate_per_s)) {
          if (signal.aborted) break;
          await runnerFor(state, ps)(t.rate_per_s, 'equal-load', rep, t.basis);
        }
      }
    }

    for (const { state, ps } of swept) {
      if (signal.aborted) break;
      const c: CeilingContext = { plan: stepPlan, spec: sp.spec, state, pool, run_id: id, logDir, signal, note };
      if (settings.native_ceiling_s > 0) {
        events.emit({ type: 'stage', label: `${sp.spec.name}/${ps.processor} native closed loop (${settings.native_ceiling_s} s, ${settings.connections_closed_loop} connections)` });
        ps.native_ceiling = await nativeCeiling(c, settings.native_ceiling_s, settings.connections_closed_loop).catch((err: unknown) => {
          note(`${sp.spec.name}/${ps.processor}: native closed loop failed: ${message(err)}`);
          return null;
        });
      }
      if (settings.autocannon_s > 0 && !signal.aborted) {
        events.emit({ type: 'stage', label: `${sp.spec.name}/${ps.processor} autocannon cross-check (${settings.autocannon_s} s)` });
        ps.autocannon = await autocannonCrossCheck(c, settings.autocannon_s);
      }
      await save();
    }
  }

  const measured = result.scenarios.some((sc) => sc.processors.some((p) => p.steps.some((s) => s.status === 'ok')));
  result.status = signal.aborted ? 'incomplete' : measured ? 'complete' : 'failed';
  if (signal.aborted) notes.push('interrupted: the steps after the interruption were not measured');
  result.finished_at = new Date().toISOString();
  await save();
  return { result: { ...result, processors: states.map((s) => s.info) }, dir };
}
