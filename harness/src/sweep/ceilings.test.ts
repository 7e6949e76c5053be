import { describe, expect, it } from 'vitest';
import { autocannonFlags, limitedBy } from './ceilings.ts';

describe('autocannonFlags', () => {
  it('flags autocannon saturating its own core', () => {
    expect(autocannonFlags(0.97, 0.95, 1)).toEqual(["autocannon used 97% of its core: the figure is autocannon's limit, a lower bound of the processor's"]);
  });

  it('flags a processor left below 90% of its budget', () => {
    expect(autocannonFlags(0.6, 0.83, 1)[0]).toMatch(/^the processor used 83% of its 1-core budget/);
  });

  it('has nothing to flag when the processor was the limit', () => {
    expect(autocannonFlags(0.7, 1.8, 2)).toEqual([]);
  });
});

describe('limitedBy', () => {
  it('names the processor when it used 90% of its budget', () => {
    expect(limitedBy(0.93, 0.99, 1)).toBe('processor');
  });

  it('names the driver when only the driver saturated', () => {
    expect(limitedBy(0.7, 0.95, 1)).toBe('driver');
  });

  it('says unclear when neither did', () => {
    expect(limitedBy(null, 0.5, 1)).toBe('unclear');
  });
});
