// Where report and the dashboard read trade-offs runs from: the tradeoffs/ folder, or ClickHouse
// when that is the configured store. A reference is "latest" or an id; the file source also takes
// a folder or a tradeoffs.json path.
import { DEFAULT_TRADEOFFS_ROOT } from '../results/layout.ts';
import type { TradeoffsResult } from '../results/tradeoffs-schema.ts';
import type { StoreConfig } from './config.ts';
import { resolveTradeoffs } from './tradeoffs-files.ts';

/** undefined when there is no such run (or none at all for "latest"); throws for a broken one. */
export type TradeoffsSource = (ref: string) => Promise<TradeoffsResult | undefined>;

export class TradeoffsReadError extends Error {}

export function fileTradeoffsSource(root: string): TradeoffsSource {
  return async (ref) => {
    const found = await resolveTradeoffs(ref, root);
    if (found.ok) return found.result;
    // "no run" is an answer; a file that does not parse is a problem to show.
    if (/^no trade-offs run|does not exist/.test(found.problem)) return undefined;
    throw new TradeoffsReadError(found.problem);
  };
}

export function defaultTradeoffsRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.HARNESS_TRADEOFFS_DIR || DEFAULT_TRADEOFFS_ROOT;
}

/** The source for the configured store; close it when done. */
export async function openTradeoffsSource(config: StoreConfig, root = defaultTradeoffsRoot()): Promise<{ source: TradeoffsSource; describe: string; close: () => Promise<void> }> {
  if (config.kind === 'file' || !config.clickhouse) return { source: fileTradeoffsSource(root), describe: root, close: async () => undefined };
  const { connect } = await import('./clickhouse/connection.ts');
  const { readTradeoffs } = await import('./clickhouse/tradeoffs-store.ts');
  const conn = connect(config.clickhouse);
  return { source: (ref) => readTradeoffs(conn, ref), describe: `ClickHouse at ${config.clickhouse.url}`, close: () => conn.close() };
}
