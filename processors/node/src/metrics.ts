// GET /metrics: heap, GC pauses and cycles, and event-loop delay, gathered off the request path.
//
// GC pauses come from a PerformanceObserver on `gc` entries: V8's GC prologue/epilogue callbacks,
// so each entry is the time the main thread spent in that collection step. They are kept in a
// ring of the last 256, which the harness polls every second; the same entries make up the GC
// cycles (gc-cycles.ts). Event-loop delay comes from
// perf_hooks.monitorEventLoopDelay: a libuv timer every 10 ms whose histogram holds the whole
// interval between firings (about 10 ms on an idle loop), so the figures reported are that minus
// the 10 ms: the delay itself. They are cumulative since start so /metrics stays a read-only view.

import { constants, type PerformanceEntry, monitorEventLoopDelay, performance, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';
import { cycleJson, GcCycles, type GcCycle } from './gc-cycles.ts';

export const MAX_PAUSES = 256;
const EVENT_LOOP_RESOLUTION_MS = 10;
const EVENT_LOOP_RESOLUTION_NS = EVENT_LOOP_RESOLUTION_MS * 1e6;

export type GcKind = 'minor' | 'major' | 'incremental' | 'weakcb';

export interface GcPause {
  /** Wall-clock end of the pause, Unix nanoseconds (beyond 2^53, hence bigint). */
  readonly endUnixNs: bigint;
  readonly durationNs: number;
  readonly kind: GcKind;
}

const GC_KINDS = new Map<number, GcKind>([
  [constants.NODE_PERFORMANCE_GC_MINOR, 'minor'],
  // V8's kGCTypeMinorMarkCompact (off by default in Node 20) has no perf_hooks constant.
  [2, 'minor'],
  [constants.NODE_PERFORMANCE_GC_MAJOR, 'major'],
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental'],
  [constants.NODE_PERFORMANCE_GC_WEAKCB, 'weakcb'],
]);

export interface MetricsContext {
  readonly impl: string;
  readonly threads: number;
  /** Figures the core adds to `extra` (a native core's own heap, for instance). */
  readonly extra?: Readonly<Record<string, number | string>>;
}

export class RuntimeMetrics {
  private readonly pauses: GcPause[] = [];
  private readonly cycles = new GcCycles();
  private next = 0; // ring slot overwritten by the next pause once the ring is full
  private gcCount = 0;
  private pauseTotalNs = 0;
  private observer: PerformanceObserver | undefined;
  private loopDelay: IntervalHistogram | undefined;

  start(): void {
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) this.recordGc(entry.startTime, entry.duration, gcKindOf((entry as GcEntry).detail));
    });
    this.observer.observe({ entryTypes: ['gc'] });
    this.loopDelay = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });
    this.loopDelay.enable();
  }

  stop(): void {
    this.observer?.disconnect();
    this.loopDelay?.disable();
  }

  /** Records one pause; times are performance-timeline milliseconds as in a PerformanceEntry. */
  recordGc(startMs: number, durationMs: number, kind: GcKind): void {
    const durationNs = Math.round(durationMs * 1e6);
    const pause: GcPause = { endUnixNs: unixNsOf(startMs + durationMs), durationNs, kind };
    this.cycles.record({ kind, startUnixNs: unixNsOf(startMs), endUnixNs: pause.endUnixNs });
    if (this.pauses.length < MAX_PAUSES) {
      this.pauses.push(pause);
    } else {
      this.pauses[this.next] = pause;
      this.next = (this.next + 1) % MAX_PAUSES;
    }
    this.gcCount += 1;
    this.pauseTotalNs += durationNs;
  }

  /** The recent pauses, oldest first. */
  recentPauses(): GcPause[] {
    return [...this.pauses.slice(this.next), ...this.pauses.slice(0, this.next)];
  }

  /** The recent GC cycles, in the order they ended. */
  recentCycles(): GcCycle[] {
    return this.cycles.recent();
  }

  /** The /metrics body, fields in the spec's order. */
  render(context: MetricsContext): string {
    // Unix nanoseconds do not fit a double exactly and JSON.stringify refuses bigint, so pauses
    // and cycles are written by hand; everything else goes through JSON.stringify.
    const pauses = this.recentPauses()
      .map((p) => `{"end_unix_ns":${p.endUnixNs},"duration_ns":${p.durationNs},"kind":"${p.kind}"}`)
      .join(',');
    const cycles = this.cycles.recent().map(cycleJson).join(',');
    // Entries reach the observer one event-loop turn after their collection, so the list is
    // complete up to now except for a collection that ended during this very turn.
    const until = unixNsOf(performance.now());
    const open = this.cycles.inProgress();
    const inProgress = open ? `{"start_unix_ns":${open.startUnixNs},"kind":"${open.kind}"}` : 'null';
    const memory = process.memoryUsage();
    const extra = {
      threads: context.threads,
      ...this.loopDelayFigures(),
      heap_total_bytes: memory.heapTotal,
      external_bytes: memory.external,
      array_buffers_bytes: memory.arrayBuffers,
      ...context.extra,
    };
    return (
      `{"impl":${JSON.stringify(context.impl)},"runtime":${JSON.stringify(`node ${process.version}`)},` +
      `"uptime_s":${JSON.stringify(process.uptime())},"heap_bytes":${memory.heapUsed},` +
      `"gc":{"collector":true,"count":${this.gcCount},"pause_total_ns":${this.pauseTotalNs},"pauses":[${pauses}],` +
      `"cycles":[${cycles}],"cycles_until_unix_ns":${until},"cycle_in_progress":${inProgress}},` +
      `"extra":${JSON.stringify(extra)}}`
    );
  }

  private loopDelayFigures(): Record<string, number | null> {
    const h = this.loopDelay;
    const sampled = h !== undefined && h.count > 0;
    const figure = (read: (h: IntervalHistogram) => number): number | null =>
      sampled ? Math.max(0, Math.round(read(h) - EVENT_LOOP_RESOLUTION_NS)) : null;
    return {
      event_loop_delay_samples: h?.count ?? 0,
      event_loop_delay_resolution_ns: EVENT_LOOP_RESOLUTION_NS,
      event_loop_delay_min_ns: figure((x) => x.min),
      event_loop_delay_mean_ns: figure((x) => x.mean),
      event_loop_delay_p50_ns: figure((x) => x.percentile(50)),
      event_loop_delay_p90_ns: figure((x) => x.percentile(90)),
      event_loop_delay_p99_ns: figure((x) => x.percentile(99)),
      event_loop_delay_p999_ns: figure((x) => x.percentile(99.9)),
      event_loop_delay_max_ns: figure((x) => x.max),
    };
  }
}

/** @types/node 20 omits `detail`, which Node sets on gc entries to `{ kind, flags }`. */
type GcEntry = PerformanceEntry & { readonly detail?: unknown };

function gcKindOf(detail: unknown): GcKind {
  const kind = (detail as { kind?: number } | null | undefined)?.kind;
  // Should a future V8 add a GC type, its pause still counts; it is filed as the costliest kind.
  return (kind !== undefined ? GC_KINDS.get(kind) : undefined) ?? 'major';
}

/**
 * Performance-timeline milliseconds → Unix nanoseconds. timeOrigin is ~1.7e12 ms: multiplying it
 * by 1e6 as a double would round to 256 ns steps, so the whole milliseconds go through bigint and
 * only the (small) fraction plus the timeline offset is scaled as a double.
 */
export function unixNsOf(timelineMs: number): bigint {
  const origin = performance.timeOrigin;
  const originWholeMs = Math.trunc(origin);
  const restNs = Math.round((origin - originWholeMs + timelineMs) * 1e6);
  return BigInt(originWholeMs) * 1_000_000n + BigInt(restNs);
}
