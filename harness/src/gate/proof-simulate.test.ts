import { describe, expect, it } from 'vitest';
import { simulatePairs, type SimulationOptions } from './proof-simulate.ts';

const base: Omit<SimulationOptions, 'effect'> = {
  noise: { sigma_within: 0.03, sigma_between: 0, repetitions: 5 },
  pairs: 300,
  seed: 1,
  limits: 'p99=+10%',
  rule: 'ci-beyond-limit',
  confidence: 0.95,
};

describe('gate simulation', () => {
  it('raises almost no false alarms on A/A pairs', () => {
    const r = simulatePairs({ ...base, effect: 1 });
    expect(r.exit1 / r.pairs).toBeLessThan(0.02);
  });

  it('detects a +40% p99 almost always at low noise', () => {
    const r = simulatePairs({ ...base, effect: 1.4 });
    expect(r.metric_flagged / r.pairs).toBeGreaterThan(0.95);
  });

  it('pairing the rounds cancels what both runs of a pair share', () => {
    const noisy = { ...base, noise: { sigma_within: 0.03, sigma_between: 0, sigma_shared: 0.5, repetitions: 5 }, effect: 1.4 };
    expect(simulatePairs(noisy).metric_flagged / noisy.pairs).toBeGreaterThan(0.95);
  });

  it('is deterministic for a seed', () => {
    expect(simulatePairs({ ...base, effect: 1.15, pairs: 50 })).toEqual(simulatePairs({ ...base, effect: 1.15, pairs: 50 }));
  });
});
