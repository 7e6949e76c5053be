import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../results/synthetic.ts';
import { renderSummaryMarkdown, renderSummaryText } from './render-summary.ts';
import { median, summarize } from './summary.ts';

describe('run summary', () => {
  const run = syntheticRun({ seed: 11, samples_per_phase: 2000, latency_scale: { rust: 0.5 } });

  it('takes latency from merged histograms, not averaged percentiles', () => {
    const [ingest] = summarize(run);
    const rust = ingest!.rows.find((r) => r.processor === 'rust')!;
    const [lo, hi] = rust.p99_range_us!;
    expect(rust.p99_us!).toBeGreaterThanOrEqual(lo * 0.99);
    expect(rust.p99_us!).toBeLessThanOrEqual(hi * 1.01);
    expect(rust.repetitions_ok).toBe(3);
  });

  it('gives ratios against the baseline processor', () => {
    const [ingest] = summarize(run, 'go');
    const go = ingest!.rows.find((r) => r.processor === 'go')!;
    const rust = ingest!.rows.find((r) => r.processor === 'rust')!;
    expect(go.vs_baseline.p99).toBe(1);
    // rust was generated at 0.5 × its base latency (90 µs vs go's 120 µs) → about 0.375.
    expect(rust.vs_baseline.p99!).toBeGreaterThan(0.25);
    expect(rust.vs_baseline.p99!).toBeLessThan(0.5);
  });

  it('says the processor without a collector has no GC', () => {
    const text = renderSummaryText(run.manifest, summarize(run));
    expect(text).toMatch(/rust .*none \(no GC\)/);
    expect(text).toContain('▸ ingest');
  });

  it('marks driver-limited and failed measurements', () => {
    const broken = structuredClone(run);
    broken.measurements[0]!.driver!.driver_limited = true;
    broken.measurements[1]!.status = 'failed';
    broken.measurements[1]!.failure = { stage: 'drive', message: 'processor exited with code 2', stderr_tail: 'panic' };
    const md = renderSummaryMarkdown(broken.manifest, summarize(broken));
    expect(md).toMatch(/driver fell behind/);
    expect(md).toMatch(/#1 drive: processor exited with code 2/);
  });

  it("says which processor's repetitions were not measured to precision, and how wide they stayed", () => {
    const imprecise = structuredClone(run);
    const base = { target_pct: 5, of: 'p99' as const, min_measure_s: 3, max_measure_s: 5, checks: 3 };
    for (const m of imprecise.measurements) {
      const reached = m.processor !== 'go' || m.repetition === 0;
      m.precision = { ...base, reached, half_width_pct: reached ? 4 : 11.25, measured_s: reached ? 3 : 5, stopped_by: reached ? 'precision' : 'cap' };
    }
    const [ingest] = summarize(imprecise);
    expect(ingest!.rows.find((r) => r.processor === 'go')!.precision).toMatchObject({ reached: 1, repetitions: 3, half_width_pct_max: 11.25 });
    const text = renderSummaryText(imprecise.manifest, summarize(imprecise));
    expect(text).toMatch(/ingest\/go: 2 of 3 repetitions not measured to precision \(clean p99 interval not within ±5%: widest ±11\.3%/);
    expect(text).not.toMatch(/ingest\/rust: .*not measured to precision/);
  });

  it('has no precision figures for fixed-length phases', () => {
    const [ingest] = summarize(run);
    expect(ingest!.rows.every((r) => r.precision === null)).toBe(true);
  });

  it('medians ignore nothing and handle even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
