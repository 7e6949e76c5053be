// The layout sweeps and trade-offs runs share: <root>/<id>/<file>, one validated JSON file per id
// folder, ids sorting by time. What each kind names differently (its file, its noun, the command
// that makes one) is passed in, so "latest", an id, a folder and a file path resolve the same way
// for both, with the same one-line problems.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { RUN_ID_PATTERN } from '../results/layout.ts';

/** A result file that does not parse or does not match its schema: every problem, one line each. */
export class JsonFileError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'JsonFileError';
  }
}

/** Reads and validates one file; at most `maxProblems` schema problems are listed. */
export async function readJsonFile<S extends z.ZodType>(file: string, schema: S, maxProblems = 20): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new JsonFileError(file, [err instanceof SyntaxError ? `not valid JSON (${err.message})` : `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new JsonFileError(file, parsed.error.issues.slice(0, maxProblems).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  return parsed.data;
}

const exists = (file: string) => stat(file).then(() => true, () => false);

/** Ids of the folders under the root that hold `fileName`, oldest first. */
export async function idsWith(root: string, fileName: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return [];
  }
  const ids = entries.filter((e) => e.isDirectory() && RUN_ID_PATTERN.test(e.name)).map((e) => e.name);
  const present = await Promise.all(ids.map((id) => exists(path.join(root, id, fileName))));
  return ids.filter((_, i) => present[i]).sort();
}

export interface IdFolderKind<T> {
  fileName: string;
  /** "sweep", "trade-offs run". */
  noun: string;
  /** The command that makes one, named when there is none yet. */
  command: string;
  read(file: string): Promise<T>;
}

export type Resolved<T> = { ok: true; result: T; file: string } | { ok: false; problem: string; missing: boolean };

/** "latest", an id under the root, a folder, or the file itself. */
export async function resolveIdFolder<T>(ref: string, root: string, kind: IdFolderKind<T>): Promise<Resolved<T>> {
  const spec = ref.trim();
  let file: string;
  if (spec === 'latest') {
    const id = (await idsWith(root, kind.fileName)).at(-1);
    if (id === undefined) return { ok: false, problem: `no ${kind.noun} in ${root} yet (run \`${kind.command}\` first)`, missing: true };
    file = path.join(root, id, kind.fileName);
  } else if (spec.includes('/') || spec.startsWith('.')) {
    const isDir = await stat(spec).then((s) => s.isDirectory(), () => undefined);
    if (isDir === undefined) return { ok: false, problem: `${spec} does not exist`, missing: true };
    file = isDir ? path.join(spec, kind.fileName) : spec;
  } else if (RUN_ID_PATTERN.test(spec)) {
    file = path.join(root, spec, kind.fileName);
    if (!(await exists(file))) return { ok: false, problem: `no ${kind.noun} "${spec}" in ${root}`, missing: true };
  } else {
    return { ok: false, problem: `"${spec}" is not a ${kind.noun} id, folder, file or "latest"`, missing: false };
  }
  try {
    return { ok: true, result: await kind.read(file), file };
  } catch (err) {
    if (err instanceof JsonFileError) return { ok: false, problem: err.message, missing: false };
    throw err;
  }
}
