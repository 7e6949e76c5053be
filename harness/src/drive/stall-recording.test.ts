import { describe, expect, it } from 'vitest';
import { stallsRelativeTo } from './stall-recording.ts';

describe('stallsRelativeTo', () => {
  it('moves stalls onto another t0 of the same monotonic clock exactly', () => {
    // Boot-relative nanoseconds beyond 2^53 must not lose precision in the shift.
    const recording = { t0_monotonic_ns: '9007199254741000', stalls: [{ cpu: 1, start_ns: 10, end_ns: 20 }] };
    expect(stallsRelativeTo(recording, 9007199254740000n)).toEqual([{ cpu: 1, start_ns: 1010, end_ns: 1020 }]);
  });

  it('gives negative times to stalls before the other t0', () => {
    const recording = { t0_monotonic_ns: '1000', stalls: [{ cpu: 0, start_ns: 100, end_ns: 400 }] };
    expect(stallsRelativeTo(recording, '1500')).toEqual([{ cpu: 0, start_ns: -400, end_ns: -100 }]);
  });
});
