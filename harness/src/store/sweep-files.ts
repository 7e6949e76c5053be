// Sweeps on disk (sweeps/<id>/sweep.json, see results/layout.ts): rewritten after every step, so
// an interrupted sweep keeps what it measured; read back validated by report, claims, compare,
// push and the dashboard. A reference is "latest", an id, a sweep folder or the JSON file itself.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SWEEP_FILE } from '../results/layout.ts';
import type { Measurement } from '../results/schema.ts';
import { SweepResult } from '../results/sweep-schema.ts';
import { idsWith, readJsonFile, resolveIdFolder, type IdFolderKind, type Resolved } from './id-folders.ts';

/** Written to a temporary file first: a reader never sees half a sweep. */
async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

export async function writeSweepFile(dir: string, result: SweepResult): Promise<string> {
  const file = path.join(dir, SWEEP_FILE);
  await writeAtomically(file, `${JSON.stringify(SweepResult.parse(result), null, 2)}\n`);
  return file;
}

/** One step's full measurement, at `relative` inside the sweep folder. */
export async function writeSweepMeasurement(dir: string, relative: string, m: Measurement): Promise<void> {
  await writeAtomically(path.join(dir, relative), `${JSON.stringify(m)}\n`);
}

const SWEEPS: IdFolderKind<SweepResult> = { fileName: SWEEP_FILE, noun: 'sweep', command: 'harness sweep', read: (file) => readSweepFile(file) };

/** Throws JsonFileError naming the file and every problem. */
export function readSweepFile(file: string): Promise<SweepResult> {
  return readJsonFile(file, SweepResult);
}

/** Ids of the sweeps under the root, oldest first (ids sort by time). */
export function sweepIds(root: string): Promise<string[]> {
  return idsWith(root, SWEEP_FILE);
}

export type ResolvedSweep = Resolved<SweepResult>;

/** "latest", an id under the root, a sweep folder, or a sweep.json path. */
export function resolveSweep(ref: string, root: string): Promise<ResolvedSweep> {
  return resolveIdFolder(ref, root, SWEEPS);
}
