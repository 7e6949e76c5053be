// A trade-offs result as rows of the `tradeoffs` table (0008_tradeoffs.sql) and back. Pure
// functions: the round trip is tested without a server.
import { TradeoffsResult, type ProcessorTradeoffs } from '../../results/tradeoffs-schema.ts';
import { resultHeaderColumns, type Row } from './rows.ts';

const measured = <T extends { status: string }, V>(f: T, pick: (m: Extract<T, { status: 'measured' }>) => V): V | null =>
  f.status === 'measured' ? pick(f as Extract<T, { status: 'measured' }>) : null;

export function tradeoffsRows(result: TradeoffsResult, version: number): Row[] {
  const { processors, ...run } = result;
  const runJson = JSON.stringify(run);
  return processors.map((p: ProcessorTradeoffs, position) => ({
    tradeoffs_id: result.id,
    processor: p.name,
    position,
    ...resultHeaderColumns(result),
    repetitions: result.options.repeat,
    load_avg_1m_before: result.noise.load_avg_before.m1,
    load_avg_1m_after: result.noise.load_avg_after.m1,
    cold_build_median_s: measured(p.cold_build, (m) => m.median_wall_s),
    cold_build_median_cpu_s: measured(p.cold_build, (m) => m.median_cpu_s),
    incremental_build_median_s: measured(p.incremental_build, (m) => m.median_wall_s),
    output_bytes: measured(p.output, (m) => m.total_bytes),
    shared_libraries_bytes: measured(p.output, (m) => m.shared_libraries_bytes),
    idle_rss_median_bytes: measured(p.idle_rss, (m) => m.median_bytes),
    dependencies_direct: measured(p.dependencies, (m) => m.direct),
    dependencies_all: measured(p.dependencies, (m) => m.all),
    code_lines: measured(p.code, (m) => m.lines),
    safety_status: p.safety.status,
    safety_tool: p.safety.status === 'measured' || p.safety.status === 'failed' ? p.safety.tool : '',
    safety_findings: measured(p.safety, (m) => m.findings),
    processor_json: JSON.stringify(p),
    run_json: runJson,
    version,
  }));
}

/** Rows of one trade-offs run (any order) back to the result; undefined for none. */
export function tradeoffsFromRows(rows: ReadonlyArray<{ position: unknown; processor_json: string; run_json: string }>): TradeoffsResult | undefined {
  if (rows.length === 0) return undefined;
  const sorted = [...rows].sort((a, b) => Number(a.position) - Number(b.position));
  const run = JSON.parse(sorted[0]!.run_json) as Omit<TradeoffsResult, 'processors'>;
  return TradeoffsResult.parse({ ...run, processors: sorted.map((r) => JSON.parse(r.processor_json) as unknown) });
}
