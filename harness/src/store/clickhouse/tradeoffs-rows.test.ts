import { describe, expect, it } from 'vitest';
import { sampleTradeoffs } from '../../tradeoffs/fixtures/sample-result.ts';
import { tradeoffsFromRows, tradeoffsRows } from './tradeoffs-rows.ts';

describe('tradeoffs rows', () => {
  it('are one per processor, in the order measured', () => {
    const rows = tradeoffsRows(sampleTradeoffs(), 7);
    expect(rows.map((r) => [r.processor, r.position])).toEqual([['go', 0], ['node', 1]]);
  });

  it('put the headline figures in columns and NULL where a figure was not measured', () => {
    const [go, node] = tradeoffsRows(sampleTradeoffs(), 7);
    expect(go).toMatchObject({ cold_build_median_s: 20.5, incremental_build_median_s: 1.2, output_bytes: 8_123_456, idle_rss_median_bytes: 7_405_568, dependencies_all: 0, code_lines: 1751, safety_findings: 2, safety_status: 'measured' });
    expect(node).toMatchObject({ cold_build_median_s: null, code_lines: null, dependencies_direct: null, safety_findings: null, safety_status: 'none', safety_tool: '' });
  });

  it('read back as the exact result, whatever order the server returns them in', () => {
    const result = sampleTradeoffs();
    const rows = tradeoffsRows(result, 7).reverse() as Array<{ position: number; processor_json: string; run_json: string }>;
    expect(tradeoffsFromRows(rows)).toEqual(result);
  });

  it('read back as nothing when there are none', () => {
    expect(tradeoffsFromRows([])).toBeUndefined();
  });
});
