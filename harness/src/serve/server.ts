// The dashboard's HTTP server: /api/… answered by handleApi, everything else from the built app.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApi, type ApiContext } from './api.ts';
import { withPrefetch } from './prefetch.ts';
import { staticFile } from './static-files.ts';

export interface DashboardServerOptions extends ApiContext {
  distDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Told about store errors (a bad result file); the client gets a 500 with the message. */
  onError?: (err: unknown) => void;
}

export interface DashboardServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startDashboardServer(opts: DashboardServerOptions): Promise<DashboardServer> {
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { 'content-type': 'application/json', allow: 'GET, HEAD' });
        res.end(JSON.stringify({ error: `method ${req.method} not allowed` }));
        return;
      }
      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
        let status: number;
        let body: unknown;
        try {
          ({ status, body } = await handleApi(opts, url));
        } catch (err) {
          opts.onError?.(err);
          status = 500;
          body = { error: err instanceof Error ? err.message : String(err) };
        }
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
        return;
      }
      const file = await staticFile(opts.distDir, url.pathname);
      const body = file.status === 200 && file.headers['content-type']?.startsWith('text/html') ? withPrefetch(file.body.toString()) : file.body;
      res.writeHead(file.status, file.headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    })().catch((err: unknown) => {
      opts.onError?.(err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
