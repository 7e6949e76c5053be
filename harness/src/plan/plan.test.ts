import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPlan, choosePinning, interleave } from './plan.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('plan', () => {
  it('interleaves processors within each repetition', () => {
    const steps = interleave(['ingest'], ['node', 'go'], 2).map((s) => `${s.processor}${s.repetition}`);
    expect(steps).toEqual(['node0', 'go0', 'node1', 'go1']);
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
