// The HTTP layer: routing, the spec's error checks in order (404, 405, 415, 413, 400 UTF-8), and
// dispatch to the workloads, which a ProcessorCore does (core.ts). Nothing here logs: a bad
// request gets its one JSON line and the server moves on.

import { isUtf8 } from 'node:buffer';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { declaresTooLarge, discardBody, hasMediaType, hasUnreadBody, readBody } from './body.ts';
import type { Config } from './config.ts';
import type { CoreChoice, ProcessorCore } from './core.ts';
import { JsCore } from './js-core.ts';
import { RuntimeMetrics } from './metrics.ts';
import { respondKey } from './key-response.ts';
import { isAllowed, matchRoute, type RouteName } from './routes.ts';
import { sendError, sendJson } from './respond.ts';

/** The `impl` name with the TypeScript core. */
export const IMPL = 'node';
export const VERSION = '0.1.0';

/** Idle keep-alive connections stay open this long (Node's 5 s default would make a slow load
 * generator reconnect; Go's net/http and hyper keep idle connections open indefinitely). */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

const RESET_BODY = JSON.stringify({ reset: true });
const CLOSE = { connection: 'close' } as const;
const BODY_ROUTES: ReadonlySet<RouteName> = new Set<RouteName>(['events', 'reads']);

/**
 * The request head limit (processors/README.md, "HTTP edge rules": 16 KiB must pass, over 64 KiB
 * must be 431). node:http counts the request target and the header names and values, not the
 * framing; 16 KiB is Node's default, set here so that a runtime whose default differs cannot move
 * it. A larger head is refused by the parser and answered 431 in onClientError.
 */
export const MAX_HEADER_BYTES = 16 * 1024;

/** How often a shutting-down server looks for connections that have become idle. */
const IDLE_POLL_MS = 10;

export interface Processor {
  readonly server: Server;
  readonly core: ProcessorCore;
  readonly metrics: RuntimeMetrics;
  /**
   * Stops accepting, lets in-flight requests finish, closes each keep-alive connection as soon as
   * it is idle, and resolves once none is left (Go's http.Server.Shutdown does the same polling).
   */
  shutdown(): Promise<void>;
}

export function createProcessor(config: Config, { impl, core }: CoreChoice = { impl: IMPL, core: new JsCore() }): Processor {
  const metrics = new RuntimeMetrics();
  const healthBody = JSON.stringify({ status: 'ok', impl, version: VERSION });

  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    handle(req, res).catch(() => {
      // A bug, not bad input: answer if still possible, drop the connection otherwise, keep serving.
      try {
        if (res.headersSent) res.destroy();
        else sendError(res, 500, 'internal error', CLOSE);
      } catch {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.on('clientError', onClientError);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = matchRoute(req.url ?? '');
    const allowed = match !== undefined && isAllowed(match.route, req.method);
    // Only the two body routes read their body; any other answer waits until the body, if there
    // is one, has been drained (see body.ts). A GET without a body skips this at no cost.
    if (!(allowed && BODY_ROUTES.has(match.route.name)) && hasUnreadBody(req)) await discardBody(req);
    if (match === undefined) return sendError(res, 404, 'not found');
    const { route } = match;
    if (!allowed) return sendError(res, 405, 'method not allowed', { allow: route.allow });

    switch (route.name) {
      case 'health':
        return sendJson(res, 200, healthBody);
      case 'metrics':
        return sendJson(res, 200, metrics.render({ impl, threads: config.threads, ...(core.metrics ? { extra: core.metrics() } : {}) }));
      case 'stats':
        return sendJson(res, 200, JSON.stringify(core.stats()));
      case 'key':
        return respondKey(res, core.key(match.key));
      case 'reset':
        // The body is ignored (already drained above).
        core.reset();
        return sendJson(res, 200, RESET_BODY);
      case 'events': {
        const body = await readChecked(req, res, 'application/json');
        if (body === undefined) return;
        const result = core.ingest(body);
        return sendJson(res, 'error' in result ? 400 : 200, JSON.stringify(result));
      }
      case 'reads': {
        const body = await readChecked(req, res, 'text/plain');
        if (body === undefined) return;
        const result = core.analyzeReads(body);
        return sendJson(res, 'error' in result ? 400 : 200, JSON.stringify(result));
      }
    }
  }

  /** Checks 415, 413 and 400 (UTF-8) in the spec's order; undefined once an error was sent. */
  async function readChecked(req: IncomingMessage, res: ServerResponse, mediaType: string): Promise<Buffer | undefined> {
    if (!hasMediaType(req.headers['content-type'], mediaType)) {
      if (hasUnreadBody(req)) await discardBody(req);
      sendError(res, 415, `content type must be ${mediaType}`);
      return undefined;
    }
    const tooLarge = `body exceeds ${config.maxBodyBytes} bytes`;
    if (declaresTooLarge(req, config.maxBodyBytes)) {
      await discardBody(req);
      sendError(res, 413, tooLarge, CLOSE);
      return undefined;
    }
    const outcome = await readBody(req, config.maxBodyBytes);
    if (outcome.kind === 'aborted') return undefined;
    if (outcome.kind === 'too-large') {
      sendError(res, 413, tooLarge, CLOSE);
      return undefined;
    }
    if (!isUtf8(outcome.bytes)) {
      sendError(res, 400, 'body is not valid UTF-8');
      return undefined;
    }
    return outcome.bytes;
  }

  function shutdown(): Promise<void> {
    return new Promise((resolve) => {
      const poll = setInterval(() => server.closeIdleConnections(), IDLE_POLL_MS);
      server.close(() => {
        clearInterval(poll);
        metrics.stop();
        resolve();
      });
      server.closeIdleConnections();
    });
  }

  return { server, core, metrics, shutdown };
}

/**
 * Malformed HTTP (node:http's parser refused it): answer in JSON like every other error, then
 * close. This includes a request with both Content-Length and Transfer-Encoding, which llhttp
 * refuses (RFC 9112 §6.1, request smuggling), and a head over MAX_HEADER_BYTES (431).
 */
function onClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, message] =
    err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'request header fields too large']
    : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'request timeout']
    : [400, 'malformed HTTP request'];
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };
