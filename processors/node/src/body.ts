// Request bodies: media-type check and a size-limited read.

import type { IncomingMessage } from 'node:http';

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

export type BodyOutcome =
  | { readonly kind: 'body'; readonly bytes: Buffer }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'aborted' };

const TOO_LARGE: BodyOutcome = { kind: 'too-large' };
const ABORTED: BodyOutcome = { kind: 'aborted' };

/**
 * Reads the whole body, giving up as soon as it passes `limitBytes` (chunked bodies have no
 * Content-Length to check up front). A single-chunk body, the common case, is used without a copy.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) {
        // Stop buffering; the caller answers 413 with Connection: close, which ends the socket.
        req.off('data', onData);
        chunks.length = 0;
        resolve(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      resolve({ kind: 'body', bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) });
    });
    // The client went away mid-body: nobody is left to answer.
    req.once('error', () => resolve(ABORTED));
    req.once('close', () => resolve(ABORTED));
  });
}
