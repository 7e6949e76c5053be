import { describe, expect, it } from 'vitest';
import { byteUnitFor, formatBytes } from './bytes.ts';

describe('formatBytes', () => {
  it('prints small sizes in whole bytes', () => {
    expect(formatBytes(512)).toBe('512 B');
  });
  it('uses binary prefixes', () => {
    expect(formatBytes(1024)).toBe('1.00 KiB');
    expect(formatBytes(30 * 2 ** 20)).toBe('30.0 MiB');
    expect(formatBytes(1.5 * 2 ** 30)).toBe('1.50 GiB');
    expect(formatBytes(700 * 2 ** 20)).toBe('700 MiB');
  });
  it('formats in a forced unit', () => {
    expect(formatBytes(2 ** 19, byteUnitFor(2 ** 21))).toBe('0.50 MiB');
  });
});
