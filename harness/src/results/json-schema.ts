// The JSON Schema of every persisted file, generated from the zod schemas (the one source of
// truth) and committed under harness/schema/v<version>/ so tools in other languages can validate
// results without this code. `harness schema --write` regenerates; a test fails when the
// committed files are stale.
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { MicrobenchResult, MicrobenchSamplesFile } from './microbench-schema.ts';
import { Capacity, Measurement, RESULT_SCHEMA_VERSION, RunManifest } from './schema.ts';
import { SweepResult } from './sweep-schema.ts';
import { TradeoffsResult } from './tradeoffs-schema.ts';

export const SCHEMA_DIR = fileURLToPath(new URL(`../../schema/v${RESULT_SCHEMA_VERSION}/`, import.meta.url));

export const PERSISTED = {
  run: RunManifest,
  measurement: Measurement,
  capacity: Capacity,
  'microbench-result': MicrobenchResult,
  'microbench-samples': MicrobenchSamplesFile,
  tradeoffs: TradeoffsResult,
  sweep: SweepResult,
} as const;
export type PersistedKind = keyof typeof PERSISTED;

export function jsonSchemaOf(kind: PersistedKind): Record<string, unknown> {
  return {
    ...z.toJSONSchema(PERSISTED[kind], { io: 'output', unrepresentable: 'any' }),
    $id: `https://latency-harness.local/schema/v${RESULT_SCHEMA_VERSION}/${kind}.schema.json`,
    title: `latency-harness ${kind} (schema v${RESULT_SCHEMA_VERSION})`,
  };
}

export function schemaFileText(kind: PersistedKind): string {
  return `${JSON.stringify(jsonSchemaOf(kind), null, 2)}\n`;
}

export async function writeJsonSchemas(dir = SCHEMA_DIR): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const kind of Object.keys(PERSISTED) as PersistedKind[]) {
    const file = path.join(dir, `${kind}.schema.json`);
    await writeFile(file, schemaFileText(kind));
    written.push(file);
  }
  return written;
}
