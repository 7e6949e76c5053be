import { describe, expect, it } from 'vitest';
import { DEFAULT_SLO, type SweepSettings } from '../results/sweep-schema.ts';
import type { ScenarioSpec } from '../plan/index.ts';
import { estimateSweepSeconds, scenarioSweepPlan, SWEEP_PROFILES, sweepProblems } from './settings.ts';

const spec = (sweep?: ScenarioSpec['sweep']): ScenarioSpec => ({
  schema_version: 1,
  name: 'ingest',
  description: 'd',
  vectors: [],
  workload: { kind: 'events', keys: 10, events_per_request: 100, invalid_share: 0, pool_size: 4 },
  preload: null,
  load: { schedule: { kind: 'constant', rate_per_s: 2000 }, connections: 64 },
  capacity: { connections: 32 },
  seed: 1,
  ...(sweep ? { sweep } : {}),
});
const quick = SWEEP_PROFILES.quick!;
const { step_factor: _f, ...quickSettings } = quick;
const settings: SweepSettings = { ...quickSettings, profile: 'quick' };

describe('scenarioSweepPlan', () => {
  it('starts at the scenario rate ÷ 8 with the profile’s factor and the default SLO when the scenario says nothing', () => {
    const p = scenarioSweepPlan(spec(), quick);
    expect(p.ladder).toMatchObject({ start_per_s: 250, factor: 1.5, rates_per_s: null });
    expect(p).toMatchObject({ slo: DEFAULT_SLO, slo_source: 'default' });
  });

  it('takes the scenario’s block over the profile, and flags over both', () => {
    const slo = { ...DEFAULT_SLO, min_achieved_share: 0.95 };
    const p = scenarioSweepPlan(spec({ start_per_s: 500, step_factor: 1.25, slo }), quick, { factor: 2 });
    expect(p.ladder).toMatchObject({ start_per_s: 500, factor: 2 });
    expect(p).toMatchObject({ slo, slo_source: 'scenario' });
  });

  it("replaces the scenario's latency bounds with --slo's, keeping its other conditions", () => {
    const slo = { ...DEFAULT_SLO, min_achieved_share: 0.95 };
    const latency = [{ percentile: 'p99' as const, figure: 'clean' as const, max_us: 5000 }];
    const p = scenarioSweepPlan(spec({ slo }), quick, { slo_latency: latency });
    expect(p).toMatchObject({ slo: { ...slo, latency }, slo_source: 'command line' });
  });

  it('uses an explicit list of rates as the ladder, its largest as the maximum', () => {
    expect(scenarioSweepPlan(spec(), quick, { rates_per_s: [4000, 1000, 2000] }).ladder).toMatchObject({ start_per_s: 1000, rates_per_s: [1000, 2000, 4000], max_per_s: 4000 });
  });
});

describe('sweepProblems', () => {
  it('lists every problem at once', () => {
    const bad = { ...settings, measure_s: 0.5, resolution: 2 };
    const plan = scenarioSweepPlan(spec({ start_per_s: 5000, max_per_s: 1000 }), quick);
    expect(sweepProblems(bad, [plan])).toEqual([
      '--duration must be at least 1 s (the trend test needs per-second p50s), got 0.5',
      '--resolution must be between 0 and 1 (0.02 = 2%), got 2',
      'ingest: the start rate 5000/s is above the maximum 1000/s',
    ]);
  });
});

describe('the quick profile', () => {
  it('plans go, node and rust on ingest within 10 minutes of phases and process starts (an estimate, to be measured)', () => {
    // Knees near the capacities measured on this machine (README): go ~4k, node ~3.7k, rust ~33k req/s.
    const ladder = scenarioSweepPlan(spec({ start_per_s: 250 }), quick).ladder;
    const total = [4000, 3700, 33_000].reduce((s, knee) => s + estimateSweepSeconds(settings, ladder, knee, 3), 0);
    expect(total).toBeLessThanOrEqual(600);
  });
});
