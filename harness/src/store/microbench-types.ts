// The micro-benchmark side of the store: results of `harness microbench` (one file per result in
// the file store, one row per record in ClickHouse), read back by the dashboard's in-process view.
// The same rules for both stores: what a summary holds and the newest-first order.
import type { StoredMicrobench } from '../results/microbench-schema.ts';

/** A short line per result, for the picker. */
export interface MicrobenchSummary {
  id: string;
  created_at: string;
  suite: string;
  smoke: boolean;
  git_commit: string | null;
  hostname: string;
  records: number;
  /** Implementations with records, in first-seen order. */
  implementations: string[];
}

export interface MicrobenchReader {
  readonly name: string;
  /** Newest first (created_at, then id descending); default 100. */
  listMicrobench(limit?: number): Promise<MicrobenchSummary[]>;
  /** undefined when there is no such result; never throws for "not found". */
  getMicrobench(id: string): Promise<StoredMicrobench | undefined>;
  close(): Promise<void>;
}

export const DEFAULT_MICROBENCH_LIMIT = 100;

export function summarizeMicrobench(r: StoredMicrobench): MicrobenchSummary {
  return {
    id: r.id,
    created_at: r.created_at,
    suite: r.suite,
    smoke: r.smoke,
    git_commit: r.git_commit,
    hostname: r.host.hostname,
    records: r.results.length,
    implementations: [...new Set(r.results.map((x) => x.implementation))],
  };
}

export function newestMicrobenchFirst(a: Pick<MicrobenchSummary, 'created_at' | 'id'>, b: Pick<MicrobenchSummary, 'created_at' | 'id'>): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
