import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../results/synthetic.ts';
import { apiPaths } from '../serve/api-paths.ts';
import type { RunResponse } from '../serve/api-types.ts';
import { contractRuns } from '../store/contract-fixtures.ts';
import { sampleTradeoffs } from '../tradeoffs/fixtures/sample-result.ts';
import { jsonScriptSafe, renderHtmlReport, scriptSafe } from './html.ts';

describe('scriptSafe', () => {
  it('keeps inlined code from closing its script element', () => {
    expect(scriptSafe('a="</script><b>"')).toBe('a="<\\/script><b>"');
    expect(scriptSafe('x="</SCRIPT>"')).toBe('x="<\\/SCRIPT>"');
  });
  it('keeps inlined code from opening an HTML comment', () => {
    expect(scriptSafe('s="<!--"')).not.toContain('<!--');
  });
});

describe('jsonScriptSafe', () => {
  it('escapes < so data cannot close the element, and still parses to the same value', () => {
    const value = { note: '</script><script>alert(1)</script>', line: '\u2028' };
    const text = jsonScriptSafe(value);
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('renderHtmlReport', () => {
  it('produces one file with the app, its styles and the run data inlined, and nothing fetched', async () => {
    const run = syntheticRun({ seed: 11, samples_per_phase: 100, repetitions: 2 });
    const html = await renderHtmlReport(run);
    // No external script, stylesheet or asset references: it must open from file://.
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '<script></script>').replace(/<style>[\s\S]*?<\/style>/g, '<style></style>');
    expect(markup).not.toMatch(/\b(src|href)=/);
    expect(markup.match(/<script/g)).toHaveLength(2);
    expect(html).toContain('<style>');
    expect(html).toContain('<title>Latency report — synthetic-000011</title>');
    const data = /<script id="report-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html)?.[1];
    const answers = JSON.parse(data!) as Record<string, unknown>;
    expect(answers[apiPaths.run('synthetic-000011')]).toMatchObject({ run: { manifest: { run_id: 'synthetic-000011' } } });
    // A merged spectrum for every scenario × processor × histogram kind.
    expect(Object.keys(answers).filter((k) => k.startsWith('/api/histogram'))).toHaveLength(2 * 3 * 2);
    expect(answers[apiPaths.claims('synthetic-000011')]).toMatchObject({ state: 'not-evaluated' });
  }, 120_000);

  it('embeds a trade-offs result for the Trade-offs view, and says so when there is none', async () => {
    const run = syntheticRun({ seed: 12, samples_per_phase: 50, repetitions: 1 });
    const answersOf = (html: string) => JSON.parse(/<script id="report-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html)![1]!) as Record<string, unknown>;
    const tradeoffs = sampleTradeoffs();
    expect(answersOf(await renderHtmlReport(run, { tradeoffs }))[apiPaths.tradeoffs()]).toEqual({ state: 'measured', result: tradeoffs });
    expect(answersOf(await renderHtmlReport(run))[apiPaths.tradeoffs()]).toMatchObject({ state: 'none' });
  }, 120_000);

  it('embeds each measurement\u2019s stalls, tail composition, clean percentiles and GC cycles for the tail view and the bands', async () => {
    const run = contractRuns().find((r) => r.manifest.run_id === 'c-004-main')!;
    const html = await renderHtmlReport(run);
    const answers = JSON.parse(/<script id="report-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html)![1]!) as Record<string, unknown>;
    const embedded = (answers[apiPaths.run('c-004-main')] as RunResponse).run.measurements;
    const withTail = run.measurements.filter((m) => m.tail !== undefined);
    expect(withTail.length).toBeGreaterThan(0);
    for (const m of withTail) {
      const back = embedded.find((e) => e.scenario === m.scenario && e.processor === m.processor && e.repetition === m.repetition)!;
      expect({ tail: back.tail, clean: back.clean, platform: back.platform, gc_cycles: back.gc_cycles }).toEqual({ tail: m.tail, clean: m.clean, platform: m.platform, gc_cycles: m.gc_cycles });
    }
  }, 120_000);
});
