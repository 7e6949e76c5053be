// A micro-benchmark result as rows of the microbench table and back. Pure functions: the round
// trip is tested without a server, and through one by the chDB and server tests.
import { MicrobenchResult, type MicrobenchRecord, type StoredMicrobench } from '../../results/microbench-schema.ts';
import type { Row } from './rows.ts';

/** The columns, in the table's order (the queries select exactly these). */
export const MICROBENCH_COLUMNS = [
  'id', 'schema_version', 'suite', 'created_at', 'git_commit', 'hostname', 'smoke', 'header_json', 'seq',
  'name', 'implementation', 'language', 'tool', 'runtime', 'batch_size', 'batch_unit', 'median_ns',
  'ci_low_ns', 'ci_high_ns', 'ci_level', 'ci_method', 'samples', 'iterations', 'samples_ns', 'version',
] as const;

export function microbenchRows(r: StoredMicrobench, version: number): Row[] {
  const { results, ...header } = r;
  const shared = {
    id: r.id,
    schema_version: r.schema_version,
    suite: r.suite,
    created_at: r.created_at,
    git_commit: r.git_commit,
    hostname: r.host.hostname,
    smoke: r.smoke ? 1 : 0,
    header_json: JSON.stringify(header),
  };
  return results.map((x, seq) => ({ ...shared, seq, ...x, version }));
}

const n = (v: unknown): number => Number(v);
const nn = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const s = (v: unknown): string => String(v);

/** Rows of one id, any order (sorted by seq here); undefined for none. Validated like a file. */
export function microbenchFromRows(rows: readonly Row[]): StoredMicrobench | undefined {
  if (rows.length === 0) return undefined;
  const sorted = [...rows].sort((a, b) => n(a.seq) - n(b.seq));
  const header = JSON.parse(s(sorted[0]!.header_json)) as Omit<StoredMicrobench, 'results'>;
  const results = sorted.map(
    (x): MicrobenchRecord => ({
      name: s(x.name),
      implementation: s(x.implementation),
      language: s(x.language),
      tool: s(x.tool),
      runtime: s(x.runtime),
      batch_size: n(x.batch_size),
      batch_unit: s(x.batch_unit),
      median_ns: n(x.median_ns),
      ci_low_ns: nn(x.ci_low_ns),
      ci_high_ns: nn(x.ci_high_ns),
      ci_level: n(x.ci_level),
      ci_method: s(x.ci_method) as MicrobenchRecord['ci_method'],
      samples: n(x.samples),
      iterations: n(x.iterations),
      samples_ns: (x.samples_ns as unknown[]).map(n),
    }),
  );
  return { ...MicrobenchResult.parse({ ...header, results }), id: header.id };
}
