import { describe, it, expect } from 'vitest';
import { requestBody } from './vector-schema.ts';

describe('requestBody', () => {
  it('repeats the text to exactly the requested number of bytes', () => {
    const body = requestBody({ method: 'POST', path: '/', repeat: { text: 'abc', bytes: 7 } });
    expect(body?.toString()).toBe('abcabca');
  });

  it('sends base64 bodies as raw bytes', () => {
    expect(requestBody({ method: 'POST', path: '/', base64: Buffer.from([0xff, 0x00]).toString('base64') })).toEqual(Buffer.from([0xff, 0x00]));
  });

  it('serializes json bodies, including a json null', () => {
    expect(requestBody({ method: 'POST', path: '/', json: null })?.toString()).toBe('null');
  });

  it('sends no body when none is given', () => {
    expect(requestBody({ method: 'GET', path: '/' })).toBeUndefined();
  });
});
