import { describe, expect, it } from 'vitest';
import type { Interval } from '../results/schema.ts';
import { normal, seededRng } from '../stats/rng.ts';
import { batchMeans, duetRatio, lag1, pairSeconds } from './duet.ts';

const second = (t_s: number, p99_us: number, phase: Interval['phase'] = 'measure'): Interval => ({ t_s, phase, requests: 2000, errors: 0, p50_us: p99_us / 4, p99_us, max_us: p99_us * 2, corrected_hdr: '' });

describe('pairSeconds', () => {
  it('pairs measure-phase seconds by time and skips warmup and empty seconds', () => {
    const a = [second(0, 100, 'warmup'), second(1, 100), second(2, 200), second(3, 100)];
    const b = [second(0, 300, 'warmup'), second(1, 110), { ...second(2, 220), requests: 0 }, second(3, 120)];
    const p = pairSeconds(a, b);
    expect(p.t_s).toEqual([1, 3]);
    expect(p.d.map(Math.exp).map((x) => x.toFixed(2))).toEqual(['1.10', '1.20']);
  });
});

describe('duetRatio', () => {
  it('cancels what the machine did to both in the same second', () => {
    // A shared per-second noise of σ = 0.7 in log p99 (the VM's stalls), B 1.2× A, little noise of its own.
    const rng = seededRng(4);
    const a: Interval[] = [];
    const b: Interval[] = [];
    for (let t = 0; t < 60; t++) {
      const machine = Math.exp(0.7 * normal(rng));
      a.push(second(t, 1000 * machine * Math.exp(0.02 * normal(rng))));
      b.push(second(t, 1200 * machine * Math.exp(0.02 * normal(rng))));
    }
    const r = duetRatio(a, b);
    if (r.ratio.kind !== 'interval') throw new Error('expected an interval');
    expect(r.ratio.ci_low).toBeGreaterThan(1.15);
    expect(r.ratio.ci_high).toBeLessThan(1.25);
  });

  it('batches seconds until their means stop correlating', () => {
    // An AR(1) series with ρ = 0.8: second-by-second values are far from independent.
    const rng = seededRng(9);
    const d: number[] = [];
    let x = 0;
    for (let t = 0; t < 256; t++) d.push((x = 0.8 * x + 0.1 * normal(rng)));
    expect(lag1(d)).toBeGreaterThan(0.6);
    const a = d.map((_, t) => second(t, 1000));
    const b = d.map((v, t) => second(t, 1000 * Math.exp(v)));
    const r = duetRatio(a, b);
    expect(r.batch_s).toBeGreaterThan(1);
    expect(r.batches).toBeGreaterThanOrEqual(12);
    expect(Math.abs(r.lag1) < 0.2 || r.notes.length > 0).toBe(true);
  });

  it('is insufficient with too few paired seconds', () => {
    expect(duetRatio([second(1, 100)], [second(1, 110)]).ratio.kind).toBe('insufficient');
  });
});

describe('batchMeans', () => {
  it('averages whole batches and drops the incomplete tail', () => {
    expect(batchMeans([1, 2, 3, 4, 5], 2)).toEqual([1.5, 3.5]);
  });
});
