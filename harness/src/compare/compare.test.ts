import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../results/synthetic.ts';
import { compareProcessors, compareRuns } from './compare.ts';

const rowOf = (c: ReturnType<typeof compareRuns>, scenario: string, processor: string, metric: string) =>
  c.rows.find((r) => r.scenario === scenario && r.a.processor === processor && r.metric === metric);

describe('compareRuns', () => {
  it('flags a 50% slower processor as significantly worse on p50', () => {
    const a = syntheticRun({ seed: 1 });
    const b = syntheticRun({ seed: 2, latency_scale: { go: 1.5 } });
    const row = rowOf(compareRuns([a], [b]), 'ingest', 'go', 'p50');
    expect(row?.significance.kind).toBe('worse');
    if (row?.ratio.kind !== 'interval') throw new Error('expected an interval');
    expect(row.ratio.estimate).toBeGreaterThan(1.35);
    expect(row.ratio.estimate).toBeLessThan(1.65);
  });

  it('calls more memory worse and lower latency better', () => {
    // 5 rounds: at 3, Holm over the ~50 rows of a full comparison asks more than a paired t with 2 df gives a 0.6× p50.
    const a = syntheticRun({ seed: 3, repetitions: 5 });
    const b = syntheticRun({ seed: 4, repetitions: 5, rss_scale: { node: 1.3 }, latency_scale: { node: 0.6 } });
    const c = compareRuns([a], [b]);
    expect(rowOf(c, 'ingest', 'node', 'steady_rss')?.significance.kind).toBe('worse');
    expect(rowOf(c, 'ingest', 'node', 'p50')?.significance.kind).toBe('better');
  });

  it('says insufficient data below the minimum repetitions', () => {
    const a = syntheticRun({ seed: 5, repetitions: 2 });
    const b = syntheticRun({ seed: 6, repetitions: 3 });
    const row = rowOf(compareRuns([a], [b]), 'ingest', 'go', 'p99');
    expect(row?.significance.kind).toBe('insufficient-data');
    expect(row?.significance.reasons.join(' ')).toContain('at least 3');
  });

  it('gives capacity, one record per run, no verdict from one run each', () => {
    const row = rowOf(compareRuns([syntheticRun({ seed: 7 })], [syntheticRun({ seed: 8 })]), 'ingest', 'go', 'capacity');
    expect(row?.significance.kind).toBe('insufficient-data');
  });

  it('pools several baseline runs into one side', () => {
    const base = [1, 2, 3].map((seed) => syntheticRun({ seed, repetitions: 1 }));
    const row = rowOf(compareRuns(base, [syntheticRun({ seed: 9 })]), 'ingest', 'go', 'capacity');
    expect(row?.a.n).toBe(3);
  });

  it('names scenarios present on one side only', () => {
    const a = syntheticRun({ seed: 1, scenarios: ['ingest', 'reads'] });
    const b = syntheticRun({ seed: 2, scenarios: ['ingest'] });
    const c = compareRuns([a], [b]);
    expect(c.notes).toContain('scenario reads is only in A');
    expect(c.rows.every((r) => r.scenario === 'ingest')).toBe(true);
  });

  it('leaves out metrics that do not apply (no CPU per event on reads)', () => {
    const c = compareRuns([syntheticRun({ seed: 1 })], [syntheticRun({ seed: 2 })]);
    expect(rowOf(c, 'reads', 'go', 'cpu_per_million_events')).toBeUndefined();
    expect(rowOf(c, 'ingest', 'go', 'cpu_per_million_events')).toBeDefined();
  });

  it('excludes driver-limited repetitions and says so', () => {
    const b = syntheticRun({ seed: 2 });
    for (const m of b.measurements) if (m.processor === 'go' && m.repetition === 0 && m.driver) m.driver = { ...m.driver, driver_limited: true, reasons: ['lag'] };
    const c = compareRuns([syntheticRun({ seed: 1 })], [b]);
    expect(rowOf(c, 'ingest', 'go', 'p99')?.b.n).toBe(2);
    expect(c.notes.some((n) => n.includes('driver-limited'))).toBe(true);
  });

  it('the interval covers the true p50 ratio of synthetic runs at about the stated rate', () => {
    // Synthetic latencies scale exactly with latency_scale, so the true p50 ratio is 1.2.
    let hits = 0;
    const trials = 120;
    for (let t = 0; t < trials; t++) {
      const a = syntheticRun({ seed: 1000 + 2 * t, scenarios: ['ingest'], processors: ['go'] });
      const b = syntheticRun({ seed: 1001 + 2 * t, scenarios: ['ingest'], processors: ['go'], latency_scale: { go: 1.2 } });
      const r = rowOf(compareRuns([a], [b], { metrics: ['p50'] }), 'ingest', 'go', 'p50')?.ratio;
      if (r?.kind === 'interval' && r.ci_low <= 1.2 && 1.2 <= r.ci_high) hits++;
    }
    // 95% nominal; binomial sd over 120 trials is 0.02.
    expect(hits / trials).toBeGreaterThan(0.89);
  });
});

describe('compareProcessors', () => {
  it('pairs repetitions of two processors in one run and finds Rust faster than Go', () => {
    const run = syntheticRun({ seed: 11, latency_scale: { rust: 0.7 } });
    const c = compareProcessors(run, 'go', 'rust');
    const row = c.rows.find((r) => r.scenario === 'ingest' && r.metric === 'p50');
    expect(row?.ratio.kind === 'interval' && row.ratio.method).toBe('paired-log-t');
    expect(row?.significance.kind).toBe('better');
  });

  it('uses the bootstrap over rounds when asked, with the same point estimate', () => {
    const run = syntheticRun({ seed: 12 });
    const t = compareProcessors(run, 'go', 'rust', { metrics: ['p99'] }).rows[0]?.ratio;
    const b = compareProcessors(run, 'go', 'rust', { metrics: ['p99'], method: 'bootstrap' }).rows[0]?.ratio;
    if (t?.kind !== 'interval' || b?.kind !== 'interval') throw new Error('expected intervals');
    expect(b.method).toBe('round-bootstrap');
    expect(b.estimate).toBeCloseTo(t.estimate, 9);
  });

  it('switches to Wilcoxon signed-rank with Hodges–Lehmann at 12 rounds', () => {
    const row = compareProcessors(syntheticRun({ seed: 13, repetitions: 12 }), 'go', 'rust', { metrics: ['p50'] }).rows[0]!;
    expect(row.ratio.kind === 'interval' && row.ratio.method).toBe('wilcoxon-hl');
    expect(row.pairing).toMatchObject({ kind: 'paired', rounds: 12 });
  });
});

describe('pairing', () => {
  it('pairs round r of A with round r of B when each side is one run', () => {
    const row = rowOf(compareRuns([syntheticRun({ seed: 1 })], [syntheticRun({ seed: 2 })], { metrics: ['p50'] }), 'ingest', 'go', 'p50')!;
    expect(row.pairing).toEqual({ kind: 'paired', rounds: 3, unmatched: [], rule: expect.stringContaining('paired t') });
    expect(row.sample?.design).toBe('paired');
  });

  it('leaves a round without a partner out, and says which', () => {
    const b = syntheticRun({ seed: 2, repetitions: 4 });
    for (const m of b.measurements) if (m.processor === 'go' && m.repetition === 1 && m.driver) m.driver = { ...m.driver, driver_limited: true, reasons: ['lag'] };
    const c = compareRuns([syntheticRun({ seed: 1, repetitions: 4 })], [b], { metrics: ['p50'] });
    expect(rowOf(c, 'ingest', 'go', 'p50')!.pairing).toMatchObject({ kind: 'paired', rounds: 3, unmatched: ['A r1'] });
    expect(c.notes).toContain('ingest/go p50: rounds A r1 had no partner and were left out of the pairing');
  });

  it('falls back to unpaired Welch for a pooled baseline, and says why', () => {
    const c = compareRuns([syntheticRun({ seed: 1 }), syntheticRun({ seed: 3 })], [syntheticRun({ seed: 2 })], { metrics: ['p50'] });
    const row = rowOf(c, 'ingest', 'go', 'p50')!;
    expect(row.pairing.kind).toBe('unpaired');
    expect(row.ratio.kind === 'interval' && row.ratio.method).toBe('welch-log-t');
    expect(c.notes).toContain('ingest/go: compared unpaired (A has rounds r0, r1, r2 more than once (several runs pooled): rounds cannot be matched)');
  });

  it('falls back to unpaired when asked (--pairing none)', () => {
    const row = rowOf(compareRuns([syntheticRun({ seed: 1 })], [syntheticRun({ seed: 2 })], { metrics: ['p50'], pairing: 'none' }), 'ingest', 'go', 'p50')!;
    expect(row.pairing).toEqual({ kind: 'unpaired', reason: 'pairing off (--pairing none)' });
  });
});

describe('Holm across the comparison', () => {
  it('tests every row with an interval as one family and shows raw and adjusted p', () => {
    const c = compareRuns([syntheticRun({ seed: 1 })], [syntheticRun({ seed: 2 })]);
    const tested = c.rows.filter((r) => r.test);
    expect(tested.length).toBeGreaterThan(10);
    for (const r of tested) {
      expect(r.test!.family).toBe(tested.length);
      expect(r.test!.p_adjusted).toBeGreaterThanOrEqual(r.test!.p_raw);
    }
  });

  it('calls a row significant only on its adjusted p', () => {
    const c = compareRuns([syntheticRun({ seed: 1 })], [syntheticRun({ seed: 2 })]);
    for (const r of c.rows.filter((x) => x.test)) {
      expect(r.significance.kind === 'better' || r.significance.kind === 'worse').toBe(r.test!.p_adjusted <= 0.05);
    }
  });
});
