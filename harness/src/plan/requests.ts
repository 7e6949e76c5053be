// The bytes of a scenario, generated from its seed before the run: the request pool the driver
// cycles through and the preload batches. Every processor receives exactly these bytes, in the
// same order.
import { eventKey, generateCountedEventBatch, generateFastq, generateKeyPaths, Prng } from '../workload/index.ts';
import type { ScenarioSpec } from './scenario.ts';

/** Labels copied into each driver record, so results can be split by request kind. */
export const REQUEST_KINDS = { events: 1, key_read: 2, reads: 3 } as const;
export type RequestKindName = keyof typeof REQUEST_KINDS;

export interface PoolRequest {
  method: 'GET' | 'POST';
  path: string;
  content_type?: string;
  body: Buffer;
  kind: (typeof REQUEST_KINDS)[RequestKindName];
  /** Events carried (sent, valid or not); 0 for reads and key lookups. */
  events: number;
  /** Events the spec accepts: what /v1/stats `events` must grow by when this request gets a 2xx. */
  accepted_events: number;
  /** FASTQ reads carried: what /v1/stats `reads` must grow by on a 2xx. */
  reads: number;
}

function eventsRequest(rng: Prng, keys: number, events: number, invalidShare: number): PoolRequest {
  const batch = generateCountedEventBatch(rng, { events, keys, invalidShare });
  return {
    method: 'POST',
    path: '/v1/events',
    content_type: 'application/json',
    body: batch.body,
    kind: REQUEST_KINDS.events,
    events,
    accepted_events: batch.accepted,
    reads: 0,
  };
}

export function requestPool(spec: ScenarioSpec): PoolRequest[] {
  const rng = new Prng(spec.seed);
  const w = spec.workload;
  switch (w.kind) {
    case 'events':
      return Array.from({ length: w.pool_size }, () => eventsRequest(rng, w.keys, w.events_per_request, w.invalid_share));
    case 'reads':
      return Array.from({ length: w.pool_size }, () => ({
        method: 'POST' as const,
        path: '/v1/reads',
        content_type: 'text/plain',
        body: generateFastq(rng, { reads: w.reads_per_request, length: w.read_length }).body,
        kind: REQUEST_KINDS.reads,
        events: 0,
        accepted_events: 0,
        reads: w.reads_per_request,
      }));
    case 'mixed':
      return Array.from({ length: w.pool_size }, () => {
        if (!rng.chance(w.read_share)) return eventsRequest(rng, w.keys, w.events_per_request, w.invalid_share);
        const [path] = generateKeyPaths(rng, { count: 1, keys: w.keys, unknownShare: 0 });
        return { method: 'GET' as const, path: path!, body: Buffer.alloc(0), kind: REQUEST_KINDS.key_read, events: 0, accepted_events: 0, reads: 0 };
      });
  }
}

/** Mean events per request over the pool (what turns req/s into events/s). */
export function meanEventsPerRequest(pool: readonly PoolRequest[]): number {
  return pool.length === 0 ? 0 : pool.reduce((s, r) => s + r.events, 0) / pool.length;
}

/**
 * Preload batches: every key in order, `events_per_key` valid events each, so the state before
 * the measurement is the same in every processor. Yields one body at a time (1M keys would
 * otherwise hold ~80 MB of bodies at once).
 */
export function* preloadBodies(spec: ScenarioSpec): Generator<Buffer> {
  const p = spec.preload;
  if (!p) return;
  const total = p.keys * p.events_per_key;
  let parts: string[] = [];
  for (let i = 0; i < total; i++) {
    const key = eventKey(i % p.keys);
    const n = Math.floor(i / p.keys);
    parts.push(`{"key":"${key}","ts":${1764000000000 + i},"value":${(i % 997) / 10 + n},"kind":"reading"}`);
    if (parts.length === p.events_per_request) {
      yield Buffer.from(`[${parts.join(',')}]`);
      parts = [];
    }
  }
  if (parts.length > 0) yield Buffer.from(`[${parts.join(',')}]`);
}
