// The end-to-end proof that a collector's work in a real measurement reaches the tail composition
// (issue #10, "How it is proven"): Go and Node each forced to collect hard, measured as the
// pipeline measures them (pinned to one CPU, stall recorder on). Their slow requests must come out
// attributed to the collector, its stop-the-world pauses (`runtime_pause`) or a cycle in progress
// (`gc_cycle`), far more often than the collector's share of all requests: the collector made
// them slow, it did not merely happen to be running.
//
// The thresholds, from runs of each case on this project's 2-core VM while other work shared it
// (its platform stall share varied from 0.1% to 7% between runs). Go, 500 req/s: the collector had
// 27–100% of the p99 tail (92–100% in the quieter runs) against 4.5–6.3% of all requests. Node,
// 300 req/s, six runs: 40–100% against 3.3–6.5% (at 200 req/s the collector's requests were only
// 1.3–2.5% of all, at the p99's edge, and the other work on the machine, invisible to a SCHED_FIFO
// recorder, took the whole tail once; at 500 req/s Node fell behind near its heap limit). The rest
// of the tail was platform stalls. So: at least 15% of the tail and at least 3× the collector's
// share of all requests (it was 4× or more in every run).
//
// Why not GOGC=5 on ingest: its live heap is small, so a cycle is ~2 ms and came 2–3 times a
// second (1% of the time); the tail was platform stalls and the machine, never the collector.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../plan/index.ts';
import type { TailCause } from '../record/tail.ts';
import { attributedMeasurement, type AttributedMeasurement } from './attributed-measurement.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const WARMUP_S = 0.5;
const MEASURE_S = 5;
const COLLECTOR: readonly TailCause[] = ['runtime_pause', 'gc_cycle'];
const MIN_TAIL_SHARE = 0.15;
const MIN_ENRICHMENT = 3;
const MIN_CYCLES = 5;

interface Case {
  processor: string;
  scenario: string;
  env: Record<string, string>;
  adjust?: (spec: ScenarioSpec) => ScenarioSpec;
  /**
   * Of the scenarios' 2000 req/s. A one-CPU processor on a shared machine must not be overloaded,
   * or its tail is its queue: Node near its heap limit at 500 req/s fell behind and its slowest
   * requests were all queued behind it long after the collection ended (unexplained).
   */
  rate_scale: number;
  why: string;
}

/** ingest-large-state with a quarter of its keys: a 100 MB heap to trace, preloaded in a few seconds. */
function quarterOfTheKeys(spec: ScenarioSpec): ScenarioSpec {
  const w = spec.workload;
  if (w.kind !== 'events' || !spec.preload) throw new Error(`${spec.name} is not an events scenario with a preload`);
  return { ...spec, workload: { ...w, keys: w.keys / 4 }, preload: { ...spec.preload, keys: spec.preload.keys / 4 } };
}

const CASES: Case[] = [
  {
    processor: 'go',
    scenario: 'ingest-large-state',
    env: { GOGC: '1' },
    adjust: quarterOfTheKeys,
    rate_scale: 0.25,
    why: '250,000 keys and GOGC=1: a cycle tracing the whole heap every 1% of growth',
  },
  {
    processor: 'node',
    scenario: 'ingest',
    env: { NODE_OPTIONS: '--max-old-space-size=12 --max-semi-space-size=1' },
    rate_scale: 0.15,
    why: 'a 12 MB old generation and a 1 MiB young one: scavenges promote into a heap near its limit, so mark-sweep-compacts follow',
  },
];

const collectorShare = (counts: Record<TailCause, number>, of: number) => (of === 0 ? 0 : COLLECTOR.reduce((s, c) => s + counts[c], 0) / of);

for (const c of CASES) {
  describe(`a real measurement of ${c.processor} on ${c.scenario}, ${c.why}`, () => {
    let m: AttributedMeasurement<undefined>;

    beforeAll(async () => {
      m = await attributedMeasurement({
        repoRoot,
        processor: c.processor,
        scenario: c.scenario,
        warmup_s: WARMUP_S,
        measure_s: MEASURE_S,
        rate_scale: c.rate_scale,
        env: c.env,
        ...(c.adjust ? { adjust: c.adjust } : {}),
      });
    }, 180_000);

    it(`records at least ${MIN_CYCLES} collector cycles during the measure phase`, () => {
      const cycles = (m.measurement.gc_cycles ?? []).filter((g) => g.start_s >= WARMUP_S && g.start_s < WARMUP_S + MEASURE_S);
      expect(cycles.length).toBeGreaterThanOrEqual(MIN_CYCLES);
    });

    it(`attributes at least ${MIN_TAIL_SHARE * 100}% of the p99 tail, and ${MIN_ENRICHMENT}× the collector's share of all requests, to the collector`, () => {
      const tail = m.measurement.tail!.p99;
      const all = Object.fromEntries(COLLECTOR.map((k) => [k, m.requests.filter((a) => a.cause === k).length])) as Record<TailCause, number>;
      const overall = collectorShare({ ...tail.counts, ...all }, m.requests.length);
      const inTail = collectorShare(tail.counts, tail.slow);
      const detail = JSON.stringify({ processor: c.processor, tail, overall, inTail, stall_share: m.measurement.platform?.stall_share });
      expect(tail.slow, detail).toBeGreaterThan(0);
      expect(inTail, detail).toBeGreaterThanOrEqual(MIN_TAIL_SHARE);
      expect(inTail, detail).toBeGreaterThanOrEqual(MIN_ENRICHMENT * overall);
    });
  });
}
