import { describe, expect, it } from 'vitest';
import { SweepResult } from '../results/sweep-schema.ts';
import { sampleSweep } from './fixtures/sample-sweep.ts';

describe('the sweep result schema', () => {
  it('takes a sweep through JSON and back unchanged', async () => {
    const s = await sampleSweep();
    expect(SweepResult.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('names the field of a broken sweep', async () => {
    const s = await sampleSweep();
    const broken = JSON.parse(JSON.stringify(s)) as { scenarios: Array<{ processors: Array<{ steps: Array<{ offered_rate_per_s: unknown }> }> }> };
    broken.scenarios[0]!.processors[0]!.steps[0]!.offered_rate_per_s = -1;
    const r = SweepResult.safeParse(broken);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path.join('.')).toBe('scenarios.0.processors.0.steps.0.offered_rate_per_s');
  });
});
