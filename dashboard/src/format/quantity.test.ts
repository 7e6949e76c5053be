import { describe, expect, it } from 'vitest';
import { formatChange, formatRate, formatRatio, formatShare } from './quantity.ts';

describe('formatRate', () => {
  it('uses SI prefixes for large rates', () => {
    expect(formatRate(1_234_000, 'events/s')).toBe('1.23 M events/s');
    expect(formatRate(2000, 'req/s')).toBe('2.00 k req/s');
  });
  it('leaves small rates unprefixed', () => {
    expect(formatRate(12.5, 'req/s')).toBe('12.5 req/s');
  });
});

describe('formatRatio and formatChange', () => {
  it('prints a ratio with two decimals', () => {
    expect(formatRatio(0.754)).toBe('0.75×');
    expect(formatRatio(Number.NaN)).toBe('—');
  });
  it('signs a change and uses a true minus', () => {
    expect(formatChange(0.123)).toBe('+12.3 %');
    expect(formatChange(-0.04)).toBe('−4.0 %');
    expect(formatChange(0)).toBe('±0.0 %');
  });
});

describe('formatShare', () => {
  it('prints a share as a percentage with three significant digits', () => {
    expect(formatShare(0.2333)).toBe('23.3 %');
    expect(formatShare(1)).toBe('100 %');
    expect(formatShare(0.00069)).toBe('0.07 %');
  });
});
