// Accumulates the GC cycles a processor reports across /metrics polls. Each poll lists the most
// recent cycles, so consecutive polls overlap: a cycle is kept once, keyed by its kind and start.
// The log also keeps how far the record is complete (the latest cycles_until_unix_ns) and the
// cycle that was still running then, so that a consumer can tell "no cycle" from "not known yet"
// for the last second or two of a measurement.
import type { MetricsResponse } from './metrics.ts';

export interface ObservedPhase {
  name: string;
  stw: boolean;
  start_unix_ns: number;
  end_unix_ns: number;
}

export interface ObservedCycle {
  start_unix_ns: number;
  end_unix_ns: number;
  /** "minor" or "major" (processors/README.md). */
  kind: string;
  /** null when the processor did not report it. */
  stw_ns: number | null;
  cpu_ns: number | null;
  phases: ObservedPhase[];
}

export interface CycleRecord {
  /** Whether any poll carried gc.cycles at all: false for a processor built before the field. */
  reported: boolean;
  /** Completed cycles, in the order they ended. */
  cycles: ObservedCycle[];
  /** Cycles ending before this wall-clock time are all in `cycles`; null when never said. */
  until_unix_ns: number | null;
  /** The cycle running at until_unix_ns, if any. */
  in_progress: { start_unix_ns: number; kind: string } | null;
}

export class CycleLog {
  private readonly seen = new Map<string, ObservedCycle>();
  private reported = false;
  private until: number | null = null;
  private inProgress: CycleRecord['in_progress'] = null;

  add(m: MetricsResponse): void {
    const gc = m.gc;
    if (gc.cycles === undefined) return;
    this.reported = true;
    for (const c of gc.cycles) {
      const key = `${c.kind}:${c.start_unix_ns}`;
      if (this.seen.has(key)) continue;
      this.seen.set(key, {
        start_unix_ns: c.start_unix_ns,
        end_unix_ns: c.end_unix_ns,
        kind: c.kind,
        stw_ns: c.stw_ns ?? null,
        cpu_ns: c.cpu_ns ?? null,
        phases: (c.phases ?? []).map((p) => ({ name: p.name, stw: p.stw, start_unix_ns: p.start_unix_ns, end_unix_ns: p.end_unix_ns })),
      });
    }
    // Polls can answer out of order (a slow one overtaken by the next): keep the newest state.
    const until = gc.cycles_until_unix_ns ?? null;
    if (until !== null && (this.until === null || until >= this.until)) {
      this.until = until;
      this.inProgress = gc.cycle_in_progress ? { start_unix_ns: gc.cycle_in_progress.start_unix_ns, kind: gc.cycle_in_progress.kind } : null;
    }
  }

  record(): CycleRecord {
    return {
      reported: this.reported,
      cycles: [...this.seen.values()].sort((a, b) => a.end_unix_ns - b.end_unix_ns),
      until_unix_ns: this.until,
      in_progress: this.inProgress,
    };
  }
}
