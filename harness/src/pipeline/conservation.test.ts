// Nothing lost under load, end to end: a real Go processor that answers 200 but drops every
// 50th accepted event (INJECT_DROP_EVERY, off by default) fails its measurement; the same
// processor without the knob passes with its counters equal to what it acknowledged.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../plan/index.ts';
import type { Measurement } from '../results/schema.ts';
import { FileSink } from '../store/index.ts';
import { runPipeline } from './pipeline.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const roots: string[] = [];
afterAll(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

async function measureGo(inject: Record<string, string>): Promise<Measurement> {
  const resultsRoot = await mkdtemp(path.join(os.tmpdir(), 'conservation-'));
  roots.push(resultsRoot);
  const planned = await buildPlan({
    repoRoot, scenarios: ['ingest'], processors: ['go'], profile: 'quick', repetitions: 1,
    warmup_s: 0.5, measure_s: 1, capacity_s: 0, rate_scale: 0.25, baseline: 'go', threads: 1, pin: true,
    skip_verify: true, inject: { go: inject },
  });
  if (!planned.ok) throw new Error(planned.errors.join('\n'));
  const run = await runPipeline({
    repoRoot, plan: planned.plan, manifests: planned.manifests, sink: new FileSink(resultsRoot), resultsRoot,
    events: { emit: () => undefined }, skip_noise: true,
  });
  return run.measurements[0]!;
}

describe('the conservation check after a measurement', () => {
  it('passes a processor that kept every event it acknowledged', async () => {
    const m = await measureGo({});
    expect(m.status, m.failure?.message).toBe('ok');
    expect(m.conservation?.ok).toBe(true);
    expect(m.conservation!.acknowledged_events).toBeGreaterThan(0);
    expect(m.conservation!.reported_events).toBeGreaterThanOrEqual(m.conservation!.acknowledged_events);
  }, 300_000);

  it('fails a processor that drops acknowledged events, with both numbers, keeping its figures', async () => {
    const m = await measureGo({ INJECT_DROP_EVERY: '50' });
    expect(m.status).toBe('failed');
    expect(m.failure?.stage).toBe('conservation');
    expect(m.failure?.message).toMatch(/acknowledged \d+.* counts \d+/);
    expect(m.conservation!.reported_events).toBeLessThan(m.conservation!.acknowledged_events);
    expect(m.phases.find((p) => p.phase === 'measure')!.corrected.count).toBeGreaterThan(0);
  }, 300_000);
});
