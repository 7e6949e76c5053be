import { describe, expect, it } from 'vitest';
import type { ProcessorSweep, ScenarioSweep } from '../results/sweep-schema.ts';
import { commonSustainedRates, equalLoadTargets, stepsAtBasis, targetsWithin } from './equal-load.ts';
import { syntheticStep } from './fixtures/synthetic-steps.ts';

describe('equalLoadTargets', () => {
  it('makes one target per fraction of each sustainable rate, ascending', () => {
    const t = equalLoadTargets([{ processor: 'go', rate_per_s: 4000 }, { processor: 'rust', rate_per_s: 20_000 }], [0.5, 0.8]);
    expect(t).toEqual([
      { rate_per_s: 2000, basis: [{ fraction: 0.5, of: 'go' }] },
      { rate_per_s: 3200, basis: [{ fraction: 0.8, of: 'go' }] },
      { rate_per_s: 10_000, basis: [{ fraction: 0.5, of: 'rust' }] },
      { rate_per_s: 16_000, basis: [{ fraction: 0.8, of: 'rust' }] },
    ]);
  });

  it('merges two equal loads that land on one rate', () => {
    const t = equalLoadTargets([{ processor: 'go', rate_per_s: 4000 }, { processor: 'node', rate_per_s: 2500 }], [0.5, 0.8]);
    expect(t.find((x) => x.rate_per_s === 2000)!.basis).toEqual([{ fraction: 0.5, of: 'go' }, { fraction: 0.8, of: 'node' }]);
  });

  it('leaves out a processor that sustained nothing', () => {
    expect(equalLoadTargets([{ processor: 'node', rate_per_s: 0 }], [0.5])).toEqual([]);
  });
});

describe('targetsWithin', () => {
  it('keeps the rates a processor sustains', () => {
    const t = equalLoadTargets([{ processor: 'go', rate_per_s: 4000 }, { processor: 'rust', rate_per_s: 20_000 }], [0.5, 0.8]);
    expect(targetsWithin(t, 4000).map((x) => x.rate_per_s)).toEqual([2000, 3200]);
  });
});

const proc = (processor: string, steps: ProcessorSweep['steps']): ProcessorSweep => ({ processor, excluded: null, steps, sustainable: null, native_ceiling: null, autocannon: null });

describe('stepsAtBasis', () => {
  it('finds the equal-load steps of one basis, by repetition', () => {
    const at = (rep: number) => ({ ...syntheticStep(3200, { p99_clean_us: 300 }, 'equal-load', rep), basis: [{ fraction: 0.8, of: 'go' }] });
    const p = proc('rust', [at(1), syntheticStep(3200, { p99_clean_us: 300 }), at(0)]);
    expect(stepsAtBasis(p, { fraction: 0.8, of: 'go' }).map((s) => s.repetition)).toEqual([0, 1]);
    expect(stepsAtBasis(p, { fraction: 0.5, of: 'go' })).toEqual([]);
  });
});

describe('commonSustainedRates', () => {
  it('is the ladder rates every processor sustained on its curve', () => {
    const sc = {
      processors: [
        proc('go', [syntheticStep(1000, { p99_clean_us: 300 }), syntheticStep(1500, { p99_clean_us: 600 }), syntheticStep(2250, { p99_clean_us: 5000 })]),
        proc('rust', [syntheticStep(1000, { p99_clean_us: 100 }), syntheticStep(1500, { p99_clean_us: 120 }), syntheticStep(2250, { p99_clean_us: 150 })]),
      ],
    } as ScenarioSweep;
    expect(commonSustainedRates(sc, ['go', 'rust'])).toEqual([1000, 1500]);
  });
});
