// Every response is JSON with an explicit Content-Length (no chunked framing for small bodies).

import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: string, headers?: OutgoingHttpHeaders): void {
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** `{"error":message}` with the given status. */
export function sendError(res: ServerResponse, status: number, message: string, headers?: OutgoingHttpHeaders): void {
  sendJson(res, status, JSON.stringify({ error: message }), headers);
}
