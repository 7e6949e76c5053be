import { describe, expect, it } from 'vitest';
import { MicrobenchRecord } from '../results/microbench-schema.ts';
import { itemsPerSecond, recordOf } from './records.ts';

const set = (samples_ns: number[]) => ({ name: 'ingest', implementation: 'go', language: 'Go', batch_size: 100, batch_unit: 'events', samples_ns, iterations: 10 * samples_ns.length });

describe('recordOf', () => {
  it('gives the median and the order-statistics interval of the samples', () => {
    const r = recordOf(set(Array.from({ length: 31 }, (_, i) => 100 + i)), 'cargo bench', 'rustc 1.95.0');
    expect([r.median_ns, r.ci_low_ns, r.ci_high_ns]).toEqual([115, 109, 121]);
    expect(MicrobenchRecord.safeParse(r).success).toBe(true);
  });

  it('has no interval below six samples', () => {
    const r = recordOf(set([3, 1, 2]), 't', 'r');
    expect([r.median_ns, r.ci_low_ns, r.ci_high_ns, r.samples]).toEqual([2, null, null, 3]);
  });
});

describe('itemsPerSecond', () => {
  it('is batch size over the time of one call', () => {
    expect(itemsPerSecond({ batch_size: 100 }, 50_000)).toBe(2_000_000);
  });
});
