// Differential testing: the same seeded requests, in the same order, to every processor, and
// their answers compared with each other. Then the final state (stats and every key of the
// pool) is compared the same way. Agreement is required, not merely plausibility: a
// disagreement is a bug in at least one implementation.
import { Prng, generateEventBatch, generateFastq, generateKeyPaths, eventKeys, FASTQ_REJECT_REASONS } from '../workload/index.ts';
import { HttpClient, type HttpRequest } from './http-client.ts';
import { crossCompare, type CrossResult, type Outcome } from './cross-compare.ts';

/** How the differential workload is shaped; fixed so a seed always means the same requests. */
export const DIFFERENTIAL_KEYS = 300;

export interface LabelledRequest extends HttpRequest {
  label: string;
}

export function differentialRequests(seed: number | string, batches: number): LabelledRequest[] {
  const rng = new Prng(seed);
  const requests: LabelledRequest[] = [];
  const json = { 'content-type': 'application/json' };
  for (let i = 0; i < batches; i += 1) {
    const body = generateEventBatch(rng, { events: rng.between(1, 150), keys: DIFFERENTIAL_KEYS, invalidShare: 0.15, duplicateFieldShare: 0.02 });
    requests.push({ label: `event batch ${i + 1}`, method: 'POST', path: '/v1/events', headers: json, body });
    if (i % 10 === 9) {
      const corrupt = rng.chance(0.3) ? rng.pick(FASTQ_REJECT_REASONS) : undefined;
      const fastq = generateFastq(rng, {
        reads: rng.between(1, 40),
        length: rng.between(11, 150),
        lineEnding: rng.chance(0.2) ? '\r\n' : '\n',
        ...(corrupt ? { corrupt } : {}),
      });
      requests.push({ label: `FASTQ body ${(i + 1) / 10}${corrupt ? ` (broken: ${corrupt})` : ''}`, method: 'POST', path: '/v1/reads', headers: { 'content-type': 'text/plain' }, body: fastq.body });
    }
    if (i % 5 === 4) {
      for (const path of generateKeyPaths(rng, { count: 3, keys: DIFFERENTIAL_KEYS })) requests.push({ label: 'key lookup', method: 'GET', path });
    }
  }
  return requests;
}

export interface Disagreement extends CrossResult {
  /** 1-based position in the request sequence. */
  index: number;
  label: string;
  request: { method: string; path: string; body_bytes: number; body_preview: string };
}

export interface CrossRunResult {
  requests: number;
  disagreement_count: number;
  /** The first disagreements, in order (capped: one bug usually repeats many times). */
  disagreements: Disagreement[];
  /** How many requests each processor answered against the majority. */
  odd_counts: Record<string, number>;
}

const KEEP_DISAGREEMENTS = 10;

async function sendToAll(clients: ReadonlyMap<string, HttpClient>, request: HttpRequest): Promise<Map<string, Outcome>> {
  const entries = await Promise.all(
    [...clients].map(async ([name, client]): Promise<[string, Outcome]> => {
      try {
        return [name, { ok: true, response: await client.send(request) }];
      } catch (err) {
        return [name, { ok: false, error: (err as Error).message }];
      }
    }),
  );
  return new Map(entries);
}

async function runAll(targets: ReadonlyArray<{ name: string; baseUrl: string }>, requests: readonly LabelledRequest[]): Promise<CrossRunResult> {
  const clients = new Map(targets.map((t) => [t.name, new HttpClient(t.baseUrl)] as const));
  const result: CrossRunResult = { requests: 0, disagreement_count: 0, disagreements: [], odd_counts: Object.fromEntries(targets.map((t) => [t.name, 0])) };
  try {
    for (const [i, request] of requests.entries()) {
      result.requests += 1;
      const cross = crossCompare(await sendToAll(clients, request));
      if (cross.agree) continue;
      result.disagreement_count += 1;
      for (const name of cross.odd) result.odd_counts[name] = (result.odd_counts[name] ?? 0) + 1;
      if (result.disagreements.length < KEEP_DISAGREEMENTS) {
        const body = request.body ?? Buffer.alloc(0);
        result.disagreements.push({
          index: i + 1,
          label: request.label,
          request: { method: request.method, path: request.path, body_bytes: body.length, body_preview: body.subarray(0, 400).toString('utf8') },
          ...cross,
        });
      }
    }
  } finally {
    for (const client of clients.values()) client.close();
  }
  return result;
}

export async function runDifferential(targets: ReadonlyArray<{ name: string; baseUrl: string }>, seed: number | string, batches: number): Promise<CrossRunResult> {
  return runAll(targets, [{ label: 'reset', method: 'POST', path: '/v1/reset' }, ...differentialRequests(seed, batches)]);
}

/** The state after the differential run: global stats and every key of the pool. */
export async function runStateComparison(targets: ReadonlyArray<{ name: string; baseUrl: string }>): Promise<CrossRunResult> {
  const requests: LabelledRequest[] = [
    { label: 'final stats', method: 'GET', path: '/v1/stats' },
    ...eventKeys(DIFFERENTIAL_KEYS).map((key) => ({ label: `final state of ${key}`, method: 'GET', path: `/v1/keys/${key}` })),
  ];
  return runAll(targets, requests);
}
