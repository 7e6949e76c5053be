import { describe, expect, it } from 'vitest';
import { durationUnitFor, formatDuration } from './duration.ts';

describe('formatDuration', () => {
  it('keeps values below one millisecond in microseconds', () => {
    expect(formatDuration(999)).toBe('999 µs');
    expect(formatDuration(0)).toBe('0.00 µs');
  });
  it('switches to milliseconds at 1000 µs', () => {
    expect(formatDuration(1000)).toBe('1.00 ms');
    expect(formatDuration(1530)).toBe('1.53 ms');
    expect(formatDuration(45_600)).toBe('45.6 ms');
  });
  it('switches to seconds at one million µs', () => {
    expect(formatDuration(2_500_000)).toBe('2.50 s');
  });
  it('formats in a forced unit so axis ticks stay comparable', () => {
    expect(formatDuration(500, durationUnitFor(20_000))).toBe('0.50 ms');
  });
});
