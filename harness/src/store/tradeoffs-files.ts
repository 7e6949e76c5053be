// The trade-offs runs on disk (tradeoffs/<id>/tradeoffs.json, see results/layout.ts): written
// once at the end of `harness tradeoffs`, read back validated by report, the HTML report and the
// dashboard API. A reference is "latest", an id, a run folder or the JSON file itself.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RUN_ID_PATTERN, TRADEOFFS_FILE, tradeoffsDir } from '../results/layout.ts';
import { TradeoffsResult } from '../results/tradeoffs-schema.ts';

export async function writeTradeoffsFile(dir: string, result: TradeoffsResult): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, TRADEOFFS_FILE);
  await writeFile(file, `${JSON.stringify(TradeoffsResult.parse(result), null, 2)}\n`);
  return file;
}

/** A trade-offs file that does not parse or does not match the schema: every problem, one line each. */
export class TradeoffsFileError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'TradeoffsFileError';
  }
}

export async function readTradeoffsFile(file: string): Promise<TradeoffsResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new TradeoffsFileError(file, [err instanceof SyntaxError ? `not valid JSON (${err.message})` : `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);
  }
  const parsed = TradeoffsResult.safeParse(raw);
  if (!parsed.success) throw new TradeoffsFileError(file, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  return parsed.data;
}

/** Ids of the trade-offs runs under the root, oldest first (ids sort by time). */
export async function tradeoffsIds(root: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return [];
  }
  const ids = entries.filter((e) => e.isDirectory() && RUN_ID_PATTERN.test(e.name)).map((e) => e.name);
  const present = await Promise.all(ids.map((id) => stat(path.join(root, id, TRADEOFFS_FILE)).then(() => true, () => false)));
  return ids.filter((_, i) => present[i]).sort();
}

export type ResolvedTradeoffs = { ok: true; result: TradeoffsResult; file: string } | { ok: false; problem: string };

/** "latest", an id under the root, a run folder, or a tradeoffs.json path. */
export async function resolveTradeoffs(ref: string, root: string): Promise<ResolvedTradeoffs> {
  const spec = ref.trim();
  let file: string;
  if (spec === 'latest') {
    const id = (await tradeoffsIds(root)).at(-1);
    if (id === undefined) return { ok: false, problem: `no trade-offs run in ${root} yet (run \`harness tradeoffs\` first)` };
    file = path.join(tradeoffsDir(root, id), TRADEOFFS_FILE);
  } else if (spec.includes('/') || spec.startsWith('.')) {
    const isDir = await stat(spec).then((s) => s.isDirectory(), () => undefined);
    if (isDir === undefined) return { ok: false, problem: `${spec} does not exist` };
    file = isDir ? path.join(spec, TRADEOFFS_FILE) : spec;
  } else if (RUN_ID_PATTERN.test(spec)) {
    file = path.join(tradeoffsDir(root, spec), TRADEOFFS_FILE);
    if (!(await stat(file).then(() => true, () => false))) return { ok: false, problem: `no trade-offs run "${spec}" in ${root}` };
  } else {
    return { ok: false, problem: `"${spec}" is not a trade-offs run id, folder, file or "latest"` };
  }
  try {
    return { ok: true, result: await readTradeoffsFile(file), file };
  } catch (err) {
    if (err instanceof TradeoffsFileError) return { ok: false, problem: err.message };
    throw err;
  }
}
