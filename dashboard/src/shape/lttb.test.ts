import { describe, expect, it } from 'vitest';
import { lttb } from './lttb.ts';

type P = { x: number; y: number };
const px = (p: P) => p.x;
const py = (p: P) => p.y;

describe('lttb', () => {
  it('returns short series unchanged', () => {
    const pts = [{ x: 0, y: 1 }, { x: 1, y: 2 }];
    expect(lttb(pts, 10, px, py)).toEqual(pts);
  });
  it('reduces a long series to the threshold, keeping the first and last point', () => {
    const pts = Array.from({ length: 10_000 }, (_, i) => ({ x: i, y: Math.sin(i / 100) }));
    const out = lttb(pts, 200, px, py);
    expect(out).toHaveLength(200);
    expect(out[0]).toBe(pts[0]);
    expect(out[199]).toBe(pts[9999]);
  });
  it('keeps a single spike that averaging would flatten', () => {
    const pts = Array.from({ length: 5_000 }, (_, i) => ({ x: i, y: i === 2_345 ? 1_000 : 1 }));
    const out = lttb(pts, 50, px, py);
    expect(out.some((p) => p.y === 1_000)).toBe(true);
  });
  it('keeps x in increasing order', () => {
    const pts = Array.from({ length: 3_000 }, (_, i) => ({ x: i * 0.1, y: (i * 7919) % 13 }));
    const xs = lttb(pts, 100, px, py).map(px);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });
});
