// The entry point as a real process: start-up failures and SIGTERM. Runs src/main.ts through tsx
// so the test needs no build.

import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { request } from './testing/http-client.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

interface Started {
  readonly child: ChildProcess;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function start(env: Record<string, string>, args: readonly string[] = []): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exit };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function waitReady(port: number): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      if ((await request(port, 'GET', '/health')).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('processor did not become ready');
}

describe('main', () => {
  it('finishes an in-flight request on SIGTERM, then exits 0', async () => {
    const port = await freePort();
    const { child, exit } = start({ PORT: String(port) });
    await waitReady(port);
    const body = JSON.stringify([{ key: 'a', ts: 1, value: 1, kind: 'reading' }]);
    // Half the body goes out, then SIGTERM, then the rest: the request must still be answered.
    const reply = new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, method: 'POST', path: '/v1/events', headers: { 'content-type': 'application/json', 'content-length': body.length } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 100);
      }, 100);
    });
    expect(await reply).toBe(200);
    const { code, signal } = await exit;
    expect([code, signal]).toEqual([0, null]);
  });

  it('refuses a bad configuration with one line on stderr and a non-zero exit', async () => {
    const { code, stderr } = await start({ PORT: 'eighty' }).exit;
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('PORT');
  });

  it('refuses an unknown command-line option with one line on stderr and a non-zero exit', async () => {
    const { code, stderr } = await start({ PORT: String(await freePort()) }, ['--core', 'rust']).exit;
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('--core');
  });

  it('refuses a core addon it cannot load with one line on stderr and a non-zero exit', async () => {
    const { code, stderr } = await start({ PORT: String(await freePort()) }, ['--core-addon', '/nonexistent/core.node']).exit;
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('/nonexistent/core.node');
  });

  it('reports a port in use with one line on stderr and a non-zero exit', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = blocker.address() as AddressInfo;
      const { code, stderr } = await start({ PORT: String(port) }).exit;
      expect(code).not.toBe(0);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain('EADDRINUSE');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
