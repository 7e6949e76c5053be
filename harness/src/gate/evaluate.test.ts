import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../results/synthetic.ts';
import type { Interval } from '../stats/interval.ts';
import { gate, verdictFor } from './evaluate.ts';
import { parseLimits, type Limit } from './limits.ts';

function limits(spec: string): Limit[] {
  const r = parseLimits(spec);
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.limits;
}

const interval = (ci_low: number, ci_high: number): Interval => ({
  kind: 'interval', estimate: (ci_low + ci_high) / 2, ci_low, ci_high, confidence: 0.95, method: 'welch-log-t', n_a: 3, n_b: 3,
});

describe('verdictFor (the rule: the whole interval beyond the limit)', () => {
  const p99 = limits('p99=+10%')[0]!;
  const tput = limits('throughput=-10%')[0]!;
  it('regression when the lower bound is above 1 + limit', () => {
    expect(verdictFor(interval(1.11, 1.3), p99).kind).toBe('regression');
  });
  it('pass when the interval straddles the limit, even with the point estimate beyond it', () => {
    expect(verdictFor(interval(1.05, 1.25), p99).kind).toBe('pass');
  });
  it('pass at exactly the bound (strictly beyond is required)', () => {
    expect(verdictFor(interval(1.1, 1.2), p99).kind).toBe('pass');
  });
  it('improvement when the whole interval is on the better side of 1', () => {
    expect(verdictFor(interval(0.8, 0.95), p99).kind).toBe('improvement');
    expect(verdictFor(interval(1.02, 1.2), tput).kind).toBe('improvement');
  });
  it('regression for a throughput whose upper bound is below 1 − limit', () => {
    expect(verdictFor(interval(0.7, 0.85), tput).kind).toBe('regression');
  });
  it('insufficient data carries the reasons through', () => {
    expect(verdictFor({ kind: 'insufficient', reasons: ['A has 1 repetition(s)'], n_a: 1, n_b: 3 }, p99)).toEqual({ kind: 'insufficient-data', reasons: ['A has 1 repetition(s)'] });
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
    expect(verdictFor(interval(1.05, 1.25), p99, 'estimate-beyond-limit').kind).toBe('regression');
  });
  it('passes an estimate beyond the limit whose interval contains 1', () => {
    expect(verdictFor(interval(0.98, 1.3), p99, 'estimate-beyond-limit').kind).toBe('pass');
  });
  it('passes a significant change smaller than the limit', () => {
    expect(verdictFor(interval(1.01, 1.09), p99, 'estimate-beyond-limit').kind).toBe('pass');
  });
});
