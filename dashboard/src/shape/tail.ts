// What the tail is made of, per processor of one scenario. Each repetition's file gives every
// request slower than that repetition's p99 (and, separately, its p99.9) one primary cause
// (harness/src/record/tail.ts). Over repetitions the counts are pooled — added up, then divided
// by the pooled number of slow requests — the same rule as `harness report`. Every repetition
// contributes its ~1% slowest requests, so pooling weighs repetitions by their request count; a
// median of per-repetition shares would instead hide one repetition whose tail was all platform.
import type { MeasurementView, RunView } from '../../../harness/src/serve/api-types.ts';
import type { PercentileInterval, Tail } from '../../../harness/src/results/schema.ts';

export type TailCause = keyof Tail['p99']['counts'];
export type TailLevel = keyof Tail;

export interface CauseStyle {
  label: string;
  /** For table headers. */
  short: string;
  color: string;
}

/**
 * Every cause in the attribution's precedence order, which is also the stacking order. A Record
 * over the schema's cause names, so a cause added there fails the type check here. Red and green
 * stay out (they mean regression and improvement); the platform is grey, the runtime orange, the
 * driver blue, and what is left is the processor's own tail.
 */
export const CAUSES: Record<TailCause, CauseStyle> = {
  platform_processor_cpu: { label: 'stall on the processor’s CPU', short: 'stall: proc CPU', color: '#334155' },
  platform_driver_cpu: { label: 'stall on the driver’s CPU', short: 'stall: driver CPU', color: '#94a3b8' },
  runtime_pause: { label: 'stop-the-world pause', short: 'STW pause', color: '#c2410c' },
  gc_cycle: { label: 'GC cycle in progress', short: 'GC cycle', color: '#fb923c' },
  driver_lag: { label: 'sent late by the driver', short: 'driver late', color: '#0369a1' },
  queued: { label: 'queued behind earlier requests', short: 'queued', color: '#7dd3fc' },
  unexplained: { label: 'unexplained (the processor’s own)', short: 'unexplained', color: '#fde68a' },
};

export const CAUSE_ORDER = Object.keys(CAUSES) as TailCause[];

export const LEVELS: Record<TailLevel, string> = { p99: 'p99', p999: 'p99.9' };

export interface CauseCount {
  cause: TailCause;
  count: number;
  /** count / slow; 0 when there were no slow requests. */
  share: number;
}

/** The pooled composition of one tail (p99 or p99.9) of one processor. */
export interface TailMix {
  level: TailLevel;
  /** Slow requests over all repetitions pooled. */
  slow: number;
  causes: CauseCount[];
}

/** One repetition's own figures, straight from its file. */
export interface TailRepetition {
  repetition: number;
  /** The corrected measure-phase p99 with its order-statistic 95% interval. */
  raw_p99: PercentileInterval | null;
  clean_p99: PercentileInterval | null;
  set_aside_share: number | null;
  /** The machine's stall share under this processor over the idle machine's; null without an idle arm or recorder. */
  stalls_induced: number | null;
  stall_recorder: boolean;
  tail: Tail;
}

export type TailProcessor =
  | { processor: string; state: 'recorded'; p99: TailMix; p999: TailMix; repetitions: TailRepetition[] }
  | { processor: string; state: 'not-recorded'; reason: string };

function pooled(tails: readonly Tail[], level: TailLevel): TailMix {
  const slow = tails.reduce((s, t) => s + t[level].slow, 0);
  const causes = CAUSE_ORDER.map((cause) => {
    const count = tails.reduce((s, t) => s + t[level].counts[cause], 0);
    return { cause, count, share: slow > 0 ? count / slow : 0 };
  });
  return { level, slow, causes };
}

function repetitionOf(m: MeasurementView & { tail: Tail }): TailRepetition {
  return {
    repetition: m.repetition,
    raw_p99: m.raw_intervals?.p99 ?? null,
    clean_p99: m.clean?.p99 ?? null,
    set_aside_share: m.clean?.set_aside_share ?? null,
    stalls_induced: m.platform?.stalls_induced ?? null,
    stall_recorder: m.platform !== null && m.platform !== undefined,
    tail: m.tail,
  };
}

function processorTail(run: RunView, scenario: string, processor: string): TailProcessor | undefined {
  const all = run.measurements.filter((m) => m.scenario === scenario && m.processor === processor);
  if (all.length === 0) return undefined;
  const ok = all.filter((m) => m.status === 'ok');
  if (ok.length === 0) return { processor, state: 'not-recorded', reason: 'no successful repetition' };
  // A v2 writer gives every measurement with responses a tail; only older files lack the field.
  if (ok.every((m) => m.tail === undefined)) return { processor, state: 'not-recorded', reason: 'not recorded (v1 run)' };
  const withTail = ok
    .filter((m): m is MeasurementView & { tail: Tail } => m.tail !== null && m.tail !== undefined)
    .sort((a, b) => a.repetition - b.repetition);
  if (withTail.length === 0) return { processor, state: 'not-recorded', reason: 'not recorded' };
  const tails = withTail.map((m) => m.tail);
  return { processor, state: 'recorded', p99: pooled(tails, 'p99'), p999: pooled(tails, 'p999'), repetitions: withTail.map(repetitionOf) };
}

/** One entry per processor of the scenario, in manifest order. */
export function tailComposition(run: RunView, scenario: string): TailProcessor[] {
  return run.manifest.processors
    .map((p) => processorTail(run, scenario, p.name))
    .filter((t): t is TailProcessor => t !== undefined);
}

/** A bar of the stacked chart: one processor's p99 or p99.9 tail, a share and a count per cause. */
export type TailBarDatum = { label: string; processor: string; level: TailLevel; slow: number } & Partial<Record<TailCause | `${TailCause}_count`, number>>;

/** Two bars per processor that recorded its tail (p99, then p99.9). */
export function tailBars(rows: readonly TailProcessor[]): TailBarDatum[] {
  return rows.flatMap((r) =>
    r.state !== 'recorded'
      ? []
      : [r.p99, r.p999].map((mix) => {
          const d: TailBarDatum = { label: `${r.processor} ${LEVELS[mix.level]}`, processor: r.processor, level: mix.level, slow: mix.slow };
          for (const c of mix.causes) {
            d[c.cause] = c.share;
            d[`${c.cause}_count` as const] = c.count;
          }
          return d;
        }),
  );
}
