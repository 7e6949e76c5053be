import { describe, it, expect } from 'vitest';
import { Prng } from './prng.ts';

function take(rng: Prng, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextU32());
}

describe('Prng', () => {
  it('gives the same sequence for the same seed', () => {
    expect(take(new Prng(42), 1000)).toEqual(take(new Prng(42), 1000));
    expect(take(new Prng('verify'), 100)).toEqual(take(new Prng('verify'), 100));
  });

  it('gives different sequences for different seeds, including seeds 2^32 apart', () => {
    expect(take(new Prng(1), 10)).not.toEqual(take(new Prng(2), 10));
    expect(take(new Prng(5), 10)).not.toEqual(take(new Prng(5 + 2 ** 32), 10));
  });

  // Pinned output: if this changes, every recorded workload changes; only update it on purpose.
  it('produces the pinned first values for seed 1', () => {
    expect(take(new Prng(1), 4)).toMatchInlineSnapshot(`
      [
        2442144158,
        3238099751,
        3819917871,
        2104621829,
      ]
    `);
  });

  it('keeps int(n) within range and roughly uniform', () => {
    const rng = new Prng(7);
    const counts = new Array<number>(10).fill(0);
    let outOfRange = 0;
    for (let i = 0; i < 100_000; i += 1) {
      const v = rng.int(10);
      if (v < 0 || v >= 10 || !Number.isInteger(v)) outOfRange += 1;
      else counts[v]! += 1;
    }
    expect(outOfRange).toBe(0);
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('keeps float() in [0, 1) with mean near 0.5', () => {
    const rng = new Prng(9);
    let sum = 0;
    let outOfRange = 0;
    for (let i = 0; i < 100_000; i += 1) {
      const f = rng.float();
      if (f < 0 || f >= 1) outOfRange += 1;
      sum += f;
    }
    expect(outOfRange).toBe(0);
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.01);
  });

  it('rejects seeds that are not safe integers', () => {
    expect(() => new Prng(1.5)).toThrow(RangeError);
  });
});
