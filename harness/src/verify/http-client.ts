// A minimal HTTP/1.1 client over one keep-alive connection per processor. node:http rather than
// fetch because vectors must send exact bytes and headers (no Content-Type added, invalid UTF-8,
// bodies over the limit) and must still read a 413 that the server sends before it has read
// the whole body.
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';

export interface HttpRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const REQUEST_TIMEOUT_MS = 15_000;

export class HttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private readonly guarded = new WeakSet<Socket>();

  constructor(readonly baseUrl: string) {}

  send(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(this.baseUrl);
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(req.body.length);
    return new Promise((resolveResponse, reject) => {
      let responded = false;
      const r = httpRequest(
        { host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent: this.agent, timeout: REQUEST_TIMEOUT_MS },
        (res) => {
          responded = true;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolveResponse({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', (err) => reject(new Error(`response to ${req.method} ${req.path} broke off: ${err.message}`)));
        },
      );
      r.on('socket', (socket: Socket) => {
        // After an early answer (413) the rest of the body may still be in flight when the
        // server closes; the write error then arrives on a socket no request listens to any
        // more. It is expected, and must not crash the harness.
        if (this.guarded.has(socket)) return;
        this.guarded.add(socket);
        socket.on('error', () => undefined);
      });
      r.on('timeout', () => r.destroy(new Error(`no response to ${req.method} ${req.path} within ${REQUEST_TIMEOUT_MS / 1000} s`)));
      r.on('error', (err) => {
        // A server may answer early (413) and close while the body is still being written;
        // the write error that follows is expected once the response is in.
        if (!responded) reject(new Error(`${req.method} ${req.path}: ${err.message}`));
      });
      r.end(req.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
