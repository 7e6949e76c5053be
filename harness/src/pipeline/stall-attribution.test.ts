// The end-to-end proof of the tail attribution against known platform stalls (issue #10, "How it
// is proven"): during a real open-loop measurement of the Go processor, taken as the pipeline
// takes it, the stall injector takes one CPU from everything at normal and driver priority for
// 5 ms at known times, first the processor's CPU, then the driver's. The stall recorder must
// report each of those stalls where it happened, and the requests they delayed (the stall covers at
// least half of the request's interval, intended send → done) must be attributed to a platform
// stall on that CPU and left out of the clean percentiles. Needs root (SCHED_FIFO for the injector, the
// recorder and the driver).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runStallInjector, type StallInjection } from '../drive/stall-injector.ts';
import { stallsRelativeTo } from '../drive/stall-recording.ts';
import { ATTRIBUTION_STALL_US } from '../record/platform.ts';
import type { TailCause } from '../record/tail.ts';
import type { TimeInterval } from '../record/intervals-index.ts';
import { attributedMeasurement, type AttributedMeasurement } from './attributed-measurement.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const isRoot = process.getuid?.() === 0;
const NEEDS_ROOT = 'needs root: the stall injector, the stall recorder and the driver run at SCHED_FIFO';

const WARMUP_S = 0.5;
const MEASURE_S = 3;
// Twenty 5 ms stalls, 120 ms apart, inside the measure phase: the injector starts once the
// processor has seen the first requests, and its first stall comes 300 ms after the warmup's
// length from then; the last ends 415 ms before the phase does, room for the injector's start-up.
const INJECTION = { spin_us: 5_000, every_ms: 120, count: 20, first_ms: WARMUP_S * 1000 + 300 };
/**
 * A quarter of ingest's rate (500 req/s), as pipeline/real-run.test.ts: on a machine shared with
 * other work a processor held to one CPU must not be overloaded, or every request would be
 * queued for hundreds of ms and overlap every stall.
 */
const RATE_SCALE = 0.25;
const TOLERANCE_NS = 200_000;
/** The pipeline's recorder wakes every 1 ms: a stall's start is reported at most one period late. */
const PERIOD_NS = 1_000_000;
/**
 * At 500 req/s 2.5 requests are due during each 5 ms stall, 50 in all, and most of them wait out
 * the rest of it (it covers at least half their latency); fewer would prove little.
 */
const MIN_DELAYED = 20;

type Role = 'processor' | 'driver';
const CAUSE: Record<Role, TailCause> = { processor: 'platform_processor_cpu', driver: 'platform_driver_cpu' };

interface Injected {
  cpu: number;
  /** On the driver's axis. */
  stalls: TimeInterval[];
}

async function measureWithInjection(role: Role): Promise<AttributedMeasurement<StallInjection>> {
  return attributedMeasurement({
    repoRoot,
    processor: 'go',
    scenario: 'ingest',
    warmup_s: WARMUP_S,
    measure_s: MEASURE_S,
    rate_scale: RATE_SCALE,
    during: (cpus) => runStallInjector({ cpu: (role === 'processor' ? cpus.processor_cpus : cpus.driver_cpus)[0]!, ...INJECTION }),
  });
}

function injectedOf(m: AttributedMeasurement<StallInjection>): Injected {
  const injection = m.during!;
  const shift = Number(BigInt(injection.t0_monotonic_ns) - BigInt(m.drive.summary.t0_monotonic_ns));
  return { cpu: injection.cpu, stalls: injection.injected.map((s) => ({ start_ns: s.start_ns + shift, end_ns: s.end_ns + shift })) };
}

const latencyNs = (m: AttributedMeasurement<unknown>, i: number) => m.drive.records.done_ns[i]! - m.drive.records.intended_ns[i]!;
const overlaps = (m: AttributedMeasurement<unknown>, i: number, s: TimeInterval) => m.drive.records.intended_ns[i]! < s.end_ns && m.drive.records.done_ns[i]! > s.start_ns;

/** The recorded stalls on these CPUs long enough to count in the attribution, on the driver's axis. */
function longStallsOn(m: AttributedMeasurement<unknown>, cpus: readonly number[]): TimeInterval[] {
  return stallsRelativeTo(m.recording, m.drive.summary.t0_monotonic_ns).filter((s) => cpus.includes(s.cpu) && s.end_ns - s.start_ns >= ATTRIBUTION_STALL_US * 1000);
}

/** Nanoseconds of request i's interval (intended send → done) the intervals cover (they do not overlap each other). */
function coveredNs(m: AttributedMeasurement<unknown>, i: number, intervals: readonly TimeInterval[]): number {
  const a = m.drive.records.intended_ns[i]!;
  const b = m.drive.records.done_ns[i]!;
  return intervals.reduce((sum, s) => sum + Math.max(0, Math.min(b, s.end_ns) - Math.max(a, s.start_ns)), 0);
}

/** The requests an injected stall overlapped; `delayed`: the injected stalls cover at least half of their latency. */
function touched(m: AttributedMeasurement<unknown>, injected: Injected) {
  const overlapping = m.requests.filter((a) => injected.stalls.some((s) => overlaps(m, a.index, s)));
  const delayed = overlapping.filter((a) => coveredNs(m, a.index, injected.stalls) >= 0.5 * latencyNs(m, a.index));
  return { overlapping, delayed };
}

/**
 * Checks that each injected stall is covered by exactly one reported stall on its CPU, ending no
 * earlier than it and starting at most one period late; returns how many of them lie on it (not
 * merged with a real stall just before or after: as in drive/stall-injection.test.ts, the
 * 100–200 µs of kernel work a loaded CPU sees, or a platform stall).
 */
function exactReports(m: AttributedMeasurement<StallInjection>, injected: Injected): number {
  const reported = stallsRelativeTo(m.recording, m.drive.summary.t0_monotonic_ns).filter((s) => s.cpu === injected.cpu);
  let exact = 0;
  for (const s of injected.stalls) {
    const mine = reported.filter((r) => r.end_ns > s.start_ns && r.start_ns < s.end_ns);
    const detail = JSON.stringify({ injected: s, reported: mine });
    expect(mine, detail).toHaveLength(1);
    const late_ns = mine[0]!.start_ns - s.start_ns;
    const end_ns = mine[0]!.end_ns - s.end_ns;
    expect(late_ns, detail).toBeLessThanOrEqual(PERIOD_NS + TOLERANCE_NS);
    expect(end_ns, detail).toBeGreaterThanOrEqual(-TOLERANCE_NS);
    if (late_ns >= -TOLERANCE_NS && end_ns <= TOLERANCE_NS) exact++;
  }
  return exact;
}

for (const role of ['processor', 'driver'] as const) {
  describe(`a real measurement of go with 5 ms stalls injected on the ${role}'s CPU`, () => {
    let m: AttributedMeasurement<StallInjection>;
    let injected: Injected;

    beforeAll(async () => {
      if (!isRoot) return;
      m = await measureWithInjection(role);
      injected = injectedOf(m);
    }, 180_000);

    it('injects every stall inside the measure phase (the premise of the checks below)', (ctx) => {
      if (!isRoot) ctx.skip(NEEDS_ROOT);
      expect(injected.stalls).toHaveLength(INJECTION.count);
      for (const s of injected.stalls) {
        expect(s.start_ns).toBeGreaterThan(WARMUP_S * 1e9);
        expect(s.end_ns).toBeLessThan((WARMUP_S + MEASURE_S) * 1e9);
      }
    });

    it('reports each injected stall with its end within ±200 µs and its start at most one period late', async (ctx) => {
      if (!isRoot) ctx.skip(NEEDS_ROOT);
      // A real platform stall that runs into an injected one is reported merged with it: the
      // platform's doing, not the recorder's, and on a loaded VM it varies from one measurement to
      // the next (seen: 5 of 20 merged under a full test run). A measurement where more than a
      // fifth merged is taken again, at most three in all; every one must still cover each stall.
      const exact: number[] = [];
      let attempt = { m, injected };
      for (let i = 0; i < 3; i++) {
        if (i > 0) {
          const again = await measureWithInjection(role);
          attempt = { m: again, injected: injectedOf(again) };
        }
        exact.push(exactReports(attempt.m, attempt.injected));
        if (exact[i]! >= 0.8 * attempt.injected.stalls.length) break;
      }
      expect(Math.max(...exact), `injected stalls reported on their own, per measurement: ${exact.join(', ')}`).toBeGreaterThanOrEqual(0.8 * INJECTION.count);
    }, 600_000);

    it(`attributes to ${CAUSE[role]} at least 90% of the requests an injected stall delayed, unless a cause of higher precedence delayed them too`, (ctx) => {
      if (!isRoot) ctx.skip(NEEDS_ROOT);
      // "Delayed": the injected stalls cover at least half of the request's latency, the test the
      // attribution applies first. A request that merely touches one (a long one, queued behind
      // the processor's own backlog on a loaded machine) is not the stall's, by design
      // (record/tail.ts, causeOf). A platform stall on the processor's CPU comes first: on a
      // shared VM real ones delay some of the requests a driver-CPU stall delayed.
      const { overlapping, delayed } = touched(m, injected);
      const outranking = role === 'driver' ? longStallsOn(m, m.cpus.processor_cpus) : [];
      const judged = delayed.filter((a) => coveredNs(m, a.index, outranking) < 0.5 * latencyNs(m, a.index));
      const byCause: Record<string, number> = {};
      for (const a of judged) byCause[a.cause] = (byCause[a.cause] ?? 0) + 1;
      const detail = JSON.stringify({ overlapping: overlapping.length, delayed: delayed.length, outranked: delayed.length - judged.length, byCause });
      expect(judged.length, detail).toBeGreaterThanOrEqual(MIN_DELAYED);
      expect(byCause[CAUSE[role]] ?? 0, detail).toBeGreaterThanOrEqual(0.9 * judged.length);
    });

    it('sets aside from the clean percentiles at least 90% of the requests the injected stalls delayed', (ctx) => {
      if (!isRoot) ctx.skip(NEEDS_ROOT);
      const { overlapping, delayed } = touched(m, injected);
      const setAside = delayed.filter((a) => a.set_aside).length;
      const detail = JSON.stringify({ overlapping: overlapping.length, delayed: delayed.length, setAside, clean: m.measurement.clean });
      expect(delayed.length, detail).toBeGreaterThanOrEqual(MIN_DELAYED);
      expect(setAside, detail).toBeGreaterThanOrEqual(0.9 * delayed.length);
    });

    it('computes the stored clean p99 over exactly the requests it kept', (ctx) => {
      if (!isRoot) ctx.skip(NEEDS_ROOT);
      const clean = m.measurement.clean!;
      const kept = Float64Array.from(m.requests.filter((a) => !a.set_aside), (a) => latencyNs(m, a.index) / 1000).sort();
      expect(clean.set_aside).toBe(m.requests.length - kept.length);
      expect(clean.p99!.value_us).toBe(kept[Math.ceil(0.99 * kept.length) - 1]);
    });
  });
}
