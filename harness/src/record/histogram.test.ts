import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OpenLoopRecords } from '../drive/records.ts';
import {
  decodeHistogram,
  destroyHistograms,
  encodeHistogram,
  histogramsFromRecords,
  intervalHistograms,
  mergeHistograms,
  newHistogram,
  percentiles,
  recordUs,
} from './histogram.ts';

const latencies = fc.array(fc.integer({ min: 0, max: 3_600_000_000 }), { minLength: 1, maxLength: 300 });

function records(rows: Array<{ intended: number; sent: number; done: number; status?: number; error?: number; phase?: number; kind?: number }>): OpenLoopRecords {
  return {
    count: rows.length,
    intended_ns: Float64Array.from(rows, (r) => r.intended),
    sent_ns: Float64Array.from(rows, (r) => r.sent),
    done_ns: Float64Array.from(rows, (r) => r.done),
    status: Uint16Array.from(rows, (r) => r.status ?? 200),
    error: Uint8Array.from(rows, (r) => r.error ?? 0),
    phase: Uint8Array.from(rows, (r) => r.phase ?? 1),
    kind: Uint8Array.from(rows, (r) => r.kind ?? 0),
    queued: new Uint8Array(rows.length),
  };
}

describe('histogram encoding', () => {
  it('round-trips through V2 compressed base64 with identical percentiles', () => {
    fc.assert(
      fc.property(latencies, (values) => {
        const h = newHistogram();
        for (const v of values) recordUs(h, v);
        const back = decodeHistogram(encodeHistogram(h));
        try {
          expect(back.totalCount).toBe(h.totalCount);
          expect(percentiles(back)).toEqual(percentiles(h));
          expect(encodeHistogram(back)).toBe(encodeHistogram(h));
        } finally {
          destroyHistograms(h, back);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('mergeHistograms', () => {
  it('equals recording all values into one histogram', () => {
    fc.assert(
      fc.property(fc.array(latencies, { minLength: 1, maxLength: 5 }), (parts) => {
        const hs = parts.map((vs) => {
          const h = newHistogram();
          for (const v of vs) recordUs(h, v);
          return h;
        });
        const all = newHistogram();
        for (const v of parts.flat()) recordUs(all, v);
        const merged = mergeHistograms(hs);
        try {
          expect(merged.totalCount).toBe(all.totalCount);
          expect(percentiles(merged)).toEqual(percentiles(all));
          expect(encodeHistogram(merged)).toBe(encodeHistogram(all));
        } finally {
          destroyHistograms(merged, all, ...hs);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('histogramsFromRecords', () => {
  it('measures corrected latency from the intended time and uncorrected from the send', () => {
    const { corrected, uncorrected } = histogramsFromRecords(records([{ intended: 0, sent: 5_000_000, done: 5_100_000 }]));
    expect(corrected.maxValue).toBeGreaterThanOrEqual(5_095);
    expect(corrected.maxValue).toBeLessThanOrEqual(5_105);
    expect(uncorrected.maxValue).toBe(100);
    destroyHistograms({ corrected, uncorrected });
  });

  it('floors nanoseconds to integer microseconds', () => {
    const { corrected, uncorrected } = histogramsFromRecords(records([{ intended: 0, sent: 0, done: 1_999 }]));
    expect(corrected.maxValue).toBe(1);
    destroyHistograms({ corrected, uncorrected });
  });

  it('leaves out errors and filters by phase and kind', () => {
    const r = records([
      { intended: 0, sent: 0, done: 10_000, phase: 0 },
      { intended: 0, sent: 0, done: 20_000, phase: 1, kind: 1 },
      { intended: 0, sent: 0, done: 30_000, phase: 1, kind: 2 },
      { intended: 0, sent: Number.NaN, done: 40_000, phase: 1, status: 0, error: 2 },
    ]);
    const measure = histogramsFromRecords(r, { phase: 'measure' });
    const kind2 = histogramsFromRecords(r, { kind: 2 });
    expect(measure.corrected.totalCount).toBe(2);
    expect(kind2.corrected.totalCount).toBe(1);
    expect(kind2.corrected.maxValue).toBe(30);
    destroyHistograms(measure, kind2);
  });
});

describe('intervalHistograms', () => {
  it('splits by intended time into consecutive intervals, empty ones included', () => {
    const r = records([
      { intended: 0.2e9, sent: 0.2e9, done: 0.2e9 + 1e6 },
      { intended: 2.5e9, sent: 2.5e9, done: 2.5e9 + 2e6 },
      { intended: 2.9e9, sent: 2.9e9, done: 2.9e9 + 3e6 },
    ]);
    const iv = intervalHistograms(r, 1);
    expect(iv.map((b) => [b.start_s, b.scheduled, b.corrected.totalCount])).toEqual([[0, 1, 1], [1, 0, 0], [2, 2, 2]]);
    for (const b of iv) destroyHistograms(b);
  });
});
