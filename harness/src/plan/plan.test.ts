import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPlan, choosePinning, interleave } from './plan.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('plan', () => {
  it('interleaves processors within each repetition', () => {
    const steps = interleave(['ingest'], ['node', 'go'], 2).flatMap((s) => (s.kind === 'measure' ? [`${s.processor}${s.repetition}`] : []));
    expect(steps).toEqual(['node0', 'go0', 'node1', 'go1']);
  });

  it('records its seed, and the same seed gives the same order', async () => {
    const base = { repoRoot, processors: ['go', 'rust'], baseline: 'go', threads: 1, pin: true, profile: 'quick' };
    const a = await buildPlan({ ...base, seed: 1234 });
    const b = await buildPlan({ ...base, seed: 1234 });
    if (!a.ok || !b.ok) throw new Error('plans should build');
    expect(a.plan.seed).toBe(1234);
    expect(a.plan.steps).toEqual(b.plan.steps);
  });

  it('draws a seed when none is given', async () => {
    const r = await buildPlan({ repoRoot, processors: ['go'], baseline: 'go', threads: 1, pin: true, profile: 'quick' });
    if (!r.ok) throw new Error('plan should build');
    expect(Number.isInteger(r.plan.seed)).toBe(true);
  });

  it('refuses a seed that is not a whole number in range', async () => {
    const r = await buildPlan({ repoRoot, processors: ['go'], baseline: 'go', threads: 1, pin: true, profile: 'quick', seed: -1 });
    expect(r.ok ? [] : r.errors).toEqual([expect.stringMatching(/--seed must be a whole number/)]);
  });

  it("takes the profile's precision and bounds the phases' length by its cap", async () => {
    const r = await buildPlan({ repoRoot, processors: ['go'], baseline: 'go', threads: 1, pin: true, profile: 'quick' });
    if (!r.ok) throw new Error('plan should build');
    expect(r.plan.precision).toMatchObject({ target_pct: 5, of: 'p99' });
    expect(r.plan.estimated_max_measure_s).toBeGreaterThan(r.plan.estimated_measure_s);
  });

  it('pins the processor to the last cores and the driver to the rest', () => {
    expect(choosePinning(2, 1, true)).toEqual({ enabled: true, driver_cpus: [0], processor_cpus: [1], driver_realtime: false });
    expect(choosePinning(8, 2, true, true)).toEqual({ enabled: true, driver_cpus: [0, 1, 2, 3, 4, 5], processor_cpus: [6, 7], driver_realtime: true });
  });

  it('does not pin on a one-core machine', () => {
    expect(choosePinning(1, 1, true).enabled).toBe(false);
  });

  it('reports every problem at once', async () => {
    const result = await buildPlan({
      repoRoot,
      scenarios: ['ingest', 'no-such-scenario'],
      processors: ['no-such-processor'],
      profile: 'no-such-profile',
      baseline: 'go',
      threads: 0,
      pin: true,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.errors.join('\n');
    expect(text).toMatch(/unknown profile "no-such-profile"/);
    expect(text).toMatch(/unknown scenario "no-such-scenario"/);
    expect(text).toMatch(/unknown processor "no-such-processor"/);
    expect(text).toMatch(/--threads must be a positive integer/);
  });

  it("runs the profile's scenarios unless --scenarios names others", async () => {
    const base = { repoRoot, processors: ['go'], baseline: 'go', threads: 1, pin: true };
    const quick = await buildPlan({ ...base, profile: 'quick' });
    const full = await buildPlan({ ...base, profile: 'full' });
    const named = await buildPlan({ ...base, profile: 'quick', scenarios: ['reads'] });
    if (!quick.ok || !full.ok || !named.ok) throw new Error('plans should build');
    expect(quick.plan.scenarios.map((s) => s.name)).toEqual(['ingest']);
    expect(full.plan.scenarios.length).toBeGreaterThan(1);
    expect(named.plan.scenarios.map((s) => s.name)).toEqual(['reads']);
  });
});
