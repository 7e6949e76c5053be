import { describe, expect, it } from 'vitest';
import { Phase, type OpenLoopRecords } from '../drive/records.ts';
import { Prng } from '../workload/prng.ts';
import type { TimeInterval } from './intervals-index.ts';
import { attributeRequests, cleanFigures, coveredShare, rawEstimates, tailComposition, unitHash, type TailEvidence } from './tail.ts';

const NO_EVIDENCE: TailEvidence = { processor_cpu_stalls: [], driver_cpu_stalls: [], pauses: [], gc_cycles: [], driver_lag_min_ns: 500_000 };

interface Row { intended: number; sent?: number; done: number; queued?: boolean }

function records(rows: Row[]): OpenLoopRecords {
  const n = rows.length;
  return {
    count: n,
    intended_ns: Float64Array.from(rows, (r) => r.intended),
    sent_ns: Float64Array.from(rows, (r) => r.sent ?? r.intended),
    done_ns: Float64Array.from(rows, (r) => r.done),
    status: new Uint16Array(n).fill(200),
    error: new Uint8Array(n),
    phase: new Uint8Array(n).fill(Phase.measure),
    kind: new Uint8Array(n),
    queued: Uint8Array.from(rows, (r) => (r.queued ? 1 : 0)),
  };
}

/** 2 s of requests every 100 µs, base latency ~ exponential(150 µs); a request intended inside a stall finishes after it. */
function workload(seed: number, stalls: TimeInterval[]): OpenLoopRecords {
  const rng = new Prng(seed);
  const rows: Row[] = [];
  for (let t = 0; t < 2e9; t += 100_000) {
    const base = 50_000 - 150_000 * Math.log(1 - rng.float());
    const inStall = stalls.find((s) => t >= s.start_ns && t < s.end_ns);
    rows.push({ intended: t, done: (inStall ? inStall.end_ns : t) + base });
  }
  return records(rows);
}

function stallsEvery(count: number, offset_ns: number, duration_ns: number): TimeInterval[] {
  return Array.from({ length: count }, (_, k) => ({ start_ns: offset_ns + k * (2e9 / count), end_ns: offset_ns + k * (2e9 / count) + duration_ns }));
}

describe('tailComposition', () => {
  it('gives each slow request the first cause it overlaps, in the stated precedence', () => {
    const r = records([
      { intended: 0, done: 10_000 }, // fast
      { intended: 1_000_000, done: 3_000_000 }, // overlaps a processor-CPU stall and a pause: the stall wins
      { intended: 5_000_000, done: 7_000_000 }, // overlaps a driver-CPU stall only
      { intended: 9_000_000, done: 11_000_000 }, // overlaps a pause
      { intended: 13_000_000, done: 15_000_000 }, // overlaps a GC cycle
      { intended: 17_000_000, sent: 18_500_000, done: 19_000_000 }, // sent 1.5 ms late, not queued
      { intended: 21_000_000, sent: 22_500_000, done: 23_000_000, queued: true }, // waited for a connection
      { intended: 25_000_000, done: 27_000_000 }, // nothing: the processor's own
    ]);
    const e: TailEvidence = {
      processor_cpu_stalls: [{ start_ns: 2_000_000, end_ns: 2_500_000 }],
      driver_cpu_stalls: [{ start_ns: 6_000_000, end_ns: 6_600_000 }],
      pauses: [{ start_ns: 2_100_000, end_ns: 2_200_000 }, { start_ns: 10_000_000, end_ns: 10_100_000 }],
      gc_cycles: [{ start_ns: 14_000_000, end_ns: 14_900_000 }],
      driver_lag_min_ns: 500_000,
    };
    const c = tailComposition(r, e, 1000);
    expect(c.slow).toBe(7);
    expect(c.counts).toEqual({ platform_processor_cpu: 1, platform_driver_cpu: 1, runtime_pause: 1, gc_cycle: 1, driver_lag: 1, queued: 1, unexplained: 1 });
  });
});

describe('tailComposition of long requests', () => {
  it('gives a request to the cause covering most of it, not to a short stall of higher precedence it touched', () => {
    // 112 ms inside a 540 ms GC cycle, touching a 600 µs driver-CPU stall (a real Go run did this).
    const r = records([{ intended: 100_000_000, done: 212_000_000 }]);
    const e: TailEvidence = { ...NO_EVIDENCE, driver_cpu_stalls: [{ start_ns: 150_000_000, end_ns: 150_600_000 }], gc_cycles: [{ start_ns: 0, end_ns: 540_000_000 }] };
    expect(tailComposition(r, e, 1000).counts.gc_cycle).toBe(1);
  });

  it('does not give a request queued behind a long pause to the short stalls it touched by chance', () => {
    // 400 ms spent waiting for a connection behind earlier requests, touching a 1 ms stall; over
    // the phase, stalls cover 1%, of this request 0.25%.
    const rows: Row[] = [{ intended: 100_000_000, sent: 480_000_000, done: 500_000_000, queued: true }, { intended: 1_000_000_000, done: 1_000_100_000 }];
    const r = records(rows);
    const stalls = [{ start_ns: 200_000_000, end_ns: 201_000_000 }, ...Array.from({ length: 9 }, (_, k) => ({ start_ns: 600_000_000 + k * 40_000_000, end_ns: 601_000_000 + k * 40_000_000 }))];
    expect(tailComposition(r, { ...NO_EVIDENCE, processor_cpu_stalls: stalls }, 1000).counts.queued).toBe(1);
  });

  it('gives a request no cause covers half of to the touching cause that covers most of it', () => {
    // 20 ms waiting out a GC cycle's backlog: the cycle covers 6 ms of it, a processor-CPU stall 1 ms.
    const r = records([{ intended: 100_000_000, done: 120_000_000 }, { intended: 990_000_000, done: 990_100_000 }]);
    const e: TailEvidence = { ...NO_EVIDENCE, processor_cpu_stalls: [{ start_ns: 110_000_000, end_ns: 111_000_000 }], gc_cycles: [{ start_ns: 94_000_000, end_ns: 106_000_000 }] };
    expect(tailComposition(r, e, 1000).counts.gc_cycle).toBe(1);
  });

  it('keeps the precedence among causes that each cover half of a request', () => {
    // A 3 ms request: a 2 ms processor-CPU stall inside a GC cycle that covers all of it.
    const r = records([{ intended: 10_000_000, done: 13_000_000 }]);
    const e: TailEvidence = { ...NO_EVIDENCE, processor_cpu_stalls: [{ start_ns: 10_500_000, end_ns: 12_500_000 }], gc_cycles: [{ start_ns: 0, end_ns: 50_000_000 }] };
    expect(tailComposition(r, e, 1000).counts.platform_processor_cpu).toBe(1);
  });
});

describe('coveredShare', () => {
  it('counts overlapping intervals once and clips them to the window', () => {
    expect(coveredShare([{ start_ns: 0, end_ns: 10 }, { start_ns: 5, end_ns: 20 }, { start_ns: 90, end_ns: 200 }], 0, 100)).toBeCloseTo(0.3);
  });
});

describe('unitHash', () => {
  it('is uniform enough to pick a share of requests', () => {
    let below = 0;
    for (let i = 0; i < 100_000; i++) if (unitHash(i) < 0.3) below++;
    expect(below / 100_000).toBeCloseTo(0.3, 2);
  });
});

describe('cleanFigures', () => {
  const idleStalls = stallsEvery(10, 37_000_000, 2_000_000); // 1% of the time, as the idle machine
  const induced = stallsEvery(20, 71_000_000, 2_000_000); // 2% more, caused by the workload
  const idleShare = coveredShare(idleStalls, 0, 2e9);

  it('sets aside every stall-delayed request when the processor stalls the machine no more than idle', () => {
    const r = workload(1, idleStalls);
    const evidence = { ...NO_EVIDENCE, processor_cpu_stalls: idleStalls };
    const clean = cleanFigures(r, evidence, { stall_share: idleShare, idle_stall_share: idleShare });
    expect(clean.set_aside_fraction).toBe(1);
    expect(clean.set_aside).toBe(clean.stall_delayed);
    const undisturbed = cleanFigures(workload(1, []), NO_EVIDENCE, { stall_share: 0, idle_stall_share: idleShare });
    // What is left is the processor's own distribution: within its interval of the undisturbed one.
    expect(clean.p99!.value).toBeGreaterThanOrEqual(undisturbed.p99!.lo! * 0.95);
    expect(clean.p99!.value).toBeLessThanOrEqual(undisturbed.p99!.hi! * 1.05);
  });

  it('gives a processor that induces more stalls nothing: its clean p99 is not below the other one', () => {
    const a = workload(2, idleStalls);
    const b = workload(2, [...idleStalls, ...induced]);
    const evA = { ...NO_EVIDENCE, processor_cpu_stalls: idleStalls };
    const evB = { ...NO_EVIDENCE, processor_cpu_stalls: [...idleStalls, ...induced] };
    const shareB = coveredShare(evB.processor_cpu_stalls, 0, 2e9);
    const cleanA = cleanFigures(a, evA, { stall_share: idleShare, idle_stall_share: idleShare });
    const cleanB = cleanFigures(b, evB, { stall_share: shareB, idle_stall_share: idleShare });
    expect(cleanB.set_aside_fraction).toBeCloseTo(1 / 3, 2);
    expect(cleanB.p99!.value).toBeGreaterThan(cleanA.p99!.value);
    // Without the rule (everything stall-delayed set aside), B would have caught up with A.
    const naiveB = cleanFigures(b, evB, { stall_share: shareB, idle_stall_share: null });
    expect(naiveB.p99!.value).toBeLessThan(cleanB.p99!.value);
    expect(naiveB.fairness).toBe('unadjusted: no idle arm');
  });

  it('keeps the processor\'s own pauses and GC cycles in the clean figure', () => {
    const pauses = stallsEvery(10, 37_000_000, 2_000_000);
    const r = workload(3, pauses);
    const clean = cleanFigures(r, { ...NO_EVIDENCE, pauses, gc_cycles: pauses }, { stall_share: 0, idle_stall_share: 0.01 });
    expect(clean.set_aside).toBe(0);
    expect(clean.p99).toEqual(rawEstimates(r).p99);
    expect(clean.p999!.value).toBeGreaterThan(1000);
  });

  it('does not take a request queued behind overload for a stall-delayed one because a short stall fell inside it', () => {
    const r = records([{ intended: 0, done: 150_000_000 }, { intended: 200_000_000, done: 203_000_000 }]);
    const stalls = [{ start_ns: 50_000_000, end_ns: 52_000_000 }, { start_ns: 200_500_000, end_ns: 202_500_000 }];
    const clean = cleanFigures(r, { ...NO_EVIDENCE, processor_cpu_stalls: stalls }, { stall_share: 0.01, idle_stall_share: 0.01 });
    // 2 ms of a 150 ms request is not what delayed it; 2 ms of a 3 ms request is.
    expect(clean).toMatchObject({ stall_delayed: 1, set_aside: 1, count: 1 });
  });

  it('sets aside requests the driver sent late', () => {
    const r = records([{ intended: 0, sent: 2_000_000, done: 2_100_000 }, { intended: 0, done: 100_000 }]);
    const clean = cleanFigures(r, NO_EVIDENCE, { stall_share: 0, idle_stall_share: 0 });
    expect(clean).toMatchObject({ set_aside: 1, count: 1 });
  });
});

describe('attributeRequests', () => {
  const stalls = stallsEvery(10, 37_000_000, 2_000_000);
  const gc = stallsEvery(7, 11_000_000, 3_000_000);
  const evidence: TailEvidence = { ...NO_EVIDENCE, processor_cpu_stalls: stalls, gc_cycles: gc };
  const r = workload(4, [...stalls, ...gc]);
  const inputs = { stall_share: 2 * coveredShare(stalls, 0, 2e9), idle_stall_share: coveredShare(stalls, 0, 2e9) };

  it('gives the slow requests the causes tailComposition counts', () => {
    const threshold_us = rawEstimates(r).p99!.value;
    const counts: Record<string, number> = {};
    for (const a of attributeRequests(r, evidence, inputs)) {
      if ((r.done_ns[a.index]! - r.intended_ns[a.index]!) / 1000 > threshold_us) counts[a.cause] = (counts[a.cause] ?? 0) + 1;
    }
    const composition = tailComposition(r, evidence, threshold_us);
    expect(Object.fromEntries(Object.entries(composition.counts).filter(([, n]) => n > 0))).toEqual(counts);
  });

  it('sets aside exactly the requests the clean figures leave out', () => {
    const attributed = attributeRequests(r, evidence, inputs);
    const clean = cleanFigures(r, evidence, inputs);
    expect(attributed.filter((a) => a.set_aside).length).toBe(clean.set_aside);
    const kept = Float64Array.from(attributed.filter((a) => !a.set_aside), (a) => (r.done_ns[a.index]! - r.intended_ns[a.index]!) / 1000).sort();
    expect(kept[Math.ceil(0.99 * kept.length) - 1]).toBe(clean.p99!.value);
  });
});
