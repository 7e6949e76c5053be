import { describe, expect, it } from 'vitest';
import { FIRST_GUESS_OVERHEAD_S, formatDuration, remainingSeconds } from './eta.ts';

describe('remainingSeconds', () => {
  it('uses a first guess of the per-step overhead before any step is done', () => {
    expect(remainingSeconds({ elapsed_steps_s: 0, done_planned_s: 0, done: 0, total: 4, remaining_planned_s: 16 })).toBe(16 + 4 * FIRST_GUESS_OVERHEAD_S);
  });

  it('learns the overhead from the steps already done', () => {
    // 2 steps of 4 planned seconds took 12 s: 2 s overhead each; 3 steps (12 planned s) remain.
    expect(remainingSeconds({ elapsed_steps_s: 12, done_planned_s: 8, done: 2, total: 5, remaining_planned_s: 12 })).toBe(12 + 3 * 2);
  });

  it('never goes below zero', () => {
    expect(remainingSeconds({ elapsed_steps_s: 1, done_planned_s: 8, done: 2, total: 2, remaining_planned_s: 0 })).toBe(0);
  });
});

describe('formatDuration', () => {
  it.each([[0, '0s'], [59.4, '59s'], [75, '1m15s'], [3700, '1h01m']])('%s s → %s', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});
