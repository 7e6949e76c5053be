import { describe, expect, it } from 'vitest';
import { KeyState, ProcessorState, WINDOW_SIZE } from './key-state.ts';

function stateOf(values: number[], tss: number[] = values.map((_, i) => i)): KeyState {
  const s = new KeyState();
  values.forEach((v, i) => s.apply(tss[i]!, v, false));
  return s;
}

describe('KeyState', () => {
  it('keeps count, sum, min, max and last in arrival order', () => {
    const s = stateOf([3, -1.5, 7, 2]);
    expect([s.count, s.sum, s.min, s.max, s.last]).toEqual([4, 10.5, -1.5, 7, 2]);
  });

  it('keeps the latest timestamp seen as last_ts, not the last received', () => {
    expect(stateOf([1, 2, 3], [10, 30, 20]).lastTs).toBe(30);
  });

  it('counts alerts only for alert events', () => {
    const s = new KeyState();
    s.apply(1, 1, true);
    s.apply(2, 1, false);
    s.apply(3, 1, true);
    expect(s.alerts).toBe(2);
  });

  it('holds the window oldest first while it has fewer than 32 values', () => {
    expect(stateOf([5, 1, 3]).window()).toEqual([5, 1, 3]);
  });

  it('drops the oldest value when the 33rd arrives', () => {
    const values = Array.from({ length: 40 }, (_, i) => i);
    const w = stateOf(values).window();
    expect(w).toHaveLength(WINDOW_SIZE);
    expect(w).toEqual(values.slice(8));
  });

  it('takes the middle of the sorted window for an odd length', () => {
    expect(stateOf([9, 1, 5]).median()).toBe(5);
  });

  it('takes the mean of the two middle values for an even length', () => {
    expect(stateOf([9, 1, 5, 2]).median()).toBe(3.5);
  });

  it('takes the median of the window only, not of every value', () => {
    // 40 values 0..39: the window is 8..39, whose median is (23 + 24) / 2.
    expect(stateOf(Array.from({ length: 40 }, (_, i) => i)).median()).toBe(23.5);
  });

  it('sorts the window numerically, not as strings', () => {
    expect(stateOf([10, 9, 100]).median()).toBe(10);
  });

  it('sums in arrival order as float64', () => {
    expect(stateOf([0.1, 0.2, 0.3]).sum).toBe(0.1 + 0.2 + 0.3);
  });
});

describe('ProcessorState', () => {
  it('creates a key on first sight and counts accepted events', () => {
    const p = new ProcessorState();
    p.apply('a', 1, 1, false);
    p.apply('b', 1, 1, false);
    p.apply('a', 2, 1, false);
    expect([p.keys.size, p.events, p.keys.get('a')?.count]).toEqual([2, 3, 2]);
  });

  it('clears keys, events and reads on reset', () => {
    const p = new ProcessorState();
    p.apply('a', 1, 1, false);
    p.reads = 4;
    p.reset();
    expect([p.keys.size, p.events, p.reads]).toEqual([0, 0, 0]);
  });
});
