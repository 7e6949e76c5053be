import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../results/synthetic.ts';
import { estimateOf, type LocationSample } from '../stats/location.ts';
import { gate, regressionP, verdictFor, type GateRule, type GateTest } from './evaluate.ts';
import { parseLimits, type Limit } from './limits.ts';

function limits(spec: string): Limit[] {
  const r = parseLimits(spec);
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.limits;
}

/** The verdict on three paired rounds with these candidate/baseline ratios, alone in its family (or with `p_adjusted`). */
function verdictOn(ratios: number[], limit: Limit, rule: GateRule = 'ci-beyond-limit', p_adjusted?: number) {
  const sample: LocationSample = { design: 'paired', method: 'paired-log-t', d: ratios.map(Math.log) };
  const p_raw = regressionP(sample, limit, rule);
  const test: GateTest = { p_raw, p_adjusted: p_adjusted ?? p_raw, level: 0.025, family: 1, adjusted: estimateOf(sample, 0.95) };
  return verdictFor(estimateOf(sample, 0.95), test, limit, rule, 0.025);
}

describe('verdictFor (the rule: the whole interval beyond the limit, at the Holm level)', () => {
  const p99 = limits('p99=+10%')[0]!;
  const tput = limits('throughput=-10%')[0]!;
  it('regression when the lower bound is above 1 + limit', () => {
    expect(verdictOn([1.2, 1.22, 1.21], p99).kind).toBe('regression');
  });
  it('pass when the interval straddles the limit, even with the point estimate beyond it', () => {
    expect(verdictOn([1.05, 1.25, 1.15], p99).kind).toBe('pass');
  });
  it('pass when Holm adjusts the row above α, even though its own interval clears the limit', () => {
    expect(verdictOn([1.2, 1.22, 1.21], p99, 'ci-beyond-limit', 0.03).kind).toBe('pass');
  });
  it('improvement when the whole interval is on the better side of 1', () => {
    expect(verdictOn([0.85, 0.9, 0.88], p99).kind).toBe('improvement');
    expect(verdictOn([1.1, 1.12, 1.11], tput).kind).toBe('improvement');
  });
  it('regression for a throughput whose upper bound is below 1 − limit', () => {
    expect(verdictOn([0.8, 0.82, 0.81], tput).kind).toBe('regression');
  });
  it('insufficient data carries the reasons through', () => {
    expect(verdictFor({ kind: 'insufficient', reasons: ['A has 1 repetition(s)'], n_a: 1, n_b: 3 }, null, p99, 'ci-beyond-limit', 0.025)).toEqual({ kind: 'insufficient-data', reasons: ['A has 1 repetition(s)'] });
  });
  it('tests "beyond the limit", not "beyond no change"', () => {
    const sample: LocationSample = { design: 'paired', method: 'paired-log-t', d: [1.1, 1.1, 1.1].map(Math.log) };
    // Exactly at the bound: no evidence of being beyond it.
    expect(regressionP(sample, p99, 'ci-beyond-limit')).toBe(1);
    expect(regressionP(sample, p99, 'estimate-beyond-limit')).toBe(0);
  });
});

describe('Holm across the gate', () => {
  it('puts every row with an interval in one family and holds each to α / (m − rank + 1)', () => {
    const r = gate([syntheticRun({ seed: 1, repetitions: 4 })], syntheticRun({ seed: 2, repetitions: 4 }), limits('p50=+10%,p99=+10%,rss=+10%'));
    if (r.kind !== 'result') throw new Error('expected a result');
    const tested = r.rows.filter((x) => x.test);
    expect(tested.length).toBe(r.rows.length);
    const levels = tested.map((x) => x.test!.level).sort((a, b) => a - b);
    levels.forEach((level, k) => expect(level).toBeCloseTo(0.025 / (tested.length - k), 12));
    for (const x of tested) expect(x.test!.family).toBe(tested.length);
  });

  it('shows the interval at the Holm level, wider than the 95% one', () => {
    const r = gate([syntheticRun({ seed: 1, repetitions: 4 })], syntheticRun({ seed: 2, repetitions: 4 }), limits('p50=+10%,p99=+10%'));
    if (r.kind !== 'result') throw new Error('expected a result');
    const row = r.rows.find((x) => x.test && x.test.family > 1 && x.test.level < 0.025)!;
    if (row.ratio.kind !== 'interval' || row.test!.adjusted.kind !== 'interval') throw new Error('expected intervals');
    expect(row.test!.adjusted.ci_high - row.test!.adjusted.ci_low).toBeGreaterThan(row.ratio.ci_high - row.ratio.ci_low);
  });

  it('pairs the rounds of a single baseline run with the candidate\'s', () => {
    const r = gate([syntheticRun({ seed: 1 })], syntheticRun({ seed: 2 }), limits('p50=+10%'));
    expect(r.kind === 'result' && r.rows.every((x) => x.pairing.kind === 'paired')).toBe(true);
  });
});

describe('gate exit codes', () => {
  it('0 for a candidate like its baseline', () => {
    const r = gate([syntheticRun({ seed: 1, repetitions: 5 })], syntheticRun({ seed: 2, repetitions: 5 }), limits('p50=+10%,rss=+10%'));
    expect(r.kind === 'result' && r.outcome).toBe('pass');
    expect(r.exit_code).toBe(0);
  });

  it('1 when one processor got 50% slower', () => {
    const r = gate([syntheticRun({ seed: 1 })], syntheticRun({ seed: 2, latency_scale: { go: 1.5 } }), limits('p50=+10%'));
    expect(r.exit_code).toBe(1);
    if (r.kind !== 'result') throw new Error('expected a result');
    const bad = r.rows.filter((x) => x.verdict.kind === 'regression');
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((x) => x.processor === 'go')).toBe(true);
  });

  it('1 for a memory regression', () => {
    const r = gate([syntheticRun({ seed: 1 })], syntheticRun({ seed: 2, rss_scale: { rust: 1.4 } }), limits('rss=+10%'));
    expect(r.exit_code).toBe(1);
  });

  it('2 with insufficient repetitions', () => {
    const r = gate([syntheticRun({ seed: 1, repetitions: 2 })], syntheticRun({ seed: 2, repetitions: 2 }), limits('p99=+10%'));
    expect(r.kind === 'result' && r.outcome).toBe('insufficient-data');
    expect(r.exit_code).toBe(2);
  });

  it('a regression wins over insufficient data elsewhere', () => {
    const r = gate([syntheticRun({ seed: 1 })], syntheticRun({ seed: 2, latency_scale: { go: 1.5 } }), limits('p50=+10%,capacity=-10%'));
    expect(r.exit_code).toBe(1);
  });

  it('a per-scenario limit applies to its scenario only', () => {
    const r = gate([syntheticRun({ seed: 1 })], syntheticRun({ seed: 2 }), limits('rss=+10%,ingest:rss=+50%'));
    if (r.kind !== 'result') throw new Error('expected a result');
    expect(r.rows.filter((x) => x.scenario === 'ingest').every((x) => x.limit.text === 'ingest:rss=+50%')).toBe(true);
    expect(r.rows.filter((x) => x.scenario === 'reads').every((x) => x.limit.text === 'rss=+10%')).toBe(true);
  });
});

describe('gate errors (exit 2, every problem listed)', () => {
  it('scenarios and processors that do not match', () => {
    const r = gate([syntheticRun({ seed: 1, scenarios: ['ingest', 'reads'] })], syntheticRun({ seed: 2, scenarios: ['ingest', 'mixed'], processors: ['go', 'rust'] }), limits('p99=+10%'));
    expect(r.kind).toBe('error');
    expect(r.exit_code).toBe(2);
    if (r.kind !== 'error') return;
    expect(r.problems).toEqual([
      'scenario "reads" is in the baseline but not in the candidate synthetic-000002',
      'scenario "mixed" is in the candidate but not in the baseline',
      'processor "node" is not in the candidate',
    ]);
  });

  it('a limit for a scenario neither run has', () => {
    const r = gate([syntheticRun({ seed: 1 })], syntheticRun({ seed: 2 }), limits('nosuch:p99=+5%'));
    expect(r.kind === 'error' && r.problems).toEqual(['limit "nosuch:p99=+5%" names scenario "nosuch", which is not in both the baseline and the candidate']);
  });
});

describe('the estimate-beyond-limit rule', () => {
  const p99 = limits('p99=+10%')[0]!;
  it('flags a significant change whose estimate is beyond the limit', () => {
    expect(verdictOn([1.12, 1.18, 1.16], p99, 'estimate-beyond-limit').kind).toBe('regression');
  });
  it('passes an estimate beyond the limit whose interval contains 1', () => {
    expect(verdictOn([0.9, 1.5, 1.2], p99, 'estimate-beyond-limit').kind).toBe('pass');
  });
  it('passes a significant change smaller than the limit', () => {
    expect(verdictOn([1.04, 1.06, 1.05], p99, 'estimate-beyond-limit').kind).toBe('pass');
  });
});
