import { describe, expect, it } from 'vitest';
import { memoryStore } from '../gate/fixtures/memory-store.ts';
import { syntheticRun } from '../results/synthetic.ts';
import { runCompare } from './run-compare.ts';

const stats = { method: 'auto' as const, pairing: 'rounds' as const, confidence: 0.95, min_n: 3, include_driver_limited: false };
const store = memoryStore([syntheticRun({ seed: 1 }), syntheticRun({ seed: 2, scenarios: ['mixed'] })]);

describe('runCompare', () => {
  it('refuses runs that share no scenario, naming what each has', async () => {
    const out = await runCompare({ kind: 'runs', a: 'synthetic-000001', b: 'synthetic-000002' }, stats, 'text', store);
    expect(out.ok === false && out.problems).toEqual([
      'A and B have no scenario × processor in common',
      'scenario ingest is only in A',
      'scenario reads is only in A',
      'scenario mixed is only in B',
    ]);
  });

  it('lists both missing runs', async () => {
    const out = await runCompare({ kind: 'runs', a: 'x1', b: 'x2' }, stats, 'text', store);
    expect(out.ok === false && out.problems).toEqual(['A: run "x1" does not exist in the memory store', 'B: run "x2" does not exist in the memory store']);
  });

  it('refuses a processor the run does not have', async () => {
    const out = await runCompare({ kind: 'processors', run: 'synthetic-000001', a: 'go', b: 'zig' }, stats, 'text', store);
    expect(out.ok === false && out.problems[0]).toMatch(/processor "zig" is not in run synthetic-000001/);
  });

  it('renders Markdown and JSON for two processors of one run', async () => {
    const md = await runCompare({ kind: 'processors', run: 'synthetic-000001', a: 'go', b: 'rust' }, stats, 'markdown', store);
    expect(md.ok && md.stdout).toContain('| scenario | processor |');
    const js = await runCompare({ kind: 'processors', run: 'synthetic-000001', a: 'go', b: 'rust' }, stats, 'json', store);
    expect(js.ok && JSON.parse(js.stdout).rows.length).toBeGreaterThan(0);
  });
});
