import { describe, expect, it } from 'vitest';
import { TradeoffsResult } from '../results/tradeoffs-schema.ts';
import { sampleTradeoffs } from './fixtures/sample-result.ts';
import { renderTradeoffsMarkdown, renderTradeoffsText, tradeoffsTable } from './render.ts';

describe('the trade-offs table', () => {
  it('is built from a result the schema accepts', () => {
    expect(TradeoffsResult.safeParse(sampleTradeoffs()).success).toBe(true);
  });

  it('shows medians with their range, sizes and counts for a measured row', () => {
    const { table } = tradeoffsTable(sampleTradeoffs());
    expect(table.rows[0]).toEqual(['go', '20.5 s (19.3 s–21.0 s)', '35.1 s', '1.20 s (1.10 s–1.30 s)', '7.75 MiB', '1.83 MiB', '7.06 MiB (7.00 MiB–7.13 MiB)', '0 / 0', '1,751', 'Go race detector (go build -race): 2 findings']);
  });

  it('marks failures with a footnote that carries the reason', () => {
    const { table, footnotes } = tradeoffsTable(sampleTradeoffs());
    expect(table.rows[1]![1]).toMatch(/^failed\[\d\]$/);
    expect(footnotes.join('\n')).toContain('node cold build: cold build: "node scripts/build.mjs" exited with code 1');
  });

  it('says "none" with the manifest\u2019s reason where no checker runs', () => {
    const { table, footnotes } = tradeoffsTable(sampleTradeoffs());
    expect(table.rows[1]![9]).toMatch(/^none\[\d\]$/);
    expect(footnotes.join('\n')).toContain('JavaScript is memory-safe');
  });

  it('shows a dash for a figure the manifest does not declare', () => {
    expect(tradeoffsTable(sampleTradeoffs()).table.rows[1]![8]).toBe('–');
  });

  it('prints the load average before and after and the rules under the table', () => {
    const text = renderTradeoffsText(sampleTradeoffs());
    expect(text).toContain('load average 1.5 → 1.9');
    expect(text).toContain('lines of code: code rule');
    expect(text).toContain('dependencies (go): go rule');
    expect(text).not.toContain('dependencies (cargo)');
  });

  it('renders the same cells as Markdown', () => {
    const md = renderTradeoffsMarkdown(sampleTradeoffs());
    expect(md).toContain('| go | 20.5 s (19.3 s–21.0 s) |');
    expect(md).toContain('**Rules**');
  });
});
