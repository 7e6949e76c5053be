import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { discardBody, readBody } from './body.ts';

/** A stream standing in for a request body (only the Readable side is used). */
function fakeRequest(): PassThrough & IncomingMessage {
  return new PassThrough() as PassThrough & IncomingMessage;
}

describe('discardBody', () => {
  it('resolves at the end of the body', async () => {
    const req = fakeRequest();
    const done = discardBody(req, 100);
    req.end(Buffer.alloc(50));
    await expect(done).resolves.toBeUndefined();
  });

  it('stops reading once past its limit', async () => {
    const req = fakeRequest();
    const done = discardBody(req, 10);
    req.write(Buffer.alloc(20));
    await done;
    expect(req.isPaused()).toBe(true);
  });
});

describe('readBody', () => {
  it('joins the chunks of a body within the limit', async () => {
    const req = fakeRequest();
    const outcome = readBody(req, 10);
    req.write('abc');
    req.end('def');
    const result = await outcome;
    expect(result.kind === 'body' && result.bytes.toString()).toBe('abcdef');
  });

  it('reports a body past the limit as too large only after reading it to the end', async () => {
    const req = fakeRequest();
    let settled = false;
    const outcome = readBody(req, 4).then((r) => ((settled = true), r));
    req.write('too much');
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    req.end('rest');
    expect(await outcome).toEqual({ kind: 'too-large' });
  });
});
