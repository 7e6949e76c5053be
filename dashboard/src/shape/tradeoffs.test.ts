import { describe, expect, it } from 'vitest';
import { sampleTradeoffs } from '../../../harness/src/tradeoffs/fixtures/sample-result.ts';
import { buildPoints, safetyTool, tradeoffsRows } from './tradeoffs.ts';

describe('tradeoffsRows', () => {
  const [go, node] = tradeoffsRows(sampleTradeoffs());

  it('formats measured medians, sizes and counts', () => {
    expect(go!.cells.cold_build).toEqual({ text: '20.5 s', detail: 'samples: 20.5 s, 19.3 s, 21.0 s', status: 'measured' });
    expect(go!.cells.idle_rss.text).toBe('7.06 MiB');
    expect(go!.cells.dependencies.text).toBe('0 / 0');
    expect(go!.cells.safety.text).toBe('2 findings');
  });

  it('shows a failed figure as failed, with the error to hover', () => {
    expect(node!.cells.cold_build).toMatchObject({ text: 'failed', status: 'failed', detail: expect.stringContaining('tsc failed') });
  });

  it('shows an undeclared figure as a dash with its reason', () => {
    expect(node!.cells.code).toEqual({ text: '—', detail: 'the manifest has no tradeoffs section', status: 'not-declared' });
  });

  it('shows "none" for a language without a checker, with the manifest\u2019s reason', () => {
    expect(node!.cells.safety).toMatchObject({ text: 'none', status: 'none', detail: expect.stringContaining('memory-safe') });
  });
});

describe('buildPoints and safetyTool', () => {
  it('chart only what was measured', () => {
    expect(buildPoints(sampleTradeoffs())).toEqual([
      { processor: 'go', cold_s: 20.5, incremental_s: 1.2 },
      { processor: 'node', cold_s: null, incremental_s: null },
    ]);
  });

  it('name the checker or why there is none', () => {
    const [go, node] = sampleTradeoffs().processors;
    expect([safetyTool(go!), safetyTool(node!)]).toEqual(['Go race detector (go build -race)', 'none: JavaScript is memory-safe and runs on one event loop']);
  });
});
