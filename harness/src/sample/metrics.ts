// The processor's own view of its runtime, from GET /metrics (processors/README.md): heap, GC
// count and the most recent pauses with wall-clock end times. Polled once a second; pauses are
// de-duplicated by end time, so each is kept once however many polls see it.
import { z } from 'zod';

export const MetricsResponse = z.object({
  impl: z.string(),
  runtime: z.string().optional(),
  heap_bytes: z.number().nullable().optional(),
  gc: z.object({
    collector: z.boolean(),
    count: z.number(),
    pause_total_ns: z.number(),
    pauses: z.array(z.object({ end_unix_ns: z.number(), duration_ns: z.number(), kind: z.string().optional() })),
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
