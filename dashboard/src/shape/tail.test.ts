import { beforeAll, describe, expect, it } from 'vitest';
import type { RunView } from '../../../harness/src/serve/api-types.ts';
import { realRunView, runView } from './fixtures.ts';
import { CAUSE_ORDER, tailBars, tailComposition } from './tail.ts';

let real: RunView;
beforeAll(async () => {
  real = await realRunView();
});

const ingest = (run: RunView, processor: string) => run.measurements.filter((m) => m.scenario === 'ingest' && m.processor === processor);

describe('tailComposition', () => {
  it('has one entry per processor of the scenario, in manifest order', () => {
    expect(tailComposition(real, 'ingest').map((t) => t.processor)).toEqual(real.manifest.processors.map((p) => p.name));
  });

  it('pools the cause counts of every repetition, in precedence order', () => {
    const go = tailComposition(real, 'ingest').find((t) => t.processor === 'go')!;
    if (go.state !== 'recorded') throw new Error('go has no tail');
    const reps = ingest(real, 'go');
    expect(go.p99.causes.map((c) => c.cause)).toEqual(CAUSE_ORDER);
    for (const c of go.p99.causes) expect(c.count).toBe(reps.reduce((s, m) => s + m.tail!.p99.counts[c.cause], 0));
    expect(go.p99.slow).toBe(reps.reduce((s, m) => s + m.tail!.p99.slow, 0));
    expect(go.p999.slow).toBe(reps.reduce((s, m) => s + m.tail!.p999.slow, 0));
  });

  it('gives each cause its share of the pooled slow requests', () => {
    for (const t of tailComposition(real, 'ingest')) {
      if (t.state !== 'recorded') throw new Error(`${t.processor} has no tail`);
      for (const mix of [t.p99, t.p999]) {
        for (const c of mix.causes) expect(c.share).toBeCloseTo(c.count / mix.slow, 12);
        expect(mix.causes.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 12);
      }
    }
  });

  it('keeps each repetition\u2019s raw and clean p99 with their order-statistic intervals', () => {
    const rust = tailComposition(real, 'ingest').find((t) => t.processor === 'rust')!;
    if (rust.state !== 'recorded') throw new Error('rust has no tail');
    const reps = ingest(real, 'rust').sort((a, b) => a.repetition - b.repetition);
    expect(rust.repetitions.map((r) => r.raw_p99)).toEqual(reps.map((m) => m.raw_intervals!.p99));
    expect(rust.repetitions.map((r) => r.clean_p99)).toEqual(reps.map((m) => m.clean!.p99));
    expect(rust.repetitions.map((r) => r.stalls_induced)).toEqual(reps.map((m) => m.platform!.stalls_induced));
  });

  it('leaves a failed repetition out of the pooled counts', () => {
    const broken = structuredClone(real);
    const failed = ingest(broken, 'node').find((m) => m.repetition === 1)!;
    failed.status = 'failed';
    const node = tailComposition(broken, 'ingest').find((t) => t.processor === 'node')!;
    if (node.state !== 'recorded') throw new Error('node has no tail');
    expect(node.repetitions.map((r) => r.repetition)).toEqual([0, 2]);
    expect(node.p99.slow).toBe(ingest(real, 'node').filter((m) => m.repetition !== 1).reduce((s, m) => s + m.tail!.p99.slow, 0));
  });

  it('says "not recorded (v1 run)" for a run written without tail figures', () => {
    const old = runView({ seed: 4 });
    expect(tailComposition(old, 'ingest').map((t) => (t.state === 'not-recorded' ? t.reason : t.state))).toEqual([
      'not recorded (v1 run)', 'not recorded (v1 run)', 'not recorded (v1 run)',
    ]);
  });

  it('says so when no repetition of a processor succeeded', () => {
    const broken = structuredClone(real);
    for (const m of ingest(broken, 'go')) m.status = 'failed';
    expect(tailComposition(broken, 'ingest').find((t) => t.processor === 'go')).toEqual({ processor: 'go', state: 'not-recorded', reason: 'no successful repetition' });
  });
});

describe('tailBars', () => {
  it('draws a p99 and a p99.9 bar per processor that recorded its tail, counts beside shares', () => {
    const mixed = structuredClone(real);
    for (const m of ingest(mixed, 'node-rust')) delete m.tail;
    const bars = tailBars(tailComposition(mixed, 'ingest'));
    expect(bars.map((b) => b.label)).toEqual(['go p99', 'go p99.9', 'node p99', 'node p99.9', 'rust p99', 'rust p99.9']);
    const rustP999 = bars.find((b) => b.label === 'rust p99.9')!;
    const pooled = ingest(real, 'rust').reduce((s, m) => s + m.tail!.p999.counts.platform_processor_cpu, 0);
    expect(rustP999.platform_processor_cpu_count).toBe(pooled);
    expect(rustP999.platform_processor_cpu).toBeCloseTo(pooled / rustP999.slow, 12);
  });
});
