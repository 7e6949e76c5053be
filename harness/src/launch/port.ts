// Loopback port selection. A free port is found by binding port 0 and releasing it; the small
// window in which another program could take it is covered by the launcher's retry.
import { createServer } from 'node:net';
import { UserError } from '../errors/user-error.ts';

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export function assertPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolveCheck, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new UserError(`port ${port} on ${host} is busy; choose another or omit it to pick a free one`) : err);
    });
    server.listen(port, host, () => server.close(() => resolveCheck()));
  });
}
