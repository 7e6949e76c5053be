import { describe, it, expect } from 'vitest';
import { Prng, generateKeyPaths } from './index.ts';

describe('generateKeyPaths', () => {
  it('returns the same paths for the same seed', () => {
    expect(generateKeyPaths(new Prng(1), { count: 100, keys: 10 })).toEqual(generateKeyPaths(new Prng(1), { count: 100, keys: 10 }));
  });

  it('mixes pool keys with about the requested share of unknown keys', () => {
    const paths = generateKeyPaths(new Prng(2), { count: 2000, keys: 30, unknownShare: 0.2 });
    const unknown = paths.filter((p) => p.startsWith('/v1/keys/never-seen-')).length;
    expect(Math.abs(unknown / 2000 - 0.2)).toBeLessThan(0.03);
    expect(paths.filter((p) => !p.startsWith('/v1/keys/never-seen-')).every((p) => /^\/v1\/keys\/sensor-000[0-2]\d$/.test(p))).toBe(true);
  });
});
