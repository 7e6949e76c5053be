import { describe, expect, it } from 'vitest';
import { ApiFailure, embeddedSource, httpSource } from './source.ts';

const fakeFetch = (status: number, body: unknown) =>
  (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as typeof fetch;

describe('httpSource', () => {
  it('returns the body of a 200', async () => {
    await expect(httpSource(fakeFetch(200, { runs: [] })).get('/api/runs')).resolves.toEqual({ runs: [] });
  });
  it('turns a 400 into an ApiFailure carrying the server message and parameter', async () => {
    const err = await httpSource(fakeFetch(400, { error: 'run: bad', parameter: 'run' })).get('/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiFailure);
    expect(err).toMatchObject({ message: 'run: bad', status: 400, parameter: 'run' });
  });
  it('says the server is unreachable when fetch itself fails', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(httpSource(failing).get('/x')).rejects.toMatchObject({ status: 0 });
  });
});

describe('embeddedSource', () => {
  it('answers embedded paths and 404s the rest', async () => {
    const src = embeddedSource({ '/api/latest': { run: null } });
    await expect(src.get('/api/latest')).resolves.toEqual({ run: null });
    await expect(src.get('/api/runs')).rejects.toMatchObject({ status: 404 });
  });
});
