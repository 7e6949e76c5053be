import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../results/synthetic.ts';
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
  it('pools the per-round log-ratios of A/A pairs of runs', () => {
    const pairs = [1, 2].map((k) => [syntheticRun({ seed: 10 * k, repetitions: 4 }), syntheticRun({ seed: 10 * k + 1, repetitions: 4 })] as const);
    const [s] = pairedSigmas(pairs, 'ingest', 'go', ['p50']);
    expect(s).toMatchObject({ metric: 'p50', rounds: 8, pairs: 2 });
    expect(s!.sigma).toBeGreaterThan(0);
  });

  it('is zero for a pair of identical runs', () => {
    const run = syntheticRun({ seed: 3 });
    expect(pairedSigmas([[run, run]], 'ingest', 'go', ['p99'])[0]?.sigma).toBe(0);
  });
});
