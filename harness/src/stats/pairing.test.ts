import { describe, expect, it } from 'vitest';
import { matchRounds, type Keyed } from './pairing.ts';

const side = (pairs: Array<[string, number]>): Keyed[] => pairs.map(([key, value]) => ({ key, value }));

describe('matchRounds', () => {
  it('matches rounds by their key, whatever order they arrive in', () => {
    const p = matchRounds(side([['r0', 1], ['r1', 2], ['r2', 3]]), side([['r2', 30], ['r0', 10], ['r1', 20]]), 3);
    expect(p).toEqual({ kind: 'paired', a: [1, 2, 3], b: [10, 20, 30], keys: ['r0', 'r1', 'r2'], unmatched: [] });
  });

  it('leaves a round measured on one side only out, and names it', () => {
    const p = matchRounds(side([['r0', 1], ['r1', 2], ['r2', 3], ['r3', 4]]), side([['r0', 10], ['r2', 30], ['r3', 40]]), 3);
    expect(p.kind === 'paired' && p.keys).toEqual(['r0', 'r2', 'r3']);
    expect(p.kind === 'paired' && p.unmatched).toEqual(['A r1']);
  });

  it('falls back to unpaired, with the reason, when too few rounds match', () => {
    const p = matchRounds(side([['r0', 1], ['r1', 2], ['r2', 3]]), side([['r0', 10], ['r3', 40], ['r4', 50]]), 3);
    expect(p).toEqual({ kind: 'unpaired', reason: '1 round(s) measured on both sides, fewer than 3 (unmatched: A r1, A r2, B r3, B r4)' });
  });

  it('falls back to unpaired when a side pools several runs (a round appears twice)', () => {
    const p = matchRounds(side([['r0', 1], ['r0', 2], ['r1', 3], ['r1', 4]]), side([['r0', 10], ['r1', 20]]), 2);
    expect(p.kind).toBe('unpaired');
    expect(p.kind === 'unpaired' && p.reason).toBe('A has rounds r0, r1 more than once (several runs pooled): rounds cannot be matched');
  });
});
