import { describe, expect, it } from 'vitest';
import { sampleSweep } from '../../sweep/fixtures/sample-sweep.ts';
import { sweepFromRows, sweepRows } from './sweep-rows.ts';

const asStored = (rows: ReturnType<typeof sweepRows>) => ({
  results: rows.sweep_results.map((r) => JSON.parse(JSON.stringify(r)) as never),
  steps: rows.sweep_steps.map((r) => JSON.parse(JSON.stringify(r)) as never),
});

describe('sweep rows', () => {
  it('read back as the sweep they were made of, in any row order', async () => {
    const s = await sampleSweep();
    const rows = asStored(sweepRows(s, 7));
    expect(sweepFromRows({ results: [...rows.results].reverse(), steps: [...rows.steps].reverse() })).toEqual(s);
  });

  it('carry one result row per scenario × processor and one step row per step', async () => {
    const s = await sampleSweep();
    const rows = sweepRows(s, 7);
    expect(rows.sweep_results.map((r) => r.processor)).toEqual(['go', 'rust', 'node']);
    expect(rows.sweep_steps).toHaveLength(s.scenarios[0]!.processors.reduce((n, p) => n + p.steps.length, 0));
  });

  it('put the sustainable throughput in columns, booleans as 0/1', async () => {
    const s = await sampleSweep();
    const rust = sweepRows(s, 7).sweep_results.find((r) => r.processor === 'rust')!;
    const sus = s.scenarios[0]!.processors.find((p) => p.processor === 'rust')!.sustainable!;
    expect(rust).toMatchObject({ sustainable_rate_per_s: sus.rate_per_s, events_per_s_per_core: sus.events_per_s_per_core, confirmed: 1, lower_bound: 0 });
    expect(sweepRows(s, 7).sweep_results.find((r) => r.processor === 'node')).toMatchObject({ sustainable_rate_per_s: null, confirmed: 0 });
  });

  it('answer nothing for no rows', () => {
    expect(sweepFromRows({ results: [], steps: [] })).toBeUndefined();
  });
});
