import { describe, expect, it } from 'vitest';
import { formatNanos } from './nanos.ts';

describe('formatNanos', () => {
  it.each([
    [850, '850 ns'],
    [12.5, '12.5 ns'],
    [95_000, '95.0 µs'],
    [1_530_000, '1.53 ms'],
  ])('%d ns → %s', (ns, text) => expect(formatNanos(ns)).toBe(text));

  it('shows a dash for no value', () => {
    expect(formatNanos(Number.NaN)).toBe('—');
  });
});
