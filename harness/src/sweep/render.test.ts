import { describe, expect, it } from 'vitest';
import { sampleSweep, withLatencyMissAt } from './fixtures/sample-sweep.ts';
import { curveViews } from './curve-view.ts';
import { renderSweepMarkdown, renderSweepText } from './render.ts';

const sweep = await sampleSweep();

describe('the sweep report', () => {
  it('prints each processor’s sustainable throughput with how to read it', () => {
    const text = renderSweepText(sweep);
    const rust = text.split('\n').find((l) => l.startsWith('rust '))!;
    expect(rust).toMatch(/confirmed/);
    expect(text).toMatch(/^node\s+not swept\s.*build: npm run build exited with code 1/m);
  });

  it('prints one curve row per step, unsustainable ones marked with what failed', () => {
    const text = renderSweepText(sweep);
    expect(text).toContain('ingest / go: latency against load');
    expect(text).toMatch(/✘ latency, rate, trend/);
    expect(text).toMatch(/\(confirm\)/);
  });

  it('states the SLO and the autocannon flags under the tables', () => {
    const md = renderSweepMarkdown(sweep);
    expect(md).toContain('- SLO (scenario): clean p99 ≤ 1000 µs; ≥ 99% of the offered rate answered; no significant upward trend of the per-second p50.');
    expect(md).toContain("rust: autocannon ⚑ autocannon used 99% of its core");
  });
});

const withFailedStepAt = (cpu: number) => withLatencyMissAt(sweep, 'go', cpu);

describe('the sweep report on a latency miss without load', () => {
  it('warns that a miss at 5% of the budget is the latency floor, not a capacity', () => {
    expect(renderSweepText(withFailedStepAt(0.05))).toMatch(/go: ⚠ that step ran the processor at 5% of its budget: a miss without load is the latency floor/);
  });

  it('does not warn when the step that failed ran the processor near its limit', () => {
    expect(renderSweepText(withFailedStepAt(0.93))).not.toMatch(/⚠ that step ran the processor/);
  });
});

describe('curveViews', () => {
  it('gives the sustainable rate as a share of the closed-loop ceiling and the failed step its CPU share', () => {
    const go = curveViews(withFailedStepAt(0.05))[0]!.processors[0]!;
    expect(go.sustainable!.ceiling_share).toBeCloseTo(go.sustainable!.rate_per_s / 4000, 6);
    expect(go.sustainable!.failed_at_cpu_share).toBe(0.05);
  });

  it('gives the chart every step but the equal-load ones by rate, and the sustainable point', () => {
    const [v] = curveViews(sweep);
    const go = v!.processors[0]!;
    const rates = go.points.map((p) => p.offered_rate_per_s);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(go.points.some((p) => p.stage === 'equal-load')).toBe(false);
    expect(go.equal_load.length).toBeGreaterThan(0);
    expect(go.sustainable).toMatchObject({ confirmed: true, wording: 'confirmed', lower_bound: false });
    expect(v!.slo.lines).toEqual([{ label: 'clean p99 ≤ 1000 µs', percentile: 'p99', figure: 'clean', max_us: 1000 }]);
  });
});
