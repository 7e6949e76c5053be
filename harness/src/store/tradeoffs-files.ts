// The trade-offs runs on disk (tradeoffs/<id>/tradeoffs.json, see results/layout.ts): written
// once at the end of `harness tradeoffs`, read back validated by report, the HTML report and the
// dashboard API. A reference is "latest", an id, a run folder or the JSON file itself.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TRADEOFFS_FILE } from '../results/layout.ts';
import { TradeoffsResult } from '../results/tradeoffs-schema.ts';
import { idsWith, readJsonFile, resolveIdFolder, type IdFolderKind, type Resolved } from './id-folders.ts';

export async function writeTradeoffsFile(dir: string, result: TradeoffsResult): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, TRADEOFFS_FILE);
  await writeFile(file, `${JSON.stringify(TradeoffsResult.parse(result), null, 2)}\n`);
  return file;
}

const TRADEOFFS: IdFolderKind<TradeoffsResult> = { fileName: TRADEOFFS_FILE, noun: 'trade-offs run', command: 'harness tradeoffs', read: (file) => readTradeoffsFile(file) };

/** Throws JsonFileError naming the file and every problem. */
export function readTradeoffsFile(file: string): Promise<TradeoffsResult> {
  return readJsonFile(file, TradeoffsResult);
}

/** Ids of the trade-offs runs under the root, oldest first (ids sort by time). */
export function tradeoffsIds(root: string): Promise<string[]> {
  return idsWith(root, TRADEOFFS_FILE);
}

export type ResolvedTradeoffs = Resolved<TradeoffsResult>;

/** "latest", an id under the root, a run folder, or a tradeoffs.json path. */
export function resolveTradeoffs(ref: string, root: string): Promise<ResolvedTradeoffs> {
  return resolveIdFolder(ref, root, TRADEOFFS);
}
