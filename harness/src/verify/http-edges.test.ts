// Conformance: the spec's HTTP edge rules (processors/README.md, "HTTP edge rules") against every
// processor manifest, built and started as a run would, over raw TCP (golden vectors go through an
// HTTP client, which cannot send these requests or see the connection close).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProcessor } from '../build/index.ts';
import { launchProcessor, type RunningProcessor } from '../launch/index.ts';
import { loadManifests } from '../processors/index.ts';
import { rawExchange, type RawReply } from './raw-exchange.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const logDir = path.join(repoRoot, 'artifacts', 'http-edges-logs');

/** A GET /v1/stats whose head (request line, headers, blank line) is `bytes` long. */
function statsWithHead(bytes: number): string {
  const start = 'GET /v1/stats HTTP/1.1\r\nHost: conformance\r\nX-Pad: ';
  const end = '\r\n\r\n';
  return start + 'p'.repeat(bytes - start.length - end.length) + end;
}

/** POST /v1/events framed both ways: chunked, and a Content-Length that disagrees with it. */
function bothFramings(json: string): string {
  return (
    'POST /v1/events HTTP/1.1\r\nHost: conformance\r\nContent-Type: application/json\r\nContent-Length: 4\r\n' +
    `Transfer-Encoding: chunked\r\n\r\n${Buffer.byteLength(json).toString(16)}\r\n${json}\r\n0\r\n\r\n`
  );
}

const ONE_EVENT = '[{"key":"conformance","ts":1,"value":1,"kind":"reading"}]';

function answered(reply: RawReply | undefined): RawReply {
  if (reply === undefined) throw new Error('the server closed the connection without answering');
  return reply;
}

function errorMessage(reply: RawReply): unknown {
  return (JSON.parse(reply.body) as { error?: unknown }).error;
}

describe.each(loadManifests(repoRoot, undefined, { all: true }))('$name', (manifest) => {
  let processor: RunningProcessor;
  let port: number;

  beforeAll(async () => {
    const build = await buildProcessor(manifest, { logDir });
    if (!build.ok) throw new Error(`${build.error}\n${build.log_tail}`);
    processor = await launchProcessor(manifest, { threads: 1, logDir });
    port = processor.port;
  });

  afterAll(async () => {
    await processor?.stop();
  });

  const stats = async (): Promise<unknown> => JSON.parse(answered(await rawExchange(port, 'GET /v1/stats HTTP/1.1\r\nHost: c\r\n\r\n')).body);

  it('answers a request with an 8 KiB head normally', async () => {
    expect(answered(await rawExchange(port, statsWithHead(8 * 1024))).status).toBe(200);
  });

  it('answers a 100 KB request head with 431 and Connection: close, then closes the connection', async () => {
    const reply = answered(await rawExchange(port, statsWithHead(100_000)));
    expect([reply.status, reply.headers['connection']?.toLowerCase(), reply.closed]).toEqual([431, 'close', true]);
  });

  it('gives a 431 a JSON error body when it sends a JSON body at all', async () => {
    const reply = answered(await rawExchange(port, statsWithHead(100_000)));
    // Where the HTTP library writes the 431 itself (net/http, hyper) its own body is tolerated.
    if (reply.headers['content-type']?.startsWith('application/json')) expect(errorMessage(reply)).toEqual(expect.stringMatching(/./));
    else expect(reply.body.startsWith('{')).toBe(false);
  });

  it('serves a new connection after a 431', async () => {
    await rawExchange(port, statsWithHead(100_000));
    expect(answered(await rawExchange(port, 'GET /health HTTP/1.1\r\nHost: c\r\n\r\n')).status).toBe(200);
  });

  it('answers Content-Length with Transfer-Encoding: chunked with a JSON 400, then closes the connection', async () => {
    const reply = answered(await rawExchange(port, bothFramings('[]')));
    expect([reply.status, reply.closed]).toEqual([400, true]);
    expect(errorMessage(reply)).toEqual(expect.stringMatching(/./));
  });

  it('applies nothing from a request framed both ways, and serves a new connection after it', async () => {
    await rawExchange(port, 'POST /v1/reset HTTP/1.1\r\nHost: c\r\nContent-Length: 0\r\n\r\n');
    await rawExchange(port, bothFramings(ONE_EVENT));
    expect(await stats()).toEqual({ keys: 0, events: 0, reads: 0 });
  });
});
