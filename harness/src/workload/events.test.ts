import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { Prng, generateEventBatch, eventKeys, type EventRejectReason } from './index.ts';

// An independent reading of the spec's validation rules, used to check what the generator made.
function reasonOf(e: unknown): EventRejectReason | 'valid' {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return 'type';
  const o = e as Record<string, unknown>;
  if (typeof o['key'] !== 'string' || !/^[A-Za-z0-9_.:-]{1,64}$/.test(o['key'])) return 'key';
  const ts = o['ts'];
  if (typeof ts !== 'number' || !Number.isInteger(ts) || ts < 0 || ts > Number.MAX_SAFE_INTEGER) return 'ts';
  if (typeof o['value'] !== 'number' || !Number.isFinite(o['value'])) return 'value';
  if (!['reading', 'alert', 'heartbeat'].includes(o['kind'] as string)) return 'kind';
  return 'valid';
}

function batch(seed: number, options: Parameters<typeof generateEventBatch>[1]): unknown[] {
  return JSON.parse(generateEventBatch(new Prng(seed), options).toString('utf8')) as unknown[];
}

describe('generateEventBatch', () => {
  it('returns the same bytes for the same seed', () => {
    const a = generateEventBatch(new Prng(3), { events: 500, keys: 50, invalidShare: 0.2, duplicateFieldShare: 0.05 });
    const b = generateEventBatch(new Prng(3), { events: 500, keys: 50, invalidShare: 0.2, duplicateFieldShare: 0.05 });
    expect(a.equals(b)).toBe(true);
  });

  // Pinned digest: the bytes must not depend on the machine or Node version.
  it('produces the pinned bytes for seed 1', () => {
    const bytes = generateEventBatch(new Prng(1), { events: 200, keys: 20, invalidShare: 0.3 });
    expect(createHash('sha256').update(bytes).digest('hex')).toMatchInlineSnapshot(`"f319590e0ed6fe56b8a75386092a55c25484d1a305e29990edfe468dd136d44d"`);
  });

  it('produces a JSON array with exactly the requested number of elements', () => {
    expect(batch(1, { events: 137, keys: 10 })).toHaveLength(137);
  });

  it('produces only valid events when invalidShare is 0', () => {
    const reasons = batch(2, { events: 2000, keys: 100, unknownFieldShare: 0.5, duplicateFieldShare: 0.1 }).map(reasonOf);
    expect(reasons.filter((r) => r !== 'valid')).toEqual([]);
  });

  it('makes about the requested share invalid, with every reason present', () => {
    const reasons = batch(4, { events: 5000, keys: 100, invalidShare: 0.25 }).map(reasonOf);
    const invalid = reasons.filter((r) => r !== 'valid');
    expect(Math.abs(invalid.length / 5000 - 0.25)).toBeLessThan(0.03);
    expect(new Set(invalid)).toEqual(new Set(['type', 'key', 'ts', 'value', 'kind']));
  });

  it('draws invalid events only from the reasons asked for', () => {
    const reasons = batch(5, { events: 1000, keys: 10, invalidShare: 1, invalidReasons: ['ts'] }).map(reasonOf);
    expect(new Set(reasons)).toEqual(new Set(['ts']));
  });

  it('spreads events over the whole key pool', () => {
    const pool = eventKeys(50);
    const used = new Set(batch(6, { events: 5000, keys: 50 }).map((e) => (e as { key: string }).key));
    expect(used).toEqual(new Set(pool));
  });

  it('writes a duplicated field whose last occurrence is the valid one', () => {
    const text = generateEventBatch(new Prng(7), { events: 200, keys: 5, duplicateFieldShare: 1 }).toString('utf8');
    expect(text).toContain('"overwritten later"');
    expect(JSON.parse(text).map(reasonOf).every((r: string) => r === 'valid')).toBe(true);
  });
});
