// Where report, claims, compare and the dashboard read sweeps from: the sweeps/ folder, or
// ClickHouse when that is the configured store. Also the trend of sustainable throughput over
// sweeps, for the Trends view.
import { DEFAULT_SWEEPS_ROOT } from '../results/layout.ts';
import type { SweepResult } from '../results/sweep-schema.ts';
import type { StoreConfig } from './config.ts';
import { resolveSweep, sweepIds } from './sweep-files.ts';
import { sustainablePoints, type SustainablePoint, type SustainableQuery } from './sweep-trend.ts';

export interface SweepSource {
  /** undefined when there is no such sweep (or none at all for "latest"); throws for a broken one. */
  get(ref: string): Promise<SweepResult | undefined>;
  /** Sustainable throughput per sweep, oldest first. */
  sustainableTrend(q: SustainableQuery): Promise<SustainablePoint[]>;
  describe: string;
  close(): Promise<void>;
}

export class SweepReadError extends Error {}

export function defaultSweepsRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.HARNESS_SWEEPS_DIR || DEFAULT_SWEEPS_ROOT;
}

export function fileSweepSource(root: string): SweepSource {
  const get = async (ref: string) => {
    const found = await resolveSweep(ref, root);
    if (found.ok) return found.result;
    if (found.missing) return undefined;
    throw new SweepReadError(found.problem);
  };
  return {
    get,
    async sustainableTrend(q) {
      const ids = (await sweepIds(root)).slice(-(q.last ?? 100));
      const results: SweepResult[] = [];
      for (const id of ids) {
        const r = await get(id).catch(() => undefined);
        if (r) results.push(r);
      }
      return sustainablePoints(results, q);
    },
    describe: root,
    close: async () => undefined,
  };
}

/** The source for the configured store; close it when done. */
export async function openSweepSource(config: StoreConfig, root = defaultSweepsRoot()): Promise<SweepSource> {
  if (config.kind === 'file' || !config.clickhouse) return fileSweepSource(root);
  const { connect } = await import('./clickhouse/connection.ts');
  const { readSweep, readSustainableTrend } = await import('./clickhouse/sweep-store.ts');
  const conn = connect(config.clickhouse);
  return {
    get: (ref) => readSweep(conn, ref),
    sustainableTrend: (q) => readSustainableTrend(conn, q),
    describe: `ClickHouse at ${config.clickhouse.url}`,
    close: () => conn.close(),
  };
}
