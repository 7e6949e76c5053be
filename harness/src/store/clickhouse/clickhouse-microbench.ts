// MicrobenchReader over ClickHouse: the same answers as the file store for the same results.
import { RUN_ID_PATTERN } from '../../results/layout.ts';
import type { StoredMicrobench } from '../../results/microbench-schema.ts';
import type { ClickHouseConfig } from '../config.ts';
import { DEFAULT_MICROBENCH_LIMIT, type MicrobenchReader, type MicrobenchSummary } from '../microbench-types.ts';
import { connectAnswering, type Connection } from './connection.ts';
import { storedMicrobench } from './microbench-push.ts';
import { listMicrobenchSql } from './microbench-queries.ts';

interface SummaryRow {
  id: string;
  created_at: string;
  suite: string;
  smoke: number | string;
  git_commit: string | null;
  hostname: string;
  records: number | string;
  seqs: (number | string)[];
  implementations: string[];
}

/** groupArray keeps no order: the implementations in the order of their first record. */
function firstSeen(seqs: readonly (number | string)[], names: readonly string[]): string[] {
  const order = names.map((_, i) => i).sort((a, b) => Number(seqs[a]) - Number(seqs[b]));
  return [...new Set(order.map((i) => names[i]!))];
}

export class ClickHouseMicrobench implements MicrobenchReader {
  readonly name = 'clickhouse';

  constructor(private readonly conn: Connection) {}

  static async open(cfg: ClickHouseConfig): Promise<ClickHouseMicrobench> {
    return new ClickHouseMicrobench(await connectAnswering(cfg));
  }

  async listMicrobench(limit = DEFAULT_MICROBENCH_LIMIT): Promise<MicrobenchSummary[]> {
    if (limit === 0) return [];
    const rows = await this.conn.query<SummaryRow>(listMicrobenchSql(limit));
    return rows.map((r) => ({
      id: r.id,
      created_at: r.created_at,
      suite: r.suite,
      smoke: Number(r.smoke) === 1,
      git_commit: r.git_commit,
      hostname: r.hostname,
      records: Number(r.records),
      implementations: firstSeen(r.seqs, r.implementations),
    }));
  }

  async getMicrobench(id: string): Promise<StoredMicrobench | undefined> {
    if (!RUN_ID_PATTERN.test(id)) return undefined;
    return (await storedMicrobench(this.conn, [id])).get(id);
  }

  close(): Promise<void> {
    return this.conn.close();
  }
}
