// Reads a run folder back, validating every file against the schema. A file that fails names
// itself and the field, so a user can see what is wrong.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { CAPACITY_DIR, MEASUREMENTS_DIR, RUN_FILE } from './layout.ts';
import { effectiveStatus } from './liveness.ts';
import { Capacity, Measurement, RunManifest, type RunRecord } from './schema.ts';

export class ResultFileError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'ResultFileError';
  }
}

async function readJson<T>(file: string, schema: z.ZodType<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ResultFileError(file, [err instanceof SyntaxError ? `not valid JSON (${err.message})` : String(err)]);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ResultFileError(
      file,
      parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

async function listJson(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

/** Reads and validates `dir` (a run folder). Throws ResultFileError naming the bad file and field. */
export async function readRunDir(dir: string): Promise<RunRecord> {
  const manifest = await readJson(path.join(dir, RUN_FILE), RunManifest);
  const measurements: Measurement[] = [];
  for (const f of await listJson(path.join(dir, MEASUREMENTS_DIR))) measurements.push(await readJson(f, Measurement));
  const capacity: Capacity[] = [];
  for (const f of await listJson(path.join(dir, CAPACITY_DIR))) capacity.push(await readJson(f, Capacity));
  return { manifest: { ...manifest, status: effectiveStatus(manifest) }, measurements, capacity };
}
