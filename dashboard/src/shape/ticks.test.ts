import { describe, expect, it } from 'vitest';
import { logDomain, logTicks } from './ticks.ts';

describe('logDomain', () => {
  it('pads to the enclosing 1-2-5 steps', () => {
    expect(logDomain(83, 4100)).toEqual([50, 5000]);
  });
  it('never starts below 1', () => {
    expect(logDomain(0, 30)[0]).toBe(1);
  });
});

describe('logTicks', () => {
  it('steps 1-2-5 through each decade', () => {
    expect(logTicks(50, 5000)).toEqual([50, 100, 200, 500, 1000, 2000, 5000]);
  });
});
