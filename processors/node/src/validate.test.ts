import { describe, expect, it } from 'vitest';
import { validateEvent } from './validate.ts';

const good = { key: 'sensor-00042', ts: 1764144000123, value: 12.5, kind: 'reading' };

describe('validateEvent', () => {
  it('returns a valid element itself', () => {
    expect(validateEvent(good)).toBe(good);
  });

  it.each([null, 1, 'x', true, [good]])('rejects the non-object %j as type', (element) => {
    expect(validateEvent(element)).toBe('type');
  });

  it.each([
    ['missing', undefined],
    ['a number', 5],
    ['empty', ''],
    ['65 characters', 'a'.repeat(65)],
    ['a space', 'a b'],
    ['a slash', 'a/b'],
    ['non-ASCII', 'sensör'],
  ])('rejects a key that is %s', (_what, key) => {
    expect(validateEvent({ ...good, key })).toBe('key');
  });

  it('accepts a 64-character key of every allowed character class', () => {
    const event = { ...good, key: 'Az09_.:-'.repeat(8) };
    expect(validateEvent(event)).toBe(event);
  });

  it.each([
    ['missing', undefined],
    ['a string', '1'],
    ['fractional', 1.5],
    ['negative', -1],
    ['above 2^53-1', 2 ** 53],
    ['infinite (1e400 parses to Infinity)', JSON.parse('1e400') as number],
  ])('rejects a ts that is %s', (_what, ts) => {
    expect(validateEvent({ ...good, ts })).toBe('ts');
  });

  it('accepts integer-valued ts written as 1.0 or 1e3, and 2^53-1', () => {
    for (const text of ['1.0', '1e3', '9007199254740991', '0']) {
      expect(typeof validateEvent({ ...good, ts: JSON.parse(text) as number })).toBe('object');
    }
  });

  it.each([
    ['missing', undefined],
    ['a string', '12.5'],
    ['null', null],
    ['infinite', JSON.parse('-1e400') as number],
  ])('rejects a value that is %s', (_what, value) => {
    expect(validateEvent({ ...good, value })).toBe('value');
  });

  it.each([undefined, 'READING', 'other', 1])('rejects the kind %j', (kind) => {
    expect(validateEvent({ ...good, kind })).toBe('kind');
  });

  it('reports the first failing check in the order key, ts, value, kind', () => {
    expect(validateEvent({ key: 1, ts: -1, value: 'x', kind: 'x' })).toBe('key');
    expect(validateEvent({ key: 'a', ts: -1, value: 'x', kind: 'x' })).toBe('ts');
    expect(validateEvent({ key: 'a', ts: 1, value: 'x', kind: 'x' })).toBe('value');
  });

  it('ignores unknown fields and a __proto__ member', () => {
    const parsed: unknown = JSON.parse('{"__proto__":{"key":"x"},"key":"a","ts":1,"value":2,"kind":"alert","extra":[1]}');
    expect(typeof validateEvent(parsed)).toBe('object');
    expect(validateEvent(JSON.parse('{"__proto__":{"key":"x"},"ts":1,"value":2,"kind":"alert"}'))).toBe('key');
  });

  it('lets the last of duplicate fields count, as JSON.parse does', () => {
    expect(validateEvent(JSON.parse('{"key":"a","ts":1,"value":2,"kind":"bad","kind":"alert"}'))).toMatchObject({ kind: 'alert' });
    expect(validateEvent(JSON.parse('{"key":"a","ts":1,"value":2,"kind":"alert","kind":"bad"}'))).toBe('kind');
  });
});
