import { describe, expect, it } from 'vitest';
import { sampleSweep, withLatencyMissAt } from '../sweep/fixtures/sample-sweep.ts';
import type { SweepResult } from '../results/sweep-schema.ts';
import { evaluateClaims } from './evaluate.ts';
import { parseClaims } from './load.ts';
import { syntheticRun } from '../results/synthetic.ts';
import type { ClaimsFile } from './schema.ts';

const file = (claims: unknown[]): ClaimsFile => {
  const r = parseClaims({ schema_version: 1, title: 't', claims });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.file;
};
const sustains = (over: Record<string, unknown> = {}) => ({ id: 'rust-1m', description: 'd', kind: 'sustainable_per_core', processor: 'rust', op: '>=', value: 1_000_000, latency: { percentile: 'p99', figure: 'clean', max_us: 1000 }, scenarios: ['ingest'], ...over });
const ratio = (at: unknown, over: Record<string, unknown> = {}) => ({ id: 'rust-vs-go', description: 'd', kind: 'equal_load_ratio', metric: 'p99_clean', subject: 'rust', reference: 'go', at, op: '<=', value: 0.75, scenarios: ['ingest'], ...over });
const run = syntheticRun({ seed: 1 });
const sweep = await sampleSweep();

describe('claims about load without a sweep', () => {
  it('are not measured, never an error', () => {
    const vs = evaluateClaims(run, file([sustains(), ratio({ fraction: 0.8, of: 'go' })]));
    expect(vs.map((v) => v.verdict)).toEqual(['inconclusive', 'inconclusive']);
    expect(vs.every((v) => /^not measured: no sweep given/.test(v.reasons[0]!))).toBe(true);
  });
});

describe('sustainable_per_core', () => {
  it('is supported when the confirmed sustainable rate per core is above the value', () => {
    const [v] = evaluateClaims(run, file([sustains()]), { sweeps: [sweep] });
    expect(v!.verdict).toBe('supported');
    expect(v!.measured!).toBeGreaterThan(2_000_000);
    expect(v!.ci_high!).toBeGreaterThan(v!.ci_low!);
  });

  it('is refuted when the processor failed a rate below the value', () => {
    expect(evaluateClaims(run, file([sustains({ value: 5_000_000 })]), { sweeps: [sweep] })[0]!.verdict).toBe('refuted');
  });

  it('is not measured when the sweep’s SLO is looser than the claim’s latency bound', () => {
    const [v] = evaluateClaims(run, file([sustains({ latency: { percentile: 'p99', figure: 'clean', max_us: 500 } })]), { sweeps: [sweep] });
    expect(v!.verdict).toBe('inconclusive');
    expect(v!.reasons[0]).toMatch(/^not measured: the sweep's SLO .* does not imply the claim's clean p99 ≤ 500 µs/);
  });

  it('cannot be refuted by a search the driver limited', () => {
    const limited: SweepResult = structuredClone(sweep);
    const rust = limited.scenarios[0]!.processors.find((p) => p.processor === 'rust')!;
    rust.sustainable = { ...rust.sustainable!, ended: 'driver-limited', lower_bound: true };
    expect(evaluateClaims(run, file([sustains({ value: 5_000_000 })]), { sweeps: [limited] })[0]!.verdict).toBe('inconclusive');
  });

  it('cannot be refuted by a latency miss at 5% of the processor’s budget (the machine’s floor)', () => {
    const [v] = evaluateClaims(run, file([sustains({ value: 5_000_000 })]), { sweeps: [withLatencyMissAt(sweep, 'rust', 0.05)] });
    expect(v!.verdict).toBe('inconclusive');
    expect(v!.reasons[0]).toMatch(/failed its latency bound at 5% of the processor's budget: the machine's latency floor/);
  });

  it('is still refuted by a latency miss with the processor near its limit', () => {
    expect(evaluateClaims(run, file([sustains({ value: 5_000_000 })]), { sweeps: [withLatencyMissAt(sweep, 'rust', 0.93)] })[0]!.verdict).toBe('refuted');
  });

  it('is inconclusive when the sustainable rate was not confirmed', () => {
    const unconfirmed: SweepResult = structuredClone(sweep);
    const rust = unconfirmed.scenarios[0]!.processors.find((p) => p.processor === 'rust')!;
    rust.sustainable = { ...rust.sustainable!, confirmation: { ...rust.sustainable!.confirmation, passed: 1, confirmed: false } };
    const [v] = evaluateClaims(run, file([sustains()]), { sweeps: [unconfirmed] });
    expect(v!.verdict).toBe('inconclusive');
    expect(v!.reasons[0]).toMatch(/not confirmed: 1 of 3/);
  });

  it('is not measured for a scenario the sweep did not cover', () => {
    expect(evaluateClaims(run, file([sustains({ scenarios: ['reads'] })]), { sweeps: [sweep] })[0]!.reasons[0]).toMatch(/^not measured: no sweep of rust on "reads"/);
  });
});

describe('equal_load_ratio', () => {
  it('compares both processors at the same absolute load: a fraction of the reference’s sustainable rate', () => {
    const [v] = evaluateClaims(run, file([ratio({ fraction: 0.8, of: 'go' })]), { sweeps: [sweep] });
    expect(v!.verdict).toBe('supported');
    expect(v!.measured!).toBeLessThan(0.5);
    expect(v!.n).toBe(3);
  });

  it('compares each at the same fraction of its own sustainable rate', () => {
    // Queue models at equal utilisation have equal latency: the ratio is 1, the claim refuted.
    const [v] = evaluateClaims(run, file([ratio({ fraction: 0.8, of: 'each' })]), { sweeps: [sweep] });
    expect(v!.measured!).toBeCloseTo(1, 0);
    expect(v!.verdict).toBe('refuted');
  });

  it('is inconclusive on a ladder rate measured once', () => {
    const [v] = evaluateClaims(run, file([ratio({ rate_per_s: 250 })]), { sweeps: [sweep] });
    expect(v!.verdict).toBe('inconclusive');
    expect(v!.reasons.join(' ')).toMatch(/at least 3 needed/);
  });

  it('is not measured at a load the sweep has no steps for, and says which rates it has', () => {
    const [v] = evaluateClaims(run, file([ratio({ rate_per_s: 777 })]), { sweeps: [sweep] });
    expect(v!.reasons[0]).toMatch(/^not measured: no rust step at 777\/s \(rates both sustained: 250, 375/);
  });

  it('refuses a claim comparing a processor with itself', () => {
    expect(parseClaims({ schema_version: 1, title: 't', claims: [ratio({ fraction: 0.8, of: 'go' }, { reference: 'rust' })] })).toMatchObject({ ok: false });
  });
});
