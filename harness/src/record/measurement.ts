// The record stage: turns what the driver and the sampler saw during one measurement into a
// schema Measurement. Histograms are the unit of record; every percentile here is derived from
// one. All times are put on one clock: seconds after the driver's t0 (the start of warmup).
import { ErrorKind, hasResponse, Phase as PhaseCode, type OpenLoopRecords } from '../drive/records.ts';
import type { OpenLoopResult } from '../drive/open-loop.ts';
import type { PoolRequest } from '../plan/requests.ts';
import { RESULT_SCHEMA_VERSION, type Failure, type Interval, type Measurement, type Phase, type PhaseResult, type Precision, type Schedule } from '../results/schema.ts';
import type { SamplerResult } from '../sample/index.ts';
import { destroyHistograms, encodeHistogram, histogramsFromRecords, intervalHistograms } from './histogram.ts';
import { driverHealth } from './driver-health.ts';
import { acknowledged, checkConservation, conservationMessage, type StatsCounters } from './conservation.ts';
import { attributePauses } from './pause-attribution.ts';
import { tailOfMeasurement, type GcCycleUnix, type TailInputs } from './tail-of-measurement.ts';
import { toPercentiles } from './percentiles.ts';
import { precisionOutcome } from './precision.ts';
import type { PrecisionPlan } from '../plan/precision.ts';
import { resourcesOf, runtimeOf } from './resources.ts';

export interface MeasurementInputs {
  run_id: string;
  scenario: string;
  processor: string;
  repetition: number;
  started_at: Date;
  finished_at: Date;
  schedule: Schedule;
  connections: number;
  warmup_s: number;
  /** The measure phase as run (the driver's `measured_s`: shorter than planned when it was stopped). */
  measure_s: number;
  pool: readonly PoolRequest[];
  drive: OpenLoopResult;
  sampler: SamplerResult;
  /** Reading taken after start-up and preload, before load. */
  idle_rss_bytes: number;
  /** Set when something went wrong after load started (the process died mid-run, Ctrl-C). */
  failure: Failure | null;
  /** /v1/stats read after preload and after the load; undefined when either read failed. */
  stats?: { before: StatsCounters; after: StatsCounters } | undefined;
  /** The stall recorder's output on the driver's axis (undefined: it did not run) and the idle arm's stall share. */
  stalls?: TailInputs['stalls'];
  idle_stall_share?: number | null;
  /** The collector's cycles (wall clock) reported by /metrics during the measurement. */
  gc_cycles?: readonly (GcCycleUnix & { kind: string; stw_ns?: number | null | undefined; cpu_ns?: number | null | undefined })[];
  /** Set when the measure phase was precision-driven: how it ended; the outcome is judged on the final clean figure. */
  precision?: { plan: PrecisionPlan; min_measure_s: number; stopped_by: Precision['stopped_by']; checks: number } | undefined;
}

function phaseResult(r: OpenLoopRecords, pool: readonly PoolRequest[], phase: Phase, duration_s: number): PhaseResult {
  const code = PhaseCode[phase];
  const errors = { http_4xx: 0, http_5xx: 0, connect: 0, timeout: 0, reset: 0, parse: 0 };
  let requests = 0;
  let responses = 0;
  let ok = 0;
  let events = 0;
  for (let i = 0; i < r.count; i++) {
    if (r.phase[i] !== code) continue;
    requests++;
    const e = r.error[i];
    if (e === ErrorKind.connect) errors.connect++;
    else if (e === ErrorKind.timeout) errors.timeout++;
    else if (e === ErrorKind.reset) errors.reset++;
    else if (e === ErrorKind.parse) errors.parse++;
    if (!hasResponse(r, i)) continue;
    responses++;
    const status = r.status[i]!;
    if (status >= 500) errors.http_5xx++;
    else if (status >= 400 && !(status === 404 && pool[i % pool.length]!.method === 'GET')) errors.http_4xx++;
    if (status >= 200 && status < 300) {
      ok++;
      events += pool[i % pool.length]!.events;
    }
  }
  const h = histogramsFromRecords(r, { phase });
  try {
    return {
      phase,
      duration_s,
      target_rate_per_s: duration_s > 0 ? requests / duration_s : 0,
      achieved_rate_per_s: duration_s > 0 ? responses / duration_s : 0,
      requests,
      responses_ok: ok,
      errors,
      events_per_s: duration_s > 0 ? events / duration_s : 0,
      corrected: toPercentiles(h.corrected),
      uncorrected: toPercentiles(h.uncorrected),
      corrected_hdr: encodeHistogram(h.corrected),
      uncorrected_hdr: encodeHistogram(h.uncorrected),
    };
  } finally {
    destroyHistograms(h);
  }
}

function intervals(r: OpenLoopRecords, warmup_s: number): Interval[] {
  const buckets = intervalHistograms(r, 1);
  try {
    return buckets.map((b) => {
      const p = toPercentiles(b.corrected);
      return {
        t_s: b.start_s,
        phase: b.start_s < warmup_s ? ('warmup' as const) : ('measure' as const),
        requests: b.scheduled,
        errors: b.scheduled - b.corrected.totalCount,
        p50_us: p.p50_us,
        p99_us: p.p99_us,
        max_us: p.max_us,
        corrected_hdr: encodeHistogram(b.corrected),
      };
    });
  } finally {
    for (const b of buckets) destroyHistograms(b);
  }
}

/** Measure-phase requests against the pauses the processor reported (null without a metrics endpoint). */
function attribution(r: OpenLoopRecords, x: MeasurementInputs, p99_us: number) {
  if (!x.sampler.last_metrics) return null;
  const idx: number[] = [];
  for (let i = 0; i < r.count; i++) if (r.phase[i] === PhaseCode.measure && hasResponse(r, i)) idx.push(i);
  return attributePauses({
    intended_ns: Float64Array.from(idx, (i) => r.intended_ns[i]!),
    done_ns: Float64Array.from(idx, (i) => r.done_ns[i]!),
    t0_unix_ns: x.drive.t0_unix_ns,
    pauses: x.sampler.pauses,
    slow_threshold_us: p99_us,
  });
}

export function buildMeasurement(x: MeasurementInputs): Measurement {
  const r = x.drive.records;
  const phases = [phaseResult(r, x.pool, 'warmup', x.warmup_s), phaseResult(r, x.pool, 'measure', x.measure_s)];
  const measureEvents = (phases[1]!.events_per_s * x.measure_s);
  const t0_unix_ns = Number(x.drive.t0_unix_ns);
  const v2 = v2Figures(x, phases[1]!);
  const conservation = x.stats ? checkConservation(x.stats.before, x.stats.after, acknowledged(r, x.pool)) : null;
  // A measurement without a single response measured nothing: say so rather than report zeros.
  // One that lost acknowledged work is not timed as a fast one: it fails, its figures kept.
  const failure: Failure | null =
    x.failure ??
    (phases[1]!.corrected.count === 0
      ? { stage: 'drive', message: 'no responses during the measure phase', stderr_tail: '' }
      : conservation && !conservation.ok
        ? { stage: 'conservation', message: conservationMessage(conservation), stderr_tail: '' }
        : null);
  const status: Measurement['status'] = failure ? (failure.stage === 'interrupted' ? 'incomplete' : 'failed') : 'ok';
  return {
    schema_version: RESULT_SCHEMA_VERSION,
    run_id: x.run_id,
    agent: 'local',
    scenario: x.scenario,
    processor: x.processor,
    repetition: x.repetition,
    status,
    failure,
    started_at: x.started_at.toISOString(),
    finished_at: x.finished_at.toISOString(),
    schedule: x.schedule,
    connections: x.connections,
    events_per_request: x.pool.reduce((s, p) => s + p.events, 0) / Math.max(1, x.pool.length),
    phases,
    intervals: intervals(r, x.warmup_s),
    resources: resourcesOf(x.sampler, t0_unix_ns, x.warmup_s, x.measure_s, x.idle_rss_bytes, measureEvents),
    runtime: runtimeOf(x.sampler, t0_unix_ns, x.warmup_s + x.measure_s),
    pause_attribution: attribution(r, x, phases[1]!.corrected.p99_us),
    conservation,
    ...v2,
    driver: driverHealth(x.drive.summary, phases[1]!.corrected.p99_us, v2.tail),
    precision: precisionOf(x, v2.clean),
  };
}

function precisionOf(x: MeasurementInputs, clean: Measurement['clean']): Precision | null {
  if (!x.precision) return null;
  const e = clean?.[x.precision.plan.of];
  return precisionOutcome(x.precision.plan, x.precision.min_measure_s, e ? { value: e.value_us, lo: e.lo_us, hi: e.hi_us } : null, {
    measured_s: x.measure_s,
    stopped_by: x.precision.stopped_by,
    checks: x.precision.checks,
  });
}

/** What the tail attribution of a measurement works from; the measure phase's p99 and p99.9 set its thresholds. */
export function tailInputsOf(x: MeasurementInputs, measure: PhaseResult): TailInputs {
  return {
    records: x.drive.records,
    t0_unix_ns: x.drive.t0_unix_ns,
    warmup_s: x.warmup_s,
    measure_s: x.measure_s,
    pauses: x.sampler.pauses,
    gc_cycles: x.gc_cycles ?? [],
    stalls: x.stalls,
    idle_stall_share: x.idle_stall_share ?? null,
    p99_us: measure.corrected.p99_us,
    p999_us: measure.corrected.p999_us,
  };
}

function v2Figures(x: MeasurementInputs, measure: PhaseResult): Pick<Measurement, 'raw_intervals' | 'platform' | 'tail' | 'clean' | 'gc_cycles'> {
  if (measure.corrected.count === 0) return {};
  const cycles = x.gc_cycles ?? [];
  const t = tailOfMeasurement(tailInputsOf(x, measure));
  const t0 = Number(x.drive.t0_unix_ns);
  return {
    ...t,
    gc_cycles: cycles.map((c) => ({
      start_s: (c.start_unix_ns - t0) / 1e9,
      duration_us: (c.end_unix_ns - c.start_unix_ns) / 1000,
      kind: c.kind,
      stw_us: c.stw_ns === undefined || c.stw_ns === null ? null : c.stw_ns / 1000,
      cpu_us: c.cpu_ns === undefined || c.cpu_ns === null ? null : c.cpu_ns / 1000,
    })),
  };
}

/** A measurement that never got to run (build, launch, verify or preload failed). */
export function failedMeasurement(
  base: Pick<Measurement, 'run_id' | 'scenario' | 'processor' | 'repetition' | 'schedule' | 'connections'>,
  failure: Failure,
  at: Date,
): Measurement {
  return {
    schema_version: RESULT_SCHEMA_VERSION,
    ...base,
    agent: 'local',
    status: failure.stage === 'interrupted' ? 'incomplete' : 'failed',
    failure,
    started_at: at.toISOString(),
    finished_at: at.toISOString(),
    events_per_request: 0,
    phases: [],
    intervals: [],
    resources: null,
    runtime: null,
    pause_attribution: null,
    conservation: null,
    driver: null,
  };
}
