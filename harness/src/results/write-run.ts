// Writes a run folder atomically file by file (write to a temp name, then rename), so a reader
// or a crash never sees half a file.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { capacityFile, measurementFile, RUN_FILE } from './layout.ts';
import type { Capacity, Measurement, RunManifest, RunRecord } from './schema.ts';

async function writeAtomic(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(value, null, 1)}\n`);
  await rename(tmp, file);
}

/** For an exit that cannot wait for the event loop (see Sink.stopNow). */
export function writeAtomicSync(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 1)}\n`);
  renameSync(tmp, file);
}

export const writeManifest = (dir: string, m: RunManifest) => writeAtomic(path.join(dir, RUN_FILE), m);
export const writeMeasurement = (dir: string, m: Measurement) =>
  writeAtomic(path.join(dir, measurementFile(m.scenario, m.processor, m.repetition)), m);
export const writeCapacity = (dir: string, c: Capacity) => writeAtomic(path.join(dir, capacityFile(c.scenario, c.processor)), c);

export const measurementPath = (dir: string, m: Measurement) => path.join(dir, measurementFile(m.scenario, m.processor, m.repetition));
export const capacityPath = (dir: string, c: Capacity) => path.join(dir, capacityFile(c.scenario, c.processor));
export const manifestPath = (dir: string) => path.join(dir, RUN_FILE);

export async function writeRunDir(dir: string, run: RunRecord): Promise<void> {
  for (const m of run.measurements) await writeMeasurement(dir, m);
  for (const c of run.capacity) await writeCapacity(dir, c);
  await writeManifest(dir, run.manifest);
}
