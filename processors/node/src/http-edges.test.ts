// The spec's HTTP edge rules (processors/README.md, "HTTP edge rules") on node:http: the request
// head limit and a request with both Content-Length and Transfer-Encoding.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProcessor, type Processor } from './server.ts';
import { rawSend, request } from './testing/http-client.ts';

let processor: Processor;
let port: number;

beforeAll(async () => {
  processor = createProcessor({ host: '127.0.0.1', port: 0, threads: 1, maxBodyBytes: 4096 });
  await new Promise<void>((resolve) => processor.server.listen(0, '127.0.0.1', resolve));
  port = (processor.server.address() as AddressInfo).port;
});

afterAll(async () => {
  processor.server.closeAllConnections();
  await new Promise((resolve) => processor.server.close(resolve));
});

beforeEach(() => processor.core.reset());

/** A GET /v1/stats whose head (request line, headers, final blank line) is exactly `bytes` long. */
function headOf(bytes: number): string {
  const start = 'GET /v1/stats HTTP/1.1\r\nHost: x\r\nX-Pad: ';
  const end = '\r\nConnection: close\r\n\r\n';
  return start + 'a'.repeat(bytes - start.length - end.length) + end;
}

const statusOf = (text: string): number => Number(/^HTTP\/1\.1 (\d{3}) /.exec(text)?.[1] ?? 0);
const bodyOf = (text: string): string => text.slice(text.indexOf('\r\n\r\n') + 4);
const hasHeader = (text: string, line: RegExp): boolean => text.slice(0, text.indexOf('\r\n\r\n')).split('\r\n').some((l) => line.test(l));

describe('request head size', () => {
  it('accepts a 16 KiB head', async () => {
    const reply = await rawSend(port, headOf(16 * 1024));
    expect(statusOf(reply.text)).toBe(200);
  });

  it('answers a head over 64 KiB with a JSON 431 and closes the connection', async () => {
    const reply = await rawSend(port, headOf(64 * 1024 + 1).replace('\r\nConnection: close', ''));
    expect(statusOf(reply.text)).toBe(431);
    expect(hasHeader(reply.text, /^connection: close$/i)).toBe(true);
    expect((JSON.parse(bodyOf(reply.text)) as { error: string }).error).not.toBe('');
    expect(reply.closed).toBe(true);
  });

  it('keeps serving other connections after a 431', async () => {
    await rawSend(port, headOf(100_000));
    expect((await request(port, 'GET', '/health')).status).toBe(200);
  });
});

describe('Content-Length with Transfer-Encoding', () => {
  /** A POST /v1/events whose body is framed both ways: chunked, and a Content-Length that disagrees. */
  const smuggled = (json: string): string =>
    'POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\n' +
    `Transfer-Encoding: chunked\r\n\r\n${Buffer.byteLength(json).toString(16)}\r\n${json}\r\n0\r\n\r\n`;

  it('answers 400 in JSON and closes the connection', async () => {
    const reply = await rawSend(port, smuggled('[]'));
    expect(statusOf(reply.text)).toBe(400);
    expect((JSON.parse(bodyOf(reply.text)) as { error: string }).error).not.toBe('');
    expect(reply.closed).toBe(true);
  });

  it('applies nothing and keeps serving other connections', async () => {
    await rawSend(port, smuggled('[{"key":"a","ts":1,"value":1,"kind":"reading"}]'));
    expect((await request(port, 'GET', '/v1/stats')).json).toEqual({ keys: 0, events: 0, reads: 0 });
  });
});
