// The request pool the driver cycles through (request i uses entry i mod n), written as JSONL.
import { writeFile } from 'node:fs/promises';

export interface PoolRequest {
  method: string;
  /** Path with optional query, starting with '/'. */
  path: string;
  content_type?: string;
  body?: Uint8Array | string;
  /** Small label id (0–255) copied into each record, e.g. to split latency by route. */
  kind?: number;
}

export function poolToJsonl(pool: readonly PoolRequest[]): string {
  if (pool.length === 0) throw new Error('the request pool is empty');
  return pool
    .map((r) => {
      const kind = r.kind ?? 0;
      if (!Number.isInteger(kind) || kind < 0 || kind > 255) throw new Error(`pool kind ${kind} is not an integer 0..255`);
      const body = r.body === undefined ? undefined : Buffer.from(r.body).toString('base64');
      return JSON.stringify({ method: r.method, path: r.path, content_type: r.content_type, body_base64: body, kind });
    })
    .join('\n') + '\n';
}

export async function writePoolFile(pool: readonly PoolRequest[], path: string): Promise<void> {
  await writeFile(path, poolToJsonl(pool));
}
