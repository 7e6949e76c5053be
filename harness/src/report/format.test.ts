import { describe, expect, it } from 'vitest';
import { formatBytes, formatMicros, formatRate, formatRatio } from './format.ts';

describe('units', () => {
  it('picks µs, ms or s for a latency', () => {
    expect(formatMicros(87)).toBe('87.0 µs');
    expect(formatMicros(1530)).toBe('1.53 ms');
    expect(formatMicros(2_500_000)).toBe('2.50 s');
    expect(formatMicros(null)).toBe('–');
  });

  it('picks B, KiB, MiB or GiB for a size', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(12 * 1024 * 1024)).toBe('12.0 MiB');
    expect(formatBytes(3.5 * 2 ** 30)).toBe('3.50 GiB');
  });

  it('abbreviates rates and prints ratios with two decimals', () => {
    expect(formatRate(1_234_567)).toBe('1.23M/s');
    expect(formatRate(2000)).toBe('2.00k/s');
    expect(formatRatio(0.7512)).toBe('0.75×');
  });
});
