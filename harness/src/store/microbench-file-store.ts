// The file store of micro-benchmark results: <root>/<id>/result.json (root: microbench/ in the
// repository, beside results/), plus the logs of the programs that produced it in <id>/logs/.
// A folder without result.json (every benchmark failed) keeps its logs and is not a result.
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MICROBENCH_RESULT_FILE, microbenchDir, RUN_ID_PATTERN } from '../results/layout.ts';
import { MicrobenchResult, type StoredMicrobench } from '../results/microbench-schema.ts';
import { DEFAULT_MICROBENCH_LIMIT, newestMicrobenchFirst, summarizeMicrobench, type MicrobenchReader, type MicrobenchSummary } from './microbench-types.ts';

export const DEFAULT_MICROBENCH_ROOT = fileURLToPath(new URL('../../../microbench', import.meta.url));

/** `--microbench-dir` wins, then HARNESS_MICROBENCH_DIR, then microbench/ in the repository. */
export function microbenchRootFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? (env.HARNESS_MICROBENCH_DIR?.trim() || DEFAULT_MICROBENCH_ROOT);
}

/** A result file that is not one, named with the file and the first problem. */
export class MicrobenchFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MicrobenchFileError';
  }
}

export function parseStoredMicrobench(text: string, file: string, id: string): StoredMicrobench {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new MicrobenchFileError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = MicrobenchResult.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MicrobenchFileError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  if (parsed.data.id !== id) throw new MicrobenchFileError(`${file}: id "${parsed.data.id ?? ''}" is not its folder's name "${id}"`);
  return { ...parsed.data, id };
}

interface Cached {
  key: string;
  result: StoredMicrobench;
}

export class MicrobenchFileStore implements MicrobenchReader {
  readonly name = 'file';
  private readonly cache = new Map<string, Cached>();

  constructor(readonly root: string) {}

  fileOf(id: string): string {
    return path.join(microbenchDir(this.root, id), MICROBENCH_RESULT_FILE);
  }

  /** Writes the result atomically (temp name, then rename); returns the file. */
  async write(result: StoredMicrobench): Promise<string> {
    if (!RUN_ID_PATTERN.test(result.id)) throw new MicrobenchFileError(`"${result.id}" is not a valid result id`);
    const file = this.fileOf(result.id);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(MicrobenchResult.parse(result), null, 1)}\n`);
    await rename(tmp, file);
    return file;
  }

  /** Ids of the folders holding a result.json, in name order. */
  async ids(): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(this.root, { withFileTypes: true });
    } catch {
      return [];
    }
    const candidates = entries.filter((e) => e.isDirectory() && RUN_ID_PATTERN.test(e.name)).map((e) => e.name);
    const has = await Promise.all(candidates.map((id) => stat(this.fileOf(id)).then(() => true, () => false)));
    return candidates.filter((_, i) => has[i]).sort();
  }

  /** Reads and validates one result; throws MicrobenchFileError for a broken file, undefined when absent. */
  async read(id: string): Promise<StoredMicrobench | undefined> {
    if (!RUN_ID_PATTERN.test(id)) return undefined;
    const file = this.fileOf(id);
    let st;
    try {
      st = await stat(file);
    } catch {
      return undefined;
    }
    const key = `${st.mtimeMs}:${st.size}`;
    const hit = this.cache.get(id);
    if (hit?.key === key) return hit.result;
    const result = parseStoredMicrobench(await readFile(file, 'utf8'), file, id);
    this.cache.set(id, { key, result });
    return result;
  }

  /** A broken file is left out of the list (the dashboard lists what it can show); getMicrobench reports it. */
  async listMicrobench(limit = DEFAULT_MICROBENCH_LIMIT): Promise<MicrobenchSummary[]> {
    const results = await Promise.all((await this.ids()).map((id) => this.read(id).catch(() => undefined)));
    return results
      .filter((r): r is StoredMicrobench => r !== undefined)
      .map(summarizeMicrobench)
      .sort(newestMicrobenchFirst)
      .slice(0, limit);
  }

  getMicrobench(id: string): Promise<StoredMicrobench | undefined> {
    return this.read(id);
  }

  async close(): Promise<void> {
    this.cache.clear();
  }
}
