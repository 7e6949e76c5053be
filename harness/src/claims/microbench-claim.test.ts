import { describe, expect, it } from 'vitest';
import type { MicrobenchRecord, StoredMicrobench } from '../results/microbench-schema.ts';
import { microbenchClaim } from './microbench-claim.ts';
import { Claim } from './schema.ts';

function record(name: string, implementation: string, batch_size: number, samples_ns: number[]): MicrobenchRecord {
  const sorted = [...samples_ns].sort((a, b) => a - b);
  return {
    name, implementation, language: 'x', batch_size, batch_unit: 'events', tool: 't', runtime: 'r',
    median_ns: sorted[sorted.length >> 1]!, ci_low_ns: null, ci_high_ns: null, ci_level: 0.95, ci_method: 'median-order-statistics',
    samples: samples_ns.length, iterations: samples_ns.length, samples_ns,
  };
}

/** 40 samples spread evenly ±spread around a centre. */
const around = (centre: number, spread: number) => Array.from({ length: 40 }, (_, i) => centre + spread * (i / 39 - 0.5) * 2);

function result(records: MicrobenchRecord[], smoke = false): StoredMicrobench {
  return { schema_version: 1, id: '20261201T120000Z-abc1234-0001', suite: 'harness-microbench', created_at: '2026-12-01T12:00:00Z', git_commit: null, host: { hostname: 'h', platform: 'linux', cpu_count: 2 }, smoke, results: records };
}

const claim = (fields: Record<string, unknown>) =>
  Claim.parse({ id: 'c', description: 'd', kind: 'microbench', function: 'ingest', implementation: 'python-ffi', batch_size: 1, op: '<=', ...fields }) as Extract<Claim, { kind: 'microbench' }>;

const mb = result([
  record('noop', 'python-ffi', 1, around(50, 10)),
  record('ingest', 'python-ffi', 1, around(950, 100)),
  record('ingest', 'rust-core', 1, around(500, 20)),
  record('ingest', 'python-ffi', 100, around(30_000, 2_000)),
  record('ingest', 'rust-core', 100, around(24_000, 1_000)),
]);

describe('microbench claims', () => {
  it('supports a call-cost claim when the whole interval of the median is below the limit', () => {
    const v = microbenchClaim(claim({ function: 'noop', value: 1000 }), mb, 0.95);
    expect(v.verdict).toBe('supported');
    expect(v.measured).toBeCloseTo(50, 0);
    expect(v.ci_high!).toBeLessThan(60);
  });

  it('refutes a call-cost claim when the whole interval is above the limit', () => {
    expect(microbenchClaim(claim({ function: 'noop', value: 20 }), mb, 0.95).verdict).toBe('refuted');
  });

  it('measures a boundary cost as the difference of the two medians, with both intervals folded in', () => {
    const v = microbenchClaim(claim({ minus: 'rust-core', value: 1000 }), mb, 0.95);
    expect(v.measured).toBeCloseTo(450, -1);
    expect(v.ci_low!).toBeLessThan(450);
    expect(v.ci_high!).toBeGreaterThan(450);
    expect(v.verdict).toBe('supported');
  });

  it('measures throughput kept as the reference time over the subject time', () => {
    const v = microbenchClaim(claim({ batch_size: 100, relative_to: 'rust-core', op: '>=', value: 0.5 }), mb, 0.95);
    expect(v.measured).toBeCloseTo(0.8, 1);
    expect(v.verdict).toBe('supported');
  });

  it('is inconclusive when the interval straddles the limit', () => {
    expect(microbenchClaim(claim({ batch_size: 100, relative_to: 'rust-core', op: '>=', value: 0.8 }), mb, 0.95).verdict).toBe('inconclusive');
  });

  it('names the missing case instead of guessing', () => {
    const v = microbenchClaim(claim({ batch_size: 10, minus: 'rust-core', value: 1000 }), mb, 0.95);
    expect(v.verdict).toBe('inconclusive');
    expect(v.reasons[0]).toContain('no ingest × python-ffi or rust-core at batch size 10');
  });

  it('says how to get a result when there is none, and refuses a smoke result', () => {
    expect(microbenchClaim(claim({ value: 1000 }), null, 0.95).reasons[0]).toContain('npm run microbench');
    expect(microbenchClaim(claim({ value: 1000 }), result(mb.results, true), 0.95).reasons[0]).toContain('smoke');
  });

  it('rejects a claim that gives both minus and relative_to', () => {
    expect(Claim.safeParse({ id: 'c', description: 'd', kind: 'microbench', function: 'ingest', implementation: 'a', batch_size: 1, minus: 'b', relative_to: 'b', op: '<=', value: 1 }).success).toBe(false);
  });
});
