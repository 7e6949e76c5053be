import { describe, expect, it } from 'vitest';
import { classify, compareRuns } from './compare.ts';
import { runView } from './fixtures.ts';

describe('classify', () => {
  const e = (estimate: number, low: number, high: number) => ({ estimate, low, high, n: 3, interval: true });
  it('calls a large, non-overlapping increase in latency a regression', () => {
    expect(classify(e(100, 95, 105), e(150, 140, 160), 'lower-is-better', 0.05)).toBe('regression');
  });
  it('calls a large increase in throughput an improvement', () => {
    expect(classify(1000, 1500, 'higher-is-better', 0.05)).toBe('improvement');
  });
  it('calls a change inside the noise unchanged even when it is large', () => {
    expect(classify(e(100, 80, 130), e(120, 100, 140), 'lower-is-better', 0.05)).toBe('unchanged');
  });
  it('calls a change below the threshold unchanged', () => {
    expect(classify(1000, 1020, 'higher-is-better', 0.05)).toBe('unchanged');
  });
  it('reports a metric absent from one run as missing', () => {
    expect(classify(null, 5, 'lower-is-better', 0.05)).toBe('missing');
  });
});

describe('compareRuns', () => {
  it('marks a processor made twice as slow as a p99 regression', () => {
    // The synthetic p99 sits on a 1% tail and varies ~2× between repetitions: with honest (t on
    // logs) intervals, 3 repetitions cannot separate 2×; 10 repetitions of 1,000 requests can.
    const many = { repetitions: 10, samples_per_phase: 1000 };
    const a = runView({ seed: 5, ...many });
    const b = runView({ seed: 6, latency_scale: { node: 2 }, ...many });
    const node = compareRuns(a, b).find((r) => r.scenario === 'ingest' && r.processor === 'node')!;
    const p99 = node.cells.find((c) => c.metric.key === 'p99')!;
    expect(p99.verdict).toBe('regression');
    expect(p99.change).toBeGreaterThan(0.5);
  });
  it('marks a processor with half the memory as an RSS improvement', () => {
    const a = runView({ seed: 5 });
    const b = runView({ seed: 6, rss_scale: { rust: 0.5 } });
    const rust = compareRuns(a, b).find((r) => r.scenario === 'reads' && r.processor === 'rust')!;
    expect(rust.cells.find((c) => c.metric.key === 'steady_rss')!.verdict).toBe('improvement');
  });
});
