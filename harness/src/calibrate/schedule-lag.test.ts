import { describe, expect, it } from 'vitest';
import type { OpenLoopRecords } from '../drive/records.ts';
import { splitScheduleLag } from './schedule-lag.ts';

/** Records sent 1 ms apart; `lag_ns[i]` late; NaN = never sent. */
function records(lag_ns: readonly number[], queued: readonly number[] = []): OpenLoopRecords {
  const n = lag_ns.length;
  const intended = Float64Array.from({ length: n }, (_, i) => i * 1_000_000);
  return {
    count: n,
    intended_ns: intended,
    sent_ns: Float64Array.from(lag_ns, (l, i) => intended[i]! + l),
    done_ns: Float64Array.from(lag_ns, (l, i) => intended[i]! + l + 50_000),
    status: new Uint16Array(n).fill(200),
    error: new Uint8Array(n),
    phase: new Uint8Array(n).fill(1),
    kind: new Uint8Array(n),
    queued: Uint8Array.from({ length: n }, (_, i) => (queued.includes(i) ? 1 : 0)),
  };
}

describe('splitScheduleLag', () => {
  // 100 sends 1 ms apart, 5 µs late, except #50–#52, which a stall on the driver's CPU from
  // 49.8 ms to 52.9 ms held back until 52.905 ms.
  const lags = Array.from({ length: 100 }, (_, i) => (i >= 50 && i <= 52 ? 52_905_000 - i * 1_000_000 : 5_000));
  const stall = { cpu: 1, start_ns: 49_800_000, end_ns: 52_900_000 };

  it('counts sends a platform stall delayed in the lag but not in the driver’s own lag', () => {
    const s = splitScheduleLag(records(lags), [stall]);
    expect(s).toEqual({ lag_p99_us: 1905, own_lag_p99_us: 5, samples: 100, stalled_samples: 3 });
  });

  it('keeps the lag in the driver’s own when no stall overlaps it', () => {
    const elsewhere = { cpu: 1, start_ns: 80_100_000, end_ns: 80_500_000 };
    expect(splitScheduleLag(records(lags), [elsewhere]).own_lag_p99_us).toBe(1905);
  });

  it('leaves out requests that never went out or waited for a connection', () => {
    expect(splitScheduleLag(records([5_000, Number.NaN, 9_000_000]), []).samples).toBe(2);
    expect(splitScheduleLag(records([5_000, 5_000, 9_000_000], [2]), []).lag_p99_us).toBe(5);
  });

  it('finds sends inside a long stall that another CPU’s shorter stall lies within', () => {
    const s = splitScheduleLag(records(Array(100).fill(5_000)), [
      { cpu: 0, start_ns: 20_000_000, end_ns: 21_000_000 },
      { cpu: 1, start_ns: 10_000_000, end_ns: 51_000_000 },
    ]);
    // Sends intended at 10 … 51 ms overlap the long stall.
    expect(s.stalled_samples).toBe(42);
  });

  it('reports zeros for a run without sends', () => {
    expect(splitScheduleLag(records([]), [stall])).toEqual({ lag_p99_us: 0, own_lag_p99_us: 0, samples: 0, stalled_samples: 0 });
  });
});
