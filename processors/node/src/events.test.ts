import { describe, expect, it } from 'vitest';
import { ingestBatch } from './events.ts';
import { ProcessorState } from './key-state.ts';

const ev = (key: string, ts: number, value: number, kind = 'reading') => ({ key, ts, value, kind });

describe('ingestBatch', () => {
  it('applies valid events and lists rejected ones with index and reason', () => {
    const state = new ProcessorState();
    const batch = [ev('a', 1, 1), { ...ev('a', 1, 1), ts: 1.5 }, ev('b', 2, 2, 'alert')];
    expect(ingestBatch(JSON.stringify(batch), state)).toEqual({ accepted: 2, rejected: 1, errors: [{ index: 1, reason: 'ts' }] });
    expect([state.events, state.keys.size, state.keys.get('b')?.alerts]).toEqual([2, 2, 1]);
  });

  it('returns the response fields in the spec order', () => {
    expect(JSON.stringify(ingestBatch('[]', new ProcessorState()))).toBe('{"accepted":0,"rejected":0,"errors":[]}');
  });

  it('lists only the first 10 rejected elements but counts them all', () => {
    const batch = [ev('ok', 1, 1), ...Array.from({ length: 15 }, () => 'bad')];
    const result = ingestBatch(JSON.stringify(batch), new ProcessorState());
    expect(result).toMatchObject({ accepted: 1, rejected: 15 });
    expect('errors' in result && result.errors.map((e) => e.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('applies valid events in array order', () => {
    const state = new ProcessorState();
    ingestBatch(JSON.stringify([ev('a', 5, 1), 'x', ev('a', 3, 2), ev('a', 4, 3)]), state);
    const a = state.keys.get('a')!;
    expect([a.last, a.lastTs, a.window()]).toEqual([3, 5, [1, 2, 3]]);
  });

  it.each(['', ' ', '[1,', '[] []', '[]x', 'nul', '{"a":1}', '1', '"[]"', 'null', '\ufeff[]'])(
    'refuses the malformed or non-array body %j and applies nothing',
    (body) => {
      const state = new ProcessorState();
      const result = ingestBatch(body, state);
      expect(result).toHaveProperty('error');
      expect(state.events).toBe(0);
    },
  );

  it('accepts whitespace around the array', () => {
    expect(ingestBatch(' \n[]\t ', new ProcessorState())).toEqual({ accepted: 0, rejected: 0, errors: [] });
  });

  it('rejects per element a ts or value too large for float64', () => {
    const body = '[{"key":"a","ts":1e400,"value":1,"kind":"reading"},{"key":"a","ts":1,"value":-1e999,"kind":"reading"}]';
    expect(ingestBatch(body, new ProcessorState())).toEqual({
      accepted: 0,
      rejected: 2,
      errors: [
        { index: 0, reason: 'ts' },
        { index: 1, reason: 'value' },
      ],
    });
  });

  it('takes an element nested deeply as a type rejection, without crashing', () => {
    const body = `[${'['.repeat(100_000)}${']'.repeat(100_000)}]`;
    expect(ingestBatch(body, new ProcessorState())).toEqual({ accepted: 0, rejected: 1, errors: [{ index: 0, reason: 'type' }] });
  });
});
