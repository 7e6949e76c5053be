// Sweeps on disk (sweeps/<id>/sweep.json, see results/layout.ts): rewritten after every step, so
// an interrupted sweep keeps what it measured; read back validated by report, claims, compare,
// push and the dashboard. A reference is "latest", an id, a sweep folder or the JSON file itself.
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RUN_ID_PATTERN, SWEEP_FILE, sweepDir } from '../results/layout.ts';
import type { Measurement } from '../results/schema.ts';
import { SweepResult } from '../results/sweep-schema.ts';

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

/** A sweep file that does not parse or does not match the schema: every problem, one line each. */
export class SweepFileError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'SweepFileError';
  }
}

export async function readSweepFile(file: string): Promise<SweepResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new SweepFileError(file, [err instanceof SyntaxError ? `not valid JSON (${err.message})` : `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);
  }
  const parsed = SweepResult.safeParse(raw);
  if (!parsed.success) throw new SweepFileError(file, parsed.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  return parsed.data;
}

/** Ids of the sweeps under the root, oldest first (ids sort by time). */
export async function sweepIds(root: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return [];
  }
  const ids = entries.filter((e) => e.isDirectory() && RUN_ID_PATTERN.test(e.name)).map((e) => e.name);
  const present = await Promise.all(ids.map((id) => stat(path.join(root, id, SWEEP_FILE)).then(() => true, () => false)));
  return ids.filter((_, i) => present[i]).sort();
}

export type ResolvedSweep = { ok: true; result: SweepResult; file: string } | { ok: false; problem: string; missing: boolean };

/** "latest", an id under the root, a sweep folder, or a sweep.json path. */
export async function resolveSweep(ref: string, root: string): Promise<ResolvedSweep> {
  const spec = ref.trim();
  let file: string;
  if (spec === 'latest') {
    const id = (await sweepIds(root)).at(-1);
    if (id === undefined) return { ok: false, problem: `no sweep in ${root} yet (run \`harness sweep\` first)`, missing: true };
    file = path.join(sweepDir(root, id), SWEEP_FILE);
  } else if (spec.includes('/') || spec.startsWith('.')) {
    const isDir = await stat(spec).then((s) => s.isDirectory(), () => undefined);
    if (isDir === undefined) return { ok: false, problem: `${spec} does not exist`, missing: true };
    file = isDir ? path.join(spec, SWEEP_FILE) : spec;
  } else if (RUN_ID_PATTERN.test(spec)) {
    file = path.join(sweepDir(root, spec), SWEEP_FILE);
    if (!(await stat(file).then(() => true, () => false))) return { ok: false, problem: `no sweep "${spec}" in ${root}`, missing: true };
  } else {
    return { ok: false, problem: `"${spec}" is not a sweep id, folder, file or "latest"`, missing: false };
  }
  try {
    return { ok: true, result: await readSweepFile(file), file };
  } catch (err) {
    if (err instanceof SweepFileError) return { ok: false, problem: err.message, missing: false };
    throw err;
  }
}
