// GC cycles built from V8's gc entries (processors/README.md, "GET /metrics").
//
// Each perf_hooks gc entry is one GC prologue → epilogue callback pair: time the main thread was
// stopped. A scavenge is a whole cycle in one pause. A mark-sweep-compact usually is not: V8
// starts incremental marking (an `incremental` entry, which covers only the start), then marks in
// steps on the main thread and on helper threads while JavaScript runs, then finishes in one
// atomic pause (the `major` entry). The steps in between produce no entry, yet they run on the
// main thread: with --trace-gc V8 reports them on the Mark-Compact line, e.g. "+ 41.9 ms in 91
// steps since start of marking, biggest step 8.6 ms, walltime since start of marking 73 ms"
// (Node 20, processors/node/README.md). So the cycle runs from the start of the `incremental`
// entry to the end of the `major` entry, and a request inside it may have waited for a step
// that no pause records. Weak-callback entries (`weakcb`) are pauses after a collection, not
// cycles.

import type { GcKind } from './metrics.ts';

export const MAX_CYCLES = 256;

export type CycleKind = 'minor' | 'major';

export type PhaseName = 'scavenge' | 'incremental_marking_start' | 'incremental_marking' | 'mark_sweep_compact';

export interface GcPhase {
  readonly name: PhaseName;
  /** True when the main thread was stopped for the whole phase (a gc entry). */
  readonly stw: boolean;
  readonly startUnixNs: bigint;
  readonly endUnixNs: bigint;
}

export interface GcCycle {
  readonly startUnixNs: bigint;
  readonly endUnixNs: bigint;
  readonly kind: CycleKind;
  /** Main-thread time in the cycle's gc entries (its stw phases); marking steps between them are not included. */
  readonly stwNs: number;
  readonly phases: readonly GcPhase[];
}

/** One gc entry on the wall clock. */
export interface GcEntry {
  readonly kind: GcKind;
  readonly startUnixNs: bigint;
  readonly endUnixNs: bigint;
}

export class GcCycles {
  private readonly cycles: GcCycle[] = [];
  private next = 0; // ring slot overwritten by the next cycle once the ring is full
  private marking: GcEntry | undefined; // the `incremental` entry of a marking not yet finished

  /** Folds in one entry, in the order the observer delivers them. */
  record(entry: GcEntry): void {
    switch (entry.kind) {
      case 'minor':
        this.push({ ...span(entry), kind: 'minor', stwNs: lengthNs(entry), phases: [phase('scavenge', true, entry)] });
        break;
      case 'incremental':
        // A second start before the first marking finished means V8 dropped that marking and
        // began again; the cycle is counted from the first start, when marking work began.
        this.marking ??= entry;
        break;
      case 'major':
        this.push(this.majorCycle(entry));
        this.marking = undefined;
        break;
      case 'weakcb':
        break;
    }
  }

  /** Completed cycles, in the order they ended. */
  recent(): GcCycle[] {
    return [...this.cycles.slice(this.next), ...this.cycles.slice(0, this.next)];
  }

  /** The incremental marking under way, if any. */
  inProgress(): { startUnixNs: bigint; kind: CycleKind } | undefined {
    return this.marking && { startUnixNs: this.marking.startUnixNs, kind: 'major' };
  }

  private majorCycle(final: GcEntry): GcCycle {
    const m = this.marking;
    if (m === undefined) {
      // A full collection without incremental marking (forced, or V8 out of time to mark).
      return { ...span(final), kind: 'major', stwNs: lengthNs(final), phases: [phase('mark_sweep_compact', true, final)] };
    }
    return {
      startUnixNs: m.startUnixNs,
      endUnixNs: final.endUnixNs,
      kind: 'major',
      stwNs: lengthNs(m) + lengthNs(final),
      phases: [
        phase('incremental_marking_start', true, m),
        { name: 'incremental_marking', stw: false, startUnixNs: m.endUnixNs, endUnixNs: final.startUnixNs },
        phase('mark_sweep_compact', true, final),
      ],
    };
  }

  private push(cycle: GcCycle): void {
    if (this.cycles.length < MAX_CYCLES) {
      this.cycles.push(cycle);
    } else {
      this.cycles[this.next] = cycle;
      this.next = (this.next + 1) % MAX_CYCLES;
    }
  }
}

function span(e: GcEntry): { startUnixNs: bigint; endUnixNs: bigint } {
  return { startUnixNs: e.startUnixNs, endUnixNs: e.endUnixNs };
}

/** Taken from the wall-clock ends, so that stw_ns is exactly the sum of the stw phases. */
function lengthNs(e: GcEntry): number {
  return Number(e.endUnixNs - e.startUnixNs);
}

function phase(name: PhaseName, stw: boolean, e: GcEntry): GcPhase {
  return { name, stw, ...span(e) };
}

/** The cycle as /metrics writes it (bigint times, so by hand; JSON.stringify refuses bigint). */
export function cycleJson(c: GcCycle): string {
  const phases = c.phases
    .map((p) => `{"name":"${p.name}","stw":${p.stw},"start_unix_ns":${p.startUnixNs},"end_unix_ns":${p.endUnixNs}}`)
    .join(',');
  return `{"start_unix_ns":${c.startUnixNs},"end_unix_ns":${c.endUnixNs},"kind":"${c.kind}","stw_ns":${c.stwNs},"cpu_ns":null,"phases":[${phases}]}`;
}
