// Request bodies: media-type check, size-limited read, and draining a body that will not be used.
//
// Closing a socket whose request body is still arriving makes the kernel send a reset that can
// destroy the answer before the client reads it, so every early answer (413, 415, 404, 405, or a
// route that ignores its body) is sent only once the rest of the body has been read and thrown
// away, up to DRAIN_LIMIT_BYTES (the spec's 64 MiB); past that the connection is simply closed.

import type { IncomingMessage } from 'node:http';

/** Most bytes of an unwanted body read and discarded before answering. */
export const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/** `Content-Type` names `mediaType`, compared case-insensitively, parameters ignored. */
export function hasMediaType(contentType: string | undefined, mediaType: string): boolean {
  if (contentType === undefined) return false;
  const semicolon = contentType.indexOf(';');
  const essence = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim();
  return essence.length === mediaType.length && essence.toLowerCase() === mediaType;
}

/** A declared `Content-Length` above the limit, decided before reading anything. */
export function declaresTooLarge(req: IncomingMessage, limitBytes: number): boolean {
  const declared = req.headers['content-length'];
  // node:http has already rejected a malformed or conflicting Content-Length (400).
  return declared !== undefined && Number(declared) > limitBytes;
}

/** The request has body bytes that nobody has read yet. */
export function hasUnreadBody(req: IncomingMessage): boolean {
  if (req.complete || req.readableEnded) return false;
  const { headers } = req;
  return headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');
}

/** Reads and discards the rest of the body; resolves at its end, on abort, or past `limitBytes`. */
export function discardBody(req: IncomingMessage, limitBytes: number = DRAIN_LIMIT_BYTES): Promise<void> {
  return new Promise((resolve) => {
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) {
        req.off('data', onData);
        req.pause();
        resolve();
      }
    };
    req.on('data', onData);
    req.once('end', resolve);
    req.once('error', () => resolve());
    req.once('close', () => resolve());
  });
}

export type BodyOutcome =
  | { readonly kind: 'body'; readonly bytes: Buffer }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'aborted' };

const TOO_LARGE: BodyOutcome = { kind: 'too-large' };
const ABORTED: BodyOutcome = { kind: 'aborted' };

/**
 * Reads the whole body. Past `limitBytes` (a chunked body has no Content-Length to check up front)
 * it stops keeping the bytes but goes on reading them, up to DRAIN_LIMIT_BYTES more, so the 413
 * goes out on a quiet socket. A single-chunk body, the common case, is used without a copy.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (!tooLarge && size <= limitBytes) {
        chunks.push(chunk);
        return;
      }
      if (!tooLarge) {
        tooLarge = true;
        chunks = [];
      }
      if (size - limitBytes > DRAIN_LIMIT_BYTES) {
        req.off('data', onData);
        req.pause();
        resolve(TOO_LARGE);
      }
    };
    req.on('data', onData);
    req.once('end', () => {
      if (tooLarge) resolve(TOO_LARGE);
      else resolve({ kind: 'body', bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) });
    });
    // The client went away mid-body: nobody is left to answer.
    req.once('error', () => resolve(ABORTED));
    req.once('close', () => resolve(ABORTED));
  });
}
