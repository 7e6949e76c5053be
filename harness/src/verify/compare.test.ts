import { describe, it, expect } from 'vitest';
import { compareJson, asExpectation, numbersMatch } from './compare.ts';

describe('compareJson', () => {
  it('finds no difference between equal documents', () => {
    expect(compareJson({ a: [1, 'x', null, true, { b: 2.5 }] }, { a: [1, 'x', null, true, { b: 2.5 }] })).toEqual([]);
  });

  it('accepts floats within a relative 1e-9', () => {
    expect(compareJson({ mean: 12.1 }, { mean: 12.1 * (1 + 5e-10) })).toEqual([]);
  });

  it('rejects floats beyond a relative 1e-9 and names the path', () => {
    expect(compareJson({ mean: 12.1 }, { mean: 12.1 * (1 + 2e-9) })).toMatchObject([{ path: '$.mean', message: 'numbers differ' }]);
  });

  it('compares integers exactly', () => {
    expect(numbersMatch(9007199254740991, 9007199254740990)).toBe(false);
    expect(numbersMatch(3, 3)).toBe(true);
  });

  it('treats 36 and 36.0 as the same number', () => {
    expect(compareJson(JSON.parse('{"sum":36.0}'), JSON.parse('{"sum":36}'))).toEqual([]);
  });

  it('lets the any-string marker match any non-empty string', () => {
    expect(compareJson({ error: '<any non-empty string>' }, { error: 'bad request' })).toEqual([]);
  });

  it('does not let the any-string marker match an empty string, a number or a missing field', () => {
    expect(compareJson({ error: '<any non-empty string>' }, { error: '' })).toHaveLength(1);
    expect(compareJson({ error: '<any non-empty string>' }, { error: 1 })).toHaveLength(1);
    expect(compareJson({ error: '<any non-empty string>' }, {})).toMatchObject([{ path: '$.error', message: 'field missing' }]);
  });

  it('reports nested differences with their full path', () => {
    const diffs = compareJson({ errors: [{ index: 1, reason: 'ts' }] }, { errors: [{ index: 1, reason: 'key' }] });
    expect(diffs).toEqual([{ path: '$.errors[0].reason', expected: 'ts', actual: 'key', message: 'values differ' }]);
  });

  it('reports every difference, not only the first', () => {
    expect(compareJson({ a: 1, b: 2, c: 3 }, { a: 9, b: 2, c: 8 }).map((d) => d.path)).toEqual(['$.a', '$.c']);
  });

  it('reports unexpected fields', () => {
    expect(compareJson({ a: 1 }, { a: 1, extra: true })).toMatchObject([{ path: '$.extra', message: 'unexpected field' }]);
  });

  it('reports arrays of different lengths and compares the common part', () => {
    const diffs = compareJson({ w: [1, 2, 3] }, { w: [1, 5] });
    expect(diffs.map((d) => [d.path, d.message])).toEqual([
      ['$.w', 'expected 3 elements, got 2'],
      ['$.w[1]', 'numbers differ'],
    ]);
  });

  it('reports a type mismatch instead of descending', () => {
    expect(compareJson({ a: { b: 1 } }, { a: [1] })).toMatchObject([{ path: '$.a', message: 'expected object, got array' }]);
  });

  it('reports fields in a different order than the spec fixes', () => {
    expect(compareJson({ accepted: 1, rejected: 0 }, { rejected: 0, accepted: 1 })).toMatchObject([{ path: '$', message: 'fields in a different order' }]);
  });

  it('quotes keys that are not identifiers in paths', () => {
    expect(compareJson({ 'a-b': 1 }, { 'a-b': 2 })[0]!.path).toBe('$["a-b"]');
  });
});

describe('asExpectation', () => {
  it('turns an error message into the any-string marker so wording differences pass', () => {
    expect(compareJson(asExpectation({ error: 'not found' }), { error: 'no such route' })).toEqual([]);
  });

  it('keeps the other fields of an error body exact', () => {
    expect(compareJson(asExpectation({ error: 'x', record: 2, reason: 'header' }), { error: 'y', record: 3, reason: 'header' })).toHaveLength(1);
  });
});
