// Puts a processor into a scenario's starting state before load (e.g. a million keys), with a
// few requests in flight so it is quick, and checks every event was accepted: a processor that
// silently dropped part of the preload would be measured on a smaller heap.
import { preloadBodies } from '../plan/requests.ts';
import type { ScenarioSpec } from '../plan/index.ts';

const WORKERS = 4;

export async function preload(baseUrl: string, spec: ScenarioSpec, signal: AbortSignal): Promise<number> {
  if (!spec.preload) return 0;
  const bodies = preloadBodies(spec);
  let accepted = 0;
  // Workers pull from one generator, so bodies are produced only as fast as they are sent.
  const worker = async () => {
    for (let next = bodies.next(); !next.done; next = bodies.next()) {
      if (signal.aborted) throw new Error('interrupted during preload');
      const res = await fetch(`${baseUrl}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // Node's Buffers sit on plain ArrayBuffers; the cast only satisfies the DOM typing that the
        // dashboard's type check applies when it reaches this file.
        body: next.value as Uint8Array<ArrayBuffer>,
        signal,
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`preload batch answered ${res.status}: ${text.slice(0, 200)}`);
      const parsed = JSON.parse(text) as { accepted: number; rejected: number };
      if (parsed.rejected !== 0) throw new Error(`preload batch had ${parsed.rejected} events rejected (every preload event is valid)`);
      accepted += parsed.accepted;
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  const expected = spec.preload.keys * spec.preload.events_per_key;
  if (accepted !== expected) throw new Error(`preload accepted ${accepted} of ${expected} events`);
  return accepted;
}
