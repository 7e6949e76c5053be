// A small HTTP/1.1 client for the server tests: node:http for ordinary requests (so headers such
// as Content-Length can be set or left out on purpose) and a raw socket for malformed ones.

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  readonly json: unknown;
}

export interface RequestOptions {
  readonly headers?: Record<string, string | number>;
  /** Sent with Content-Length unless `chunks` is given. */
  readonly body?: string | Buffer;
  /** Sent with Transfer-Encoding: chunked, one write each, until the server answers. */
  readonly chunks?: Buffer[];
}

export function request(port: number, method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: options.headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        let json: unknown;
        try {
          json = text === '' ? undefined : JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    // The server may close while a too-large body is still going out; the reply already came.
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err);
    });
    if (options.chunks !== undefined) {
      for (const chunk of options.chunks) req.write(chunk);
      req.end();
    } else {
      req.end(options.body);
    }
  });
}

/** Sends raw bytes and returns everything the server wrote before closing (or 2 s of it). */
export function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const parts: Buffer[] = [];
    const done = (): void => {
      socket.destroy();
      resolve(Buffer.concat(parts).toString('latin1'));
    };
    socket.setTimeout(2000, done);
    socket.on('data', (c: Buffer) => parts.push(c));
    socket.on('end', done);
    socket.on('error', done);
    socket.write(bytes, 'latin1');
  });
}

export interface RawResult {
  /** Everything the server wrote. */
  readonly text: string;
  /** The connection ended with a reset or another socket error instead of a clean close. */
  readonly reset: boolean;
}

/** Writes `head` and then `body` in one go and reads until the server closes the connection. */
export function rawUpload(port: number, head: string, body: Buffer): Promise<RawResult> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const parts: Buffer[] = [];
    let reset = false;
    socket.on('data', (c: Buffer) => parts.push(c));
    socket.on('error', () => (reset = true));
    socket.on('close', () => resolve({ text: Buffer.concat(parts).toString('latin1'), reset }));
    socket.write(head, 'latin1');
    socket.write(body);
    socket.end();
  });
}

export interface Exchange {
  /** Everything the server wrote. */
  readonly text: string;
  /** The server ended the connection (FIN or reset) within the wait; false: still open. */
  readonly closed: boolean;
}

/** Sends raw bytes and reads until the server ends the connection or `waitMs` has passed. */
export function rawSend(port: number, bytes: string, waitMs = 2000): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const parts: Buffer[] = [];
    let closed = false;
    const done = (): void => {
      socket.destroy();
      resolve({ text: Buffer.concat(parts).toString('latin1'), closed });
    };
    socket.setTimeout(waitMs, done);
    socket.on('data', (c: Buffer) => parts.push(c));
    socket.on('end', () => {
      closed = true;
      done();
    });
    socket.on('error', () => {
      closed = true;
      done();
    });
    socket.write(bytes, 'latin1');
  });
}
