// Conformance: bad input against every processor manifest, built and started as a run would
// start it, each case followed by proof that the process still serves. The golden vectors cover
// the statuses on one polite keep-alive connection; this covers what they cannot express: a
// chunked body over the limit, early answers to large bodies written in full (the reset
// hazard), broken HTTP framing, a client vanishing mid-body, and that nothing was applied.
// (Oversize headers and Content-Length with Transfer-Encoding: http-edges.test.ts.)
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProcessor } from '../build/index.ts';
import { launchProcessor, type RunningProcessor } from '../launch/index.ts';
import { loadManifests } from '../processors/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const logDir = path.join(repoRoot, 'artifacts', 'bad-input-logs');
const LIMIT_BYTES = 64 * 1024;
const ONE_EVENT = '[{"key":"bad-input","ts":1,"value":1,"kind":"reading"}]';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request through node:http; `chunks` are written one by one (chunked when no length). */
function send(port: number, method: string, target: string, headers: Record<string, string>, chunks: Buffer[] = []): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path: target, headers, agent: false, timeout: 15_000 }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: Buffer.concat(parts).toString('utf8') }));
    });
    // An early answer may close the connection while the body is still going out.
    req.on('error', (err) => (req.headersSent ? undefined : reject(err)));
    req.on('timeout', () => req.destroy(new Error(`no answer to ${method} ${target}`)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

/**
 * Exact bytes on a fresh connection; resolves with the raw text received once the server has
 * answered and then either closed or stayed quiet for `quietMs`.
 */
function exchange(port: number, bytes: Buffer, quietMs = 500): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let quiet: NodeJS.Timeout | undefined;
    const done = (closed: boolean): void => {
      clearTimeout(quiet);
      socket.destroy();
      resolve({ text, closed });
    };
    const hardStop = setTimeout(() => done(false), 15_000);
    socket.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      clearTimeout(quiet);
      quiet = setTimeout(() => done(false), quietMs);
    });
    socket.on('end', () => (clearTimeout(hardStop), done(true)));
    socket.on('error', () => (clearTimeout(hardStop), done(true)));
    socket.write(bytes);
  });
}

/** The status codes of every response in a raw exchange, in order. */
function statuses(text: string): number[] {
  return [...text.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
}

function errorOf(answer: Answer): unknown {
  return (JSON.parse(answer.body) as { error?: unknown }).error;
}

const json = { 'content-type': 'application/json' };
const text = { 'content-type': 'text/plain' };

describe.each(loadManifests(repoRoot))('$name', (manifest) => {
  let processor: RunningProcessor;
  let port: number;
  const health = async (): Promise<number> => (await send(port, 'GET', '/health', {})).status;
  const stats = async (): Promise<unknown> => JSON.parse((await send(port, 'GET', '/v1/stats', {})).body);

  beforeAll(async () => {
    const build = await buildProcessor(manifest, { logDir });
    if (!build.ok) throw new Error(`${build.error}\n${build.log_tail}`);
    processor = await launchProcessor(manifest, { threads: 1, maxBodyBytes: LIMIT_BYTES, logDir });
    port = processor.port;
    await send(port, 'POST', '/v1/reset', {});
  });

  afterAll(async () => {
    await processor?.stop();
  });

  it('answers 413 to a declared oversize body written in full, then serves', async () => {
    const body = Buffer.alloc(LIMIT_BYTES + 1, ' ');
    const answer = await send(port, 'POST', '/v1/events', { ...json, 'content-length': String(body.length) }, [body]);
    expect(answer.status).toBe(413);
    expect(errorOf(answer)).toEqual(expect.stringMatching(/./));
    expect(await health()).toBe(200);
  });

  it('answers 413 to a chunked body that passes the limit, then serves', async () => {
    const chunks = Array.from({ length: 8 }, () => Buffer.alloc(LIMIT_BYTES / 4, ' '));
    const answer = await send(port, 'POST', '/v1/reads', text, chunks);
    expect(answer.status).toBe(413);
    expect(errorOf(answer)).toEqual(expect.stringMatching(/./));
    expect(await health()).toBe(200);
  });

  it('reads a chunked body within the limit', async () => {
    const answer = await send(port, 'POST', '/v1/reads', text, [Buffer.from('@r1\nACGT'), Buffer.from('\n+\nIIII\n')]);
    expect([answer.status, JSON.parse(answer.body).reads]).toEqual([200, 1]);
    await send(port, 'POST', '/v1/reset', {});
  });

  it.each([
    ['404', 'POST /nope', 'application/json', 404],
    ['405', 'PUT /v1/events', 'application/json', 405],
    ['415', 'POST /v1/events', 'text/plain', 415],
  ])('delivers an early %s to a request whose whole body is sent, then the connection serves or closes cleanly', async (_, line, contentType, status) => {
    const body = Buffer.alloc(LIMIT_BYTES / 2, '[');
    const head = `${line} HTTP/1.1\r\nHost: bad-input\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`;
    const next = 'GET /health HTTP/1.1\r\nHost: bad-input\r\n\r\n';
    const { text: received, closed } = await exchange(port, Buffer.concat([Buffer.from(head), body, Buffer.from(next)]));
    const answered = statuses(received);
    expect(answered[0]).toBe(status);
    // Either the rest of the body was drained and the pipelined request answered, or the
    // connection was closed after the answer.
    expect(answered[1] === 200 || (answered.length === 1 && closed)).toBe(true);
    expect(await health()).toBe(200);
  });

  it.each([
    ['an unterminated batch', '[{"key":"a","ts":1,'],
    ['trailing bytes', `${ONE_EVENT} x`],
    ['a body that is not an array', '{"key":"a","ts":1,"value":1,"kind":"reading"}'],
    ['a large truncated batch', `[${Array.from({ length: 600 }, () => ONE_EVENT.slice(1, -1)).join(',')}`],
  ])('answers 400 to %s and applies nothing', async (_, body) => {
    const answer = await send(port, 'POST', '/v1/events', json, [Buffer.from(body)]);
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toEqual(expect.stringMatching(/./));
    expect(await stats()).toEqual({ keys: 0, events: 0, reads: 0 });
  });

  it('answers 400 to invalid UTF-8 in either body', async () => {
    expect((await send(port, 'POST', '/v1/events', json, [Buffer.from([0x5b, 0xff, 0x5d])])).status).toBe(400);
    expect((await send(port, 'POST', '/v1/reads', text, [Buffer.from([0x40, 0xc3, 0x0a])])).status).toBe(400);
  });

  it('answers 400 naming the record and reason of a broken FASTQ body, and counts no reads', async () => {
    const answer = await send(port, 'POST', '/v1/reads', text, [Buffer.from('@r1\nACGT\n+\nIIII\n@r2\nACGX\n+\nIIII\n')]);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ record: 2, reason: 'sequence' });
    expect(await stats()).toEqual({ keys: 0, events: 0, reads: 0 });
  });

  it.each(['/', '/v1', '/v1/keys/', '/v1/keys/a/b', '/v1/events/x'])('answers 404 to the unknown path %s', async (target) => {
    const answer = await send(port, 'GET', target, {});
    expect(answer.status).toBe(404);
    expect(errorOf(answer)).toEqual(expect.stringMatching(/./));
  });

  it.each([
    ['DELETE', '/v1/events'],
    ['PATCH', '/v1/reads'],
    ['GET', '/v1/reset'],
    ['POST', '/v1/keys/a'],
    ['PUT', '/metrics'],
    ['OPTIONS', '/health'],
  ])('answers %s %s with 405 and an Allow header', async (method, target) => {
    const answer = await send(port, method, target, {});
    expect(answer.status).toBe(405);
    expect(answer.headers['allow']).toEqual(expect.stringMatching(/./));
  });

  it.each([
    ['a malformed request line', 'THIS IS NOT HTTP\r\n\r\n'],
    ['a chunk size that is not hex', 'POST /v1/events HTTP/1.1\r\nHost: b\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n[]\r\n0\r\n\r\n'],
  ])('answers %s with 400 or a closed connection, and keeps serving', async (_, bytes) => {
    const { text: received, closed } = await exchange(port, Buffer.from(bytes));
    expect(statuses(received)[0] === 400 || (received === '' && closed)).toBe(true);
    expect(await health()).toBe(200);
  });

  it('keeps serving after a client vanishes in the middle of a body', async () => {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    socket.write(`POST /v1/events HTTP/1.1\r\nHost: b\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{"key":`);
    socket.destroy();
    expect(await health()).toBe(200);
  });

  it('has applied nothing and is still running after all of it', async () => {
    expect(await stats()).toEqual({ keys: 0, events: 0, reads: 0 });
    const exitedYet = await Promise.race([processor.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 100))]);
    expect(exitedYet).toBe(false);
  });
});
