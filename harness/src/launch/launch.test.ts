import { describe, it, expect, afterEach } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchProcessor, LaunchError, runningChildCount, type RunningProcessor } from './index.ts';
import { fakeManifest } from './fixtures/fake-manifest.ts';
import { UserError } from '../errors/user-error.ts';

const logDir = mkdtempSync(join(tmpdir(), 'launch-'));
const started: RunningProcessor[] = [];
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.stop()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function launch(options: Partial<Parameters<typeof launchProcessor>[1]> = {}): Promise<RunningProcessor> {
  const p = await launchProcessor(fakeManifest(), { threads: 2, logDir, ...options });
  started.push(p);
  return p;
}

async function getJson(url: string): Promise<unknown> {
  return (await fetch(url)).json();
}

function isGone(pid: number): boolean {
  try {
    // A zombie (exited, not yet reaped) counts as gone: it runs no code and holds no port.
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? true;
  } catch {
    return true;
  }
}

async function waitUntilGone(pid: number, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (isGone(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return isGone(pid);
}

describe('launchProcessor', () => {
  it('starts the processor on a free loopback port and waits until it is ready', async () => {
    const p = await launch();
    expect(p.baseUrl).toBe(`http://127.0.0.1:${p.port}`);
    expect(await getJson(`${p.baseUrl}/health`)).toMatchObject({ status: 'ok' });
  });

  it('passes HOST, PORT, THREADS, MAX_BODY_BYTES and extra environment', async () => {
    const p = await launch({ threads: 3, maxBodyBytes: 1234, env: { EXTRA: 'yes' } });
    expect(await getJson(`${p.baseUrl}/env`)).toEqual({ HOST: '127.0.0.1', PORT: String(p.port), THREADS: '3', MAX_BODY_BYTES: '1234', EXTRA: 'yes' });
  });

  it('uses the port it is given', async () => {
    const probe = createServer();
    const port = await new Promise<number>((r) => probe.listen(0, '127.0.0.1', () => r((probe.address() as { port: number }).port)));
    await new Promise((r) => probe.close(r));
    const p = await launch({ port });
    expect(p.port).toBe(port);
  });

  it('refuses a busy port with a one-line user error', async () => {
    const busy = createServer();
    servers.push(busy);
    const port = await new Promise<number>((r) => busy.listen(0, '127.0.0.1', () => r((busy.address() as { port: number }).port)));
    const attempt = launch({ port });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow(`port ${port} on 127.0.0.1 is busy`);
  });

  it('pins to the given CPUs with taskset while keeping the processor pid', async () => {
    const p = await launch({ cpus: [0] });
    const status = readFileSync(`/proc/${p.pid}/status`, 'utf8');
    expect(status).toMatch(/Cpus_allowed_list:\s+0\n/);
    expect(readFileSync(`/proc/${p.pid}/cmdline`, 'utf8')).toContain('server.mjs');
  });

  it('reports a processor that exits during start-up with its stderr', async () => {
    const attempt = launch({ env: { FAKE_MODE: 'crash' } });
    await expect(attempt).rejects.toBeInstanceOf(LaunchError);
    await expect(attempt).rejects.toThrow(/exited before becoming ready \(code 3\).*bad configuration, giving up/);
  });

  it('stops a processor that never becomes ready and reports the timeout', async () => {
    const attempt = launch({ env: { FAKE_MODE: 'never-ready' }, readyTimeoutMs: 500 });
    await expect(attempt).rejects.toThrow(/did not answer \/health with 200 within 500 ms/);
    expect(runningChildCount()).toBe(0);
  });

  it('stops with SIGTERM and reports a clean exit', async () => {
    const p = await launch();
    expect(await p.stop()).toEqual({ code: 0, signal: null, forced: false });
    expect(await p.exited).toEqual({ code: 0, signal: null });
  });

  it('escalates to SIGKILL when the processor ignores SIGTERM', async () => {
    const p = await launch({ env: { FAKE_MODE: 'ignore-sigterm' } });
    expect(await p.stop()).toEqual({ code: null, signal: 'SIGKILL', forced: true });
  });

  it('keeps the tail of the processor output', async () => {
    const p = await launch();
    expect(p.stderrTail()).toContain(`fake: listening on ${p.port}`);
  });
});

describe('no orphans', () => {
  for (const [how, signal] of [['wait', 'SIGTERM'], ['wait', 'SIGINT'], ['exit', null], ['throw', null]] as const) {
    it(`kills the launched processor when the harness ${signal ? `gets ${signal}` : how === 'exit' ? 'exits' : 'crashes'}`, async () => {
      const harness = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'launch-and-wait.ts'), how], {
        cwd: join(import.meta.dirname, '..', '..', '..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const pid = await new Promise<number>((resolvePid, reject) => {
        let out = '';
        harness.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const line = out.split('\n').find((l) => l.startsWith('{'));
          if (line) resolvePid((JSON.parse(line) as { pid: number }).pid);
        });
        harness.once('exit', (code) => {
          const line = out.split('\n').find((l) => l.startsWith('{'));
          if (line) resolvePid((JSON.parse(line) as { pid: number }).pid);
          else reject(new Error(`harness exited (${code}) before printing the pid`));
        });
      });
      if (signal) {
        expect(isGone(pid)).toBe(false);
        harness.kill(signal);
      }
      await new Promise((r) => (harness.exitCode !== null ? r(null) : harness.once('exit', r)));
      expect(await waitUntilGone(pid, 10_000)).toBe(true);
    });
  }
});
