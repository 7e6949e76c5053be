import { describe, expect, it } from 'vitest';
import { IN_FLIGHT_STATUS } from '../drive/record-stream.ts';
import type { OpenLoopRecords } from '../drive/records.ts';
import type { PrecisionPlan } from '../plan/precision.ts';
import { Prng } from '../workload/prng.ts';
import { liveCleanEstimate } from './live-clean.ts';
import { halfWidthPct, precisionOutcome, reachesTarget, shouldStop } from './precision.ts';

describe('halfWidthPct', () => {
  it('is the farther bound from the value, in % of it', () => {
    expect(halfWidthPct({ value: 100, lo: 97, hi: 108 })).toBeCloseTo(8, 10);
  });

  it('is null without an interval', () => {
    expect(halfWidthPct({ value: 100, lo: null, hi: null })).toBeNull();
  });
});

describe('reachesTarget', () => {
  it('needs both bounds within the target', () => {
    expect(reachesTarget({ value: 100, lo: 96, hi: 104.9 }, 5)).toBe(true);
    expect(reachesTarget({ value: 100, lo: 99, hi: 105.1 }, 5)).toBe(false);
  });
});

const PLAN: PrecisionPlan = { target_pct: 5, of: 'p99', max_measure_s: 20, check_every_s: 1 };

describe('shouldStop', () => {
  it('waits for the minimum even when the interval is already narrow', () => {
    expect(shouldStop(PLAN, 3, { measured_s: 2, estimate: { value: 100, lo: 99, hi: 101 } })).toBe(false);
    expect(shouldStop(PLAN, 3, { measured_s: 3, estimate: { value: 100, lo: 99, hi: 101 } })).toBe(true);
  });

  it('goes on while there is no interval yet', () => {
    expect(shouldStop(PLAN, 3, { measured_s: 10, estimate: { value: 100, lo: null, hi: null } })).toBe(false);
  });
});

describe('precisionOutcome', () => {
  it('records a phase whose final interval is too wide as not reached, with what it achieved', () => {
    const o = precisionOutcome(PLAN, 3, { value: 100, lo: 80, hi: 130 }, { measured_s: 20, stopped_by: 'cap', checks: 17 });
    expect(o).toEqual({ target_pct: 5, of: 'p99', reached: false, half_width_pct: 30, min_measure_s: 3, max_measure_s: 20, measured_s: 20, stopped_by: 'cap', checks: 17 });
  });
});

// The stopping rule on synthetic streams: a constant 2,000 req/s schedule whose latencies are
// drawn up front; each check sees what had completed by then (requests still in flight at their
// latency so far, as drive/record-stream.ts hands them out) and applies the live rule.
const RATE = 2000;
const WARMUP_S = 1;
const MIN_S = 3;

function phase(latencies_us: Float64Array): OpenLoopRecords {
  const n = latencies_us.length;
  const intended = Float64Array.from({ length: n }, (_, i) => (i / RATE) * 1e9);
  return {
    count: n,
    intended_ns: intended,
    sent_ns: intended.slice(),
    done_ns: Float64Array.from(intended, (t, i) => t + latencies_us[i]! * 1000),
    status: new Uint16Array(n).fill(200),
    error: new Uint8Array(n),
    phase: Uint8Array.from(intended, (t) => (t < WARMUP_S * 1e9 ? 0 : 1)),
    kind: new Uint8Array(n),
    queued: new Uint8Array(n),
  };
}

function seenBy(r: OpenLoopRecords, w_ns: number): OpenLoopRecords {
  let count = 0;
  while (count < r.count && r.intended_ns[count]! <= w_ns) count++;
  const done = r.done_ns.slice(0, count);
  const status = r.status.slice(0, count);
  for (let i = 0; i < count; i++) {
    if (done[i]! > w_ns) {
      done[i] = w_ns;
      status[i] = IN_FLIGHT_STATUS;
    }
  }
  return { ...r, count, intended_ns: r.intended_ns.slice(0, count), sent_ns: r.sent_ns.slice(0, count), done_ns: done, status, error: r.error.slice(0, count), phase: r.phase.slice(0, count), queued: r.queued.slice(0, count) };
}

/** The second at which the live rule stops the phase, or null if it runs to the cap. */
function stopSecond(r: OpenLoopRecords): number | null {
  for (let s = MIN_S; s <= PLAN.max_measure_s; s += PLAN.check_every_s) {
    const w = (WARMUP_S + s) * 1e9;
    const estimate = liveCleanEstimate({ records: seenBy(r, w), stalls: undefined, processor_cpus: [1], driver_cpus: [0], warmup_s: WARMUP_S, until_ns: w, idle_stall_share: null }, PLAN.of);
    if (shouldStop(PLAN, MIN_S, { measured_s: s, estimate })) return s;
  }
  return null;
}

const total = (WARMUP_S + PLAN.max_measure_s) * RATE;
const gaussian = (rng: Prng) => Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float());

describe('the stopping rule on synthetic streams', () => {
  it('stops a light-tailed stream before its cap, once its p99 interval is within ±5%', () => {
    const rng = new Prng(5);
    const s = stopSecond(phase(Float64Array.from({ length: total }, () => 300 * Math.exp(0.2 * gaussian(rng)))));
    expect(s).not.toBeNull();
    expect(s!).toBeLessThan(PLAN.max_measure_s);
  });

  it('runs a very heavy-tailed stream to its cap', () => {
    const rng = new Prng(6);
    expect(stopSecond(phase(Float64Array.from({ length: total }, () => 300 * (1 - rng.float()) ** (-1 / 1.1))))).toBeNull();
  });

  it('asks for more samples when consecutive latencies are correlated', () => {
    // The same lognormal marginal, once independent and once from an AR(1) with ρ = 0.9.
    const rng = new Prng(7);
    const iid = Float64Array.from({ length: total }, () => 300 * Math.exp(0.25 * gaussian(rng)));
    let z = 0;
    const ar = Float64Array.from({ length: total }, () => {
      z = 0.9 * z + Math.sqrt(1 - 0.81) * gaussian(rng);
      return 300 * Math.exp(0.25 * z);
    });
    const a = stopSecond(phase(iid));
    const b = stopSecond(phase(ar));
    expect(a).not.toBeNull();
    expect(b === null || b > a!).toBe(true);
  });

  it('counts a request still in flight at its latency so far, so slow ones are not left out', () => {
    // Every 50th request hangs for 100 s: at any check all of them are still in flight. Left out,
    // the p99 would be the fast requests' 300 µs.
    const lat = Float64Array.from({ length: total }, (_, i) => (i % 50 === 0 ? 100e6 : 300));
    const w = (WARMUP_S + MIN_S) * 1e9;
    const e = liveCleanEstimate({ records: seenBy(phase(lat), w), stalls: undefined, processor_cpus: [1], driver_cpus: [0], warmup_s: WARMUP_S, until_ns: w, idle_stall_share: null }, 'p99');
    expect(e!.value).toBeGreaterThan(300);
  });
});
