// The end-to-end proof that a collector's work in a real measurement reaches the tail composition
// (issue #10, "How it is proven"): Go with GOGC=5 and Node with a young generation of 1 MiB, each
// measured as the pipeline measures it, pinned to one CPU. Their slow requests must come out
// attributed to the collector: its stop-the-world pauses (`runtime_pause`) or a cycle in progress
// (`gc_cycle`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TailCause } from '../record/tail.ts';
import { attributedMeasurement, type AttributedMeasurement } from './attributed-measurement.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const WARMUP_S = 0.5;
const MEASURE_S = 3;

const COLLECTOR: readonly TailCause[] = ['runtime_pause', 'gc_cycle'];

interface Case {
  processor: string;
  env: Record<string, string>;
  rate_scale: number;
  why: string;
  /** The share of the p99 tail the collector must explain at least (see each case). */
  min_share: number;
}

const CASES: Case[] = [
  {
    processor: 'go',
    env: { GOGC: '5' },
    rate_scale: 1,
    why: 'GOGC=5: a cycle each time the heap grows 5% over the live heap',
    min_share: 0.5,
  },
  {
    processor: 'node',
    env: { NODE_OPTIONS: '--max-semi-space-size=1' },
    rate_scale: 0.5,
    why: 'a 1 MiB young generation: a scavenge every few requests',
    min_share: 0.5,
  },
];

const shareOf = (counts: Record<TailCause, number>, causes: readonly TailCause[], slow: number) =>
  slow === 0 ? 0 : causes.reduce((s, c) => s + counts[c], 0) / slow;

for (const c of CASES) {
  describe(`a real measurement of ${c.processor} on ingest, ${c.why}`, () => {
    let m: AttributedMeasurement<undefined>;

    beforeAll(async () => {
      m = await attributedMeasurement({ repoRoot, processor: c.processor, scenario: 'ingest', warmup_s: WARMUP_S, measure_s: MEASURE_S, rate_scale: c.rate_scale, env: c.env });
    }, 180_000);

    it('records the collector at work through the measure phase', () => {
      const measure = (m.measurement.gc_cycles ?? []).filter((g) => g.start_s >= WARMUP_S && g.start_s < WARMUP_S + MEASURE_S);
      expect(measure.length, JSON.stringify(m.measurement.gc_cycles?.slice(0, 5))).toBeGreaterThanOrEqual(MEASURE_S * 2);
    });

    it(`attributes at least ${c.min_share * 100}% of the p99 tail to the collector`, () => {
      const tail = m.measurement.tail!.p99;
      const detail = JSON.stringify({ tail, platform: m.measurement.platform?.stall_share });
      expect(tail.slow, detail).toBeGreaterThan(0);
      expect(shareOf(tail.counts, COLLECTOR, tail.slow), detail).toBeGreaterThanOrEqual(c.min_share);
    });
  });
}
