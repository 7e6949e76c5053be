// The processor's own counters (GET /v1/stats), read before and after the load so the record stage
// can check that it kept everything it acknowledged (record/conservation.ts).
import { z } from 'zod';

/** The counters that must grow by exactly what the processor acknowledged. */
export interface StatsCounters {
  events: number;
  reads: number;
}

const StatsResponse = z.object({ keys: z.number(), events: z.number(), reads: z.number() });

/** Undefined when the processor does not answer or answers something else: the check is then skipped, and the measurement says so. */
export async function fetchStats(baseUrl: string, timeoutMs = 5000): Promise<StatsCounters | undefined> {
  try {
    const res = await fetch(`${baseUrl}/v1/stats`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return undefined;
    const parsed = StatsResponse.safeParse(await res.json());
    return parsed.success ? { events: parsed.data.events, reads: parsed.data.reads } : undefined;
  } catch {
    return undefined;
  }
}
