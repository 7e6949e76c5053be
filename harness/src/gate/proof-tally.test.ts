import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../results/synthetic.ts';
import { gate } from './evaluate.ts';
import { parseLimits } from './limits.ts';
import { pairedSigmas, wilson } from './proof-tally.ts';

describe('wilson', () => {
  it('bounds 0 of 10 below about 28%', () => {
    const r = wilson(0, 10);
    expect(r.ci_low).toBe(0);
    expect(r.ci_high).toBeCloseTo(0.2775, 3);
  });
  it('matches a textbook value for 9 of 10', () => {
    const r = wilson(9, 10);
    expect(r.ci_low).toBeCloseTo(0.5958, 3);
    expect(r.ci_high).toBeCloseTo(0.9821, 3);
  });
});

describe('pairedSigmas', () => {
  it('pools the per-round log-ratios of the paired rows over pairs', () => {
    const limits = parseLimits('p50=+10%');
    if (!limits.ok) throw new Error('limits');
    const results = [1, 2].map((k) => gate([syntheticRun({ seed: 10 * k, repetitions: 4 })], syntheticRun({ seed: 10 * k + 1, repetitions: 4 }), limits.limits));
    const [s] = pairedSigmas(results, 'ingest', 'go');
    expect(s).toMatchObject({ metric: 'p50', rounds: 8, pairs: 2 });
    expect(s!.sigma).toBeGreaterThan(0);
  });
});
