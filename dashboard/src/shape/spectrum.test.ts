import { describe, expect, it } from 'vitest';
import { ninesLabel, ninesTicks, ninesX, spectrumOnNines, valueAt } from './spectrum.ts';

describe('ninesX', () => {
  it('spaces 90, 99 and 99.9 one unit apart', () => {
    expect(ninesX(0)).toBeCloseTo(0);
    expect(ninesX(90)).toBeCloseTo(1);
    expect(ninesX(99)).toBeCloseTo(2);
    expect(ninesX(99.9)).toBeCloseTo(3);
  });
});

describe('spectrumOnNines', () => {
  it('puts the maximum at the last resolvable nine instead of infinity', () => {
    const pts = spectrumOnNines(
      [
        { percentile: 0, value_us: 10 },
        { percentile: 99, value_us: 50 },
        { percentile: 100, value_us: 90 },
      ],
      1000,
    );
    expect(pts.map((p) => p.x)).toEqual([0, expect.closeTo(2), 3]);
    expect(pts.at(-1)?.value_us).toBe(90);
  });
  it('never places a percentile beyond the maximum', () => {
    const pts = spectrumOnNines([{ percentile: 99.999, value_us: 80 }, { percentile: 100, value_us: 90 }], 100);
    expect(Math.max(...pts.map((p) => p.x))).toBe(2);
  });
});

describe('nines ticks and labels', () => {
  it('labels whole nines as percentiles', () => {
    expect(ninesTicks(4.2).map(ninesLabel)).toEqual(['0%', '90%', '99%', '99.9%', '99.99%']);
  });
});

describe('valueAt', () => {
  it('reads the latency at the first point at or above the percentile', () => {
    const pts = spectrumOnNines([{ percentile: 50, value_us: 10 }, { percentile: 99, value_us: 40 }, { percentile: 100, value_us: 99 }], 1000);
    expect(valueAt(pts, 99)).toBe(40);
    expect(valueAt(pts, 99.5)).toBe(99);
  });
});
