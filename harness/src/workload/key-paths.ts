// Paths for GET /v1/keys/{key}: mostly keys from the event pool (some of which may never have
// been written, which is a 404 too), some that no event ever uses.
import type { Prng } from './prng.ts';
import { eventKey } from './events.ts';

export interface KeyPathOptions {
  count: number;
  /** Size of the event key pool (see EventBatchOptions.keys). */
  keys: number;
  /** Share of paths naming a key outside the pool (default 0.1). */
  unknownShare?: number;
  keyPrefix?: string;
}

export function generateKeyPaths(rng: Prng, options: KeyPathOptions): string[] {
  const unknownShare = options.unknownShare ?? 0.1;
  return Array.from({ length: options.count }, () =>
    rng.chance(unknownShare) ? `/v1/keys/never-seen-${rng.int(1_000_000)}` : `/v1/keys/${eventKey(rng.int(options.keys), options.keyPrefix)}`,
  );
}
