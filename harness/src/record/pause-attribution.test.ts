import { describe, expect, it } from 'vitest';
import { PauseAttribution } from '../results/schema.ts';
import { attributePauses, overlapsSpan, pauseSpans } from './pause-attribution.ts';

const T0 = 1_795_000_000_000_000_000n; // a Unix time in ns (2026)
const US = 1000;

/** Requests at 1 ms spacing, each taking `lat_us[i]` µs. */
function requests(lat_us: number[]): { intended_ns: Float64Array; done_ns: Float64Array } {
  const intended_ns = Float64Array.from(lat_us.map((_, i) => i * 1_000_000));
  const done_ns = Float64Array.from(lat_us.map((l, i) => i * 1_000_000 + l * US));
  return { intended_ns, done_ns };
}

/** A pause that ends `end_rel_ns` after t0. */
const pause = (end_rel_ns: number, duration_ns: number) => ({ end_unix_ns: T0 + BigInt(end_rel_ns), duration_ns });

describe('overlap on the edges', () => {
  const spans = pauseSpans([pause(2_000, 1_000)], T0); // [1000, 2000)
  it('a request ending exactly when the pause starts does not overlap', () => {
    expect(overlapsSpan(spans, 0, 1_000)).toBe(false);
  });
  it('a request starting exactly when the pause ends does not overlap', () => {
    expect(overlapsSpan(spans, 2_000, 3_000)).toBe(false);
  });
  it('one nanosecond inside on either side overlaps', () => {
    expect(overlapsSpan(spans, 0, 1_001)).toBe(true);
    expect(overlapsSpan(spans, 1_999, 3_000)).toBe(true);
  });
  it('a request inside the pause and a pause inside the request both overlap', () => {
    expect(overlapsSpan(spans, 1_200, 1_300)).toBe(true);
    expect(overlapsSpan(spans, 0, 5_000)).toBe(true);
  });
});

describe('pauseSpans', () => {
  it('merges overlapping pauses and sorts them', () => {
    const s = pauseSpans([pause(10_000, 1_000), pause(2_500, 1_000), pause(3_000, 1_000)], T0);
    expect([...s.start]).toEqual([1_500, 9_000]);
    expect([...s.end]).toEqual([3_000, 10_000]);
  });
  it('accepts plain numbers for times', () => {
    const s = pauseSpans([{ end_unix_ns: 5_000, duration_ns: 1_000 }], 1_000);
    expect([...s.start]).toEqual([3_000]);
  });
});

describe('attributePauses', () => {
  it('with no pauses: nothing overlaps and the p99 is unchanged', () => {
    const lat = Array.from({ length: 1000 }, (_, i) => 100 + i);
    const a = attributePauses({ ...requests(lat), t0_unix_ns: T0, pauses: [] });
    expect(a.slow_overlapping_pause).toBe(0);
    expect(a.slow_overlap_share).toBe(0);
    expect(a.slow_threshold_us).toBe(1089); // the 990th smallest of 100…1099
    expect(a.slow_requests).toBe(10);
    expect(a.p99_without_pause_overlap_us).toBe(1089);
    expect(PauseAttribution.safeParse(a).success).toBe(true);
  });

  it('when every slow request sat in a pause: share 1, and the p99 without them drops', () => {
    const lat = Array.from({ length: 1000 }, () => 100);
    // Requests 500–509 are slow (5 ms) and a 6 ms pause covers them.
    for (let i = 500; i < 510; i++) lat[i] = 5000;
    const a = attributePauses({ ...requests(lat), t0_unix_ns: T0, pauses: [pause(510_000_000, 10_500_000)], slow_threshold_us: 100 });
    expect(a.slow_requests).toBe(10);
    expect(a.slow_overlapping_pause).toBe(10);
    expect(a.slow_overlap_share).toBe(1);
    expect(a.p99_without_pause_overlap_us).toBe(100);
  });

  it('counts only the slow requests that overlapped, not the fast ones in the pause', () => {
    const lat = Array.from({ length: 200 }, () => 100);
    lat[50] = 900; // slow, in the pause
    lat[150] = 900; // slow, no pause
    const a = attributePauses({ ...requests(lat), t0_unix_ns: T0, pauses: [pause(52_000_000, 4_000_000)], slow_threshold_us: 100 });
    expect(a.slow_requests).toBe(2);
    expect(a.slow_overlapping_pause).toBe(1);
    expect(a.slow_overlap_share).toBe(0.5);
  });

  it('a request that waited behind a pause counts (the interval starts at the intended time)', () => {
    // Intended at 0, done at 3 ms; the pause was [1 ms, 2 ms): inside the request's interval.
    const a = attributePauses({
      intended_ns: Float64Array.from([0, 10_000_000]),
      done_ns: Float64Array.from([3_000_000, 10_100_000]),
      t0_unix_ns: T0,
      pauses: [pause(2_000_000, 1_000_000)],
      slow_threshold_us: 500,
    });
    expect(a.slow_overlapping_pause).toBe(1);
  });

  it('skips requests without a response', () => {
    const a = attributePauses({ intended_ns: Float64Array.from([0, 0]), done_ns: Float64Array.from([NaN, 5_000]), t0_unix_ns: 0, pauses: [] });
    // Only the answered request (5 µs) is counted; the unanswered one would make the p99 NaN.
    expect(a.p99_without_pause_overlap_us).toBe(5);
    expect(a.slow_threshold_us).toBe(5);
  });

  it('rejects arrays of different lengths', () => {
    expect(() => attributePauses({ intended_ns: new Float64Array(2), done_ns: new Float64Array(3), t0_unix_ns: 0, pauses: [] })).toThrow(RangeError);
  });

  it('handles 150k requests against 1k pauses (correctness at scale against a brute-force check)', () => {
    const n = 150_000;
    const intended_ns = new Float64Array(n);
    const done_ns = new Float64Array(n);
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < n; i++) {
      intended_ns[i] = i * 20_000;
      done_ns[i] = intended_ns[i]! + 50_000 + rnd() * 200_000;
    }
    const pauses = Array.from({ length: 1000 }, () => pause(Math.floor(rnd() * n * 20_000), Math.floor(rnd() * 500_000)));
    const a = attributePauses({ intended_ns, done_ns, t0_unix_ns: T0, pauses });
    // Brute force on a sample of slow requests only (exhaustive would be 150M checks).
    const rel = pauses.map((p) => ({ end: Number(BigInt(p.end_unix_ns) - T0), start: Number(BigInt(p.end_unix_ns) - T0) - p.duration_ns }));
    let slow = 0;
    let inPause = 0;
    for (let i = 0; i < n; i++) {
      if (Math.floor((done_ns[i]! - intended_ns[i]!) / 1000) <= a.slow_threshold_us) continue;
      slow++;
      if (rel.some((p) => p.end > p.start && intended_ns[i]! < p.end && p.start < done_ns[i]!)) inPause++;
    }
    expect(a.slow_requests).toBe(slow);
    expect(a.slow_overlapping_pause).toBe(inPause);
  });
});
