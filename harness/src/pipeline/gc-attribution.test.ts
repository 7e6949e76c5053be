// The end-to-end proof that a collector's work in a real measurement reaches the tail composition
// (issue #10, "How it is proven"): Go and Node each forced to collect hard, measured as the
// pipeline measures them (pinned to one CPU, stall recorder on). The slow requests of the
// processor's own tail (those the clean figures keep, above their p99) must come out attributed to
// the collector, its stop-the-world pauses (`runtime_pause`) or a cycle in progress (`gc_cycle`),
// far more often than the collector's share of all those requests: the collector made them slow,
// it did not merely happen to be running.
//
// The thresholds, from five runs of each case on this project's 2-core VM while other work shared
// it (platform stall share 0.3–5%): the collector had 58–100% of Go's own p99 tail against 3.9–6.2%
// of its requests, and 57–100% of Node's against 0.8–2.3%. The raw tail is not asserted on: a run
// now and then has platform stalls of tens of ms that take all of it, and platform stalls come
// first (seen: 15 of 15 for Node, stall share 3.3%). So: at least 30% of the processor's own tail
// and at least 3× the collector's share of its requests (it was 9× or more in every run).
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
const MIN_TAIL_SHARE = 0.3;
const MIN_ENRICHMENT = 3;
const MIN_CYCLES = 5;
const MAX_ATTEMPTS = 4;
const PLATFORM: readonly TailCause[] = ['platform_processor_cpu', 'platform_driver_cpu'];

/**
 * The backlog did not grow: the median latency of the measure phase's last second is within 5× of
 * its first second's (a processor that keeps up has the same median throughout; one falling behind
 * adds its deficit every second).
 */
function keptUp(m: AttributedMeasurement<undefined>): boolean {
  const r = m.drive.records;
  const t0 = WARMUP_S * 1e9;
  const inSecond = (from_s: number) => {
    const xs: number[] = [];
    for (let i = 0; i < r.intended_ns.length; i++) {
      const t = r.intended_ns[i]! - t0;
      if (t >= from_s * 1e9 && t < (from_s + 1) * 1e9 && r.done_ns[i]! > 0) xs.push(r.done_ns[i]! - r.intended_ns[i]!);
    }
    xs.sort((a, b) => a - b);
    return xs.length ? xs[xs.length >> 1]! : Number.NaN;
  };
  const first = inSecond(0);
  const last = inSecond(MEASURE_S - 1);
  return Number.isFinite(first) && Number.isFinite(last) && last <= 5 * first;
}

/** The processor's own tail: the requests the clean figures keep, above their p99. */
function ownTail(m: AttributedMeasurement<undefined>) {
  const kept = m.requests.filter((a) => !a.set_aside);
  const latency = (i: number) => m.drive.records.done_ns[i]! - m.drive.records.intended_ns[i]!;
  const sorted = Float64Array.from(kept, (a) => latency(a.index)).sort();
  const p99_ns = sorted[Math.ceil(0.99 * sorted.length) - 1]!;
  return { kept, tail: kept.filter((a) => latency(a.index) > p99_ns), p99_ns };
}

/**
 * The machine left the processor's tail to the processor: fewer than half of the kept requests
 * above p99 were delayed by platform stalls. The fairness rule keeps some stall-delayed requests
 * in, and in a bad hour one stall of tens of ms takes the whole tail (seen on CI: 24 of 24 Go
 * requests above a 55 ms clean p99, stall share 5.5%); such a measurement says nothing about the
 * collector either way. Judged on the platform causes only, never on the collector's share.
 */
function platformLeftTheTail(m: AttributedMeasurement<undefined>): boolean {
  const { tail } = ownTail(m);
  return tail.filter((a) => PLATFORM.includes(a.cause)).length < tail.length / 2;
}

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

for (const c of CASES) {
  describe(`a real measurement of ${c.processor} on ${c.scenario}, ${c.why}`, () => {
    let m: AttributedMeasurement<undefined>;

    let attempts = 0;

    beforeAll(async () => {
      // A processor that falls behind its schedule has a tail made of its queue, not of its
      // collector; Node near its heap limit was seen falling behind on this VM (clean p99 135 ms,
      // all unexplained). A measurement whose tail the platform's stalls took cannot show the
      // collector's either. So one that fell behind (judged on the latencies alone, keptUp) or
      // whose tail the platform took (platformLeftTheTail) is taken again, at most MAX_ATTEMPTS
      // times; never judged on the collector's share this test checks.
      do {
        attempts++;
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
      } while (!(keptUp(m) && platformLeftTheTail(m)) && attempts < MAX_ATTEMPTS);
    }, MAX_ATTEMPTS * 180_000);

    it('kept up with its schedule in one of the attempts (else the tail is its queue)', () => {
      expect(keptUp(m), `fell behind in all ${attempts} attempts`).toBe(true);
    });

    it("left its own tail to the processor in one of the attempts (else the tail is the machine's)", () => {
      expect(platformLeftTheTail(m), `platform stalls took the tail in all ${attempts} attempts, stall share ${m.measurement.platform?.stall_share}`).toBe(true);
    });

    it(`records at least ${MIN_CYCLES} collector cycles during the measure phase`, () => {
      const cycles = (m.measurement.gc_cycles ?? []).filter((g) => g.start_s >= WARMUP_S && g.start_s < WARMUP_S + MEASURE_S);
      expect(cycles.length).toBeGreaterThanOrEqual(MIN_CYCLES);
    });

    it(`attributes at least ${MIN_TAIL_SHARE * 100}% of the processor's own p99 tail, and ${MIN_ENRICHMENT}× the collector's share of its requests, to the collector`, () => {
      // The processor's own tail. Platform stalls come first in the precedence, and on this shared
      // VM a run now and then has stalls of tens of ms that take the whole raw tail (seen: 15 of
      // 15 for Node, stall share 3.3%); the clean figures set most of those requests aside, and
      // what the processor is left with is what this test is about.
      const { kept, tail, p99_ns } = ownTail(m);
      const share = (xs: typeof kept) => (xs.length ? xs.filter((a) => COLLECTOR.includes(a.cause)).length / xs.length : 0);
      const byCause: Record<string, number> = {};
      for (const a of tail) byCause[a.cause] = (byCause[a.cause] ?? 0) + 1;
      const detail = JSON.stringify({ processor: c.processor, clean_p99_us: p99_ns / 1000, byCause, overall: share(kept), raw_tail: m.measurement.tail!.p99, stall_share: m.measurement.platform?.stall_share });
      expect(tail.length, detail).toBeGreaterThan(0);
      expect(share(tail), detail).toBeGreaterThanOrEqual(MIN_TAIL_SHARE);
      expect(share(tail), detail).toBeGreaterThanOrEqual(MIN_ENRICHMENT * share(kept));
    });
  });
}
