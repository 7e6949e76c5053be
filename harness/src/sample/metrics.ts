// The processor's own view of its runtime, from GET /metrics (processors/README.md): heap, GC
// count, the most recent pauses with wall-clock end times and the most recent GC cycles. Polled
// once a second; pauses are de-duplicated by end time (PauseLog) and cycles by start
// (CycleLog, cycle-log.ts), so each is kept once however many polls see it.
//
// Lenient where the spec grew: a processor built before gc.cycles existed still samples (its
// cycles are then unknown, not absent). Unix nanoseconds arrive as doubles, rounded to 256 ns.
import { z } from 'zod';

const MetricsPhase = z.object({ name: z.string(), stw: z.boolean(), start_unix_ns: z.number(), end_unix_ns: z.number() });

export const MetricsCycle = z.object({
  start_unix_ns: z.number(),
  end_unix_ns: z.number(),
  kind: z.string(),
  stw_ns: z.number().optional(),
  cpu_ns: z.number().nullable().optional(),
  phases: z.array(MetricsPhase).optional(),
});
export type MetricsCycle = z.infer<typeof MetricsCycle>;

export const MetricsResponse = z.object({
  impl: z.string(),
  runtime: z.string().optional(),
  heap_bytes: z.number().nullable().optional(),
  gc: z.object({
    collector: z.boolean(),
    count: z.number(),
    pause_total_ns: z.number(),
    pauses: z.array(z.object({ end_unix_ns: z.number(), duration_ns: z.number(), kind: z.string().optional() })),
    cycles: z.array(MetricsCycle).optional(),
    cycles_until_unix_ns: z.number().nullable().optional(),
    cycle_in_progress: z.object({ start_unix_ns: z.number(), kind: z.string() }).nullable().optional(),
  }),
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type MetricsResponse = z.infer<typeof MetricsResponse>;

export interface ObservedPause {
  end_unix_ns: number;
  duration_ns: number;
  kind: string;
}

export async function fetchMetrics(baseUrl: string, timeoutMs = 2000): Promise<MetricsResponse | undefined> {
  try {
    const res = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return undefined;
    const parsed = MetricsResponse.safeParse(await res.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Accumulates pauses across polls. */
export class PauseLog {
  private readonly seen = new Map<string, ObservedPause>();

  add(m: MetricsResponse): void {
    for (const p of m.gc.pauses) {
      const key = `${p.end_unix_ns}:${p.duration_ns}`;
      if (!this.seen.has(key)) this.seen.set(key, { end_unix_ns: p.end_unix_ns, duration_ns: p.duration_ns, kind: p.kind ?? 'gc' });
    }
  }

  all(): ObservedPause[] {
    return [...this.seen.values()].sort((a, b) => a.end_unix_ns - b.end_unix_ns);
  }
}
