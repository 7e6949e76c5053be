import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadAddonCore } from './addon-core.ts';
import { createProcessor, IMPL, type Processor } from './server.ts';
import { rawExchange, rawUpload, request } from './testing/http-client.ts';

const MAX_BODY_BYTES = 4096;
// PROCESSOR_CORE_ADDON=<path> runs these same HTTP tests over a native core (processors/node-rust's
// test command does, with its Rust core); unset, over the TypeScript core.
const addonPath = process.env['PROCESSOR_CORE_ADDON'];
const coreChoice = addonPath ? loadAddonCore(addonPath) : undefined;
const IMPL_NAME = coreChoice?.impl ?? IMPL;
let processor: Processor;
let port: number;

beforeAll(async () => {
  processor = createProcessor({ host: '127.0.0.1', port: 0, threads: 1, maxBodyBytes: MAX_BODY_BYTES }, coreChoice);
  await new Promise<void>((resolve) => processor.server.listen(0, '127.0.0.1', resolve));
  port = (processor.server.address() as AddressInfo).port;
});

afterAll(async () => {
  processor.server.closeAllConnections();
  await new Promise((resolve) => processor.server.close(resolve));
});

beforeEach(() => processor.core.reset());

const JSON_CT = { 'content-type': 'application/json' };
const TEXT_CT = { 'content-type': 'text/plain' };
const ev = (key: string, ts: number, value: number, kind = 'reading') => ({ key, ts, value, kind });
const postEvents = (events: unknown) => request(port, 'POST', '/v1/events', { headers: JSON_CT, body: JSON.stringify(events) });
const isErrorBody = (json: unknown) => typeof (json as { error?: unknown })?.error === 'string' && (json as { error: string }).error !== '';

describe('routes', () => {
  it('answers /health with the implementation name as JSON', async () => {
    const reply = await request(port, 'GET', '/health');
    expect([reply.status, reply.headers['content-type'], reply.json]).toEqual([200, 'application/json', { status: 'ok', impl: IMPL_NAME, version: '0.1.0' }]);
  });

  it('answers HEAD on a GET route with headers only', async () => {
    const reply = await request(port, 'HEAD', '/health');
    expect([reply.status, reply.text]).toEqual([200, '']);
  });

  it('answers an unknown path with 404 whatever the method', async () => {
    for (const [method, path] of [['GET', '/nope'], ['DELETE', '/nope'], ['GET', '/v1/keys/'], ['GET', '/v1/keys/a/b']] as const) {
      const reply = await request(port, method, path);
      expect([reply.status, reply.json]).toEqual([404, { error: 'not found' }]);
    }
  });

  it('answers a wrong method with 405 and an Allow header', async () => {
    const post = await request(port, 'GET', '/v1/events');
    const get = await request(port, 'POST', '/v1/stats');
    expect([post.status, post.headers['allow'], post.json]).toEqual([405, 'POST', { error: 'method not allowed' }]);
    expect([get.status, get.headers['allow']]).toEqual([405, 'GET, HEAD']);
  });

  it('ignores query strings', async () => {
    expect((await request(port, 'GET', '/v1/stats?x=1')).status).toBe(200);
  });
});

describe('POST /v1/events over HTTP', () => {
  it('ingests a batch, then serves the key and the stats', async () => {
    const reply = await postEvents([ev('k1', 10, 11.5), ev('k1', 12, 12.5, 'alert'), 7, ev('k1', 11, 12)]);
    expect(reply.text).toBe('{"accepted":3,"rejected":1,"errors":[{"index":2,"reason":"type"}]}');
    const key = await request(port, 'GET', '/v1/keys/k1');
    expect(key.text).toBe(
      '{"key":"k1","count":3,"sum":36,"min":11.5,"max":12.5,"mean":12,"last":12,"last_ts":12,"alerts":1,"window":[11.5,12.5,12],"median":12}',
    );
    expect((await request(port, 'GET', '/v1/stats')).json).toEqual({ keys: 1, events: 3, reads: 0 });
  });

  it('answers an unknown key with 404', async () => {
    const reply = await request(port, 'GET', '/v1/keys/never-seen');
    expect([reply.status, reply.json]).toEqual([404, { error: 'unknown key' }]);
  });

  it('answers malformed JSON with 400 and applies nothing', async () => {
    const reply = await request(port, 'POST', '/v1/events', { headers: JSON_CT, body: '[{"key":"a","ts":1,"value":1,"kind":"reading"},' });
    expect(reply.status).toBe(400);
    expect(isErrorBody(reply.json)).toBe(true);
    expect((await request(port, 'GET', '/v1/stats')).json).toEqual({ keys: 0, events: 0, reads: 0 });
  });

  it('answers a missing or wrong content type with 415', async () => {
    const none = await request(port, 'POST', '/v1/events', { body: '[]' });
    const text = await request(port, 'POST', '/v1/events', { headers: TEXT_CT, body: '[]' });
    const withCharset = await request(port, 'POST', '/v1/events', { headers: { 'content-type': 'Application/JSON; charset=utf-8' }, body: '[]' });
    expect([none.status, text.status, withCharset.status]).toEqual([415, 415, 200]);
    expect(isErrorBody(none.json)).toBe(true);
  });

  it('checks the content type before the size', async () => {
    const reply = await request(port, 'POST', '/v1/events', { headers: TEXT_CT, body: 'x'.repeat(MAX_BODY_BYTES + 1) });
    expect(reply.status).toBe(415);
  });

  it('answers a body over the limit with 413 from Content-Length', async () => {
    const reply = await request(port, 'POST', '/v1/events', { headers: JSON_CT, body: `[${' '.repeat(MAX_BODY_BYTES)}]` });
    expect([reply.status, reply.headers['connection']]).toEqual([413, 'close']);
    expect(isErrorBody(reply.json)).toBe(true);
  });

  it('accepts a body of exactly the limit', async () => {
    const reply = await request(port, 'POST', '/v1/events', { headers: JSON_CT, body: `[${' '.repeat(MAX_BODY_BYTES - 2)}]` });
    expect(reply.status).toBe(200);
  });

  it('answers a chunked body that grows over the limit with 413', async () => {
    const chunks = Array.from({ length: 8 }, () => Buffer.alloc(1024, 0x20));
    const reply = await request(port, 'POST', '/v1/events', { headers: JSON_CT, chunks });
    expect(reply.status).toBe(413);
  });

  it('answers a body that is not valid UTF-8 with 400', async () => {
    const body = Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]); // ["\xff\xfe"]
    const reply = await request(port, 'POST', '/v1/events', { headers: JSON_CT, body });
    expect(reply.status).toBe(400);
    expect(isErrorBody(reply.json)).toBe(true);
  });
});

describe('early answers to requests with a body', () => {
  const big = Buffer.alloc(4 * 1024 * 1024, 0x20);
  const head = (method: string, path: string, contentType: string, extra = '') =>
    `${method} ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${contentType}\r\nContent-Length: ${big.length}\r\n${extra}\r\n`;

  it('reads the rest of a too-large body before closing, so the 413 arrives without a reset', async () => {
    const result = await rawUpload(port, head('POST', '/v1/events', 'application/json'), big);
    expect(result.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(result.text).toMatch(/connection: close/i);
    expect(result.reset).toBe(false);
  });

  it('drains the body of a 415 on a connection the client closes', async () => {
    const result = await rawUpload(port, head('POST', '/v1/events', 'text/csv', 'Connection: close\r\n'), big);
    expect(result.text).toMatch(/^HTTP\/1\.1 415 /);
    expect(result.reset).toBe(false);
  });

  it('drains the body of a 404 on a connection the client closes', async () => {
    const result = await rawUpload(port, head('POST', '/nowhere', 'application/json', 'Connection: close\r\n'), big);
    expect(result.text).toMatch(/^HTTP\/1\.1 404 /);
    expect(result.reset).toBe(false);
  });

  it('keeps a connection usable after a 405 whose body it discarded', async () => {
    const raw = await rawExchange(
      port,
      'PUT /v1/stats HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(raw).toMatch(/^HTTP\/1\.1 405 [\s\S]*HTTP\/1\.1 200 /);
  });
});

describe('POST /v1/reads over HTTP', () => {
  it('counts reads into the stats on success', async () => {
    const reply = await request(port, 'POST', '/v1/reads', { headers: TEXT_CT, body: '@a\nACGTACGTACGT\n+\nIIIIIIIIIIII\n' });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ reads: 1, bases: 12, kmers: 2, distinct_kmers: 1 });
    expect((await request(port, 'GET', '/v1/stats')).json).toEqual({ keys: 0, events: 0, reads: 1 });
  });

  it('answers a malformed record with 400, its number and reason, and counts nothing', async () => {
    const reply = await request(port, 'POST', '/v1/reads', { headers: TEXT_CT, body: '@a\nACGT\n+\nIIII\n@b\nACGT\n' });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ record: 2, reason: 'truncated' });
    expect(isErrorBody(reply.json)).toBe(true);
    expect((await request(port, 'GET', '/v1/stats')).json).toMatchObject({ reads: 0 });
  });

  it('requires text/plain', async () => {
    expect((await request(port, 'POST', '/v1/reads', { headers: JSON_CT, body: '' })).status).toBe(415);
  });

  it('answers invalid UTF-8 with a plain 400, not a FASTQ error', async () => {
    const reply = await request(port, 'POST', '/v1/reads', { headers: TEXT_CT, body: Buffer.from('@\xc3\n', 'latin1') });
    expect(reply.status).toBe(400);
    expect(reply.json).not.toHaveProperty('reason');
  });
});

describe('state and metrics', () => {
  it('clears keys, events and reads on reset', async () => {
    await postEvents([ev('a', 1, 1)]);
    const reply = await request(port, 'POST', '/v1/reset', { body: 'ignored' });
    expect(reply.json).toEqual({ reset: true });
    expect((await request(port, 'GET', '/v1/stats')).json).toEqual({ keys: 0, events: 0, reads: 0 });
  });

  it('serves runtime metrics with a GC section', async () => {
    const reply = await request(port, 'GET', '/metrics');
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ impl: IMPL_NAME, gc: { collector: true, pauses: [] } });
  });
});

describe('resilience', () => {
  it('answers malformed HTTP with a JSON 400 and keeps serving', async () => {
    const raw = await rawExchange(port, 'BLAH\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('{"error":');
    expect((await request(port, 'GET', '/health')).status).toBe(200);
  });

  it('keeps serving after a stream of bad requests', async () => {
    const bad = [
      request(port, 'POST', '/v1/events', { headers: JSON_CT, body: '['.repeat(MAX_BODY_BYTES - 1) }),
      request(port, 'POST', '/v1/events', { headers: JSON_CT, body: '{"key":"a"}' }),
      request(port, 'POST', '/v1/events', { headers: JSON_CT, body: '[1e999999, -1e999999, 123456789012345678901234567890]' }),
      request(port, 'POST', '/v1/reads', { headers: TEXT_CT, body: '\r\n\r\n\r\n' }),
      request(port, 'POST', '/v1/events', { headers: JSON_CT, chunks: [Buffer.alloc(MAX_BODY_BYTES + 10, 0x5b)] }),
      rawExchange(port, 'POST /v1/events HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n[1'),
    ];
    await Promise.all(bad);
    expect((await postEvents([ev('after', 1, 1)])).json).toEqual({ accepted: 1, rejected: 0, errors: [] });
  });

  it('serves several requests on one keep-alive connection', async () => {
    const raw = await rawExchange(port, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(raw.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
  });
});
