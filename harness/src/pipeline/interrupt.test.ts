// Ctrl-C during `harness run`: every child is stopped, what was measured is written, and the
// run is marked incomplete (exit 130) instead of vanishing.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let resultsRoot: string | undefined;

afterAll(async () => {
  if (resultsRoot) await rm(resultsRoot, { recursive: true, force: true });
});

describe('Ctrl-C during a run', () => {
  it('writes what was measured and marks the run incomplete', async () => {
    resultsRoot = await mkdtemp(path.join(os.tmpdir(), 'interrupt-'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'harness/src/main.ts', 'run', '--scenarios', 'ingest', '--processors', 'go', '--repetitions', '3',
        '--warmup', '0.5', '--duration', '2', '--capacity', '0', '--rate-scale', '0.25', '--skip-verify', '--results', resultsRoot],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let signalled = false;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`run never reached its first measurement:\n${stderr}`)), 300_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (!signalled) reject(new Error(`harness run exited (${code}) before its first measurement:\n${stderr}`));
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (!signalled && /ingest\/go #1/.test(stderr)) {
          signalled = true;
          clearTimeout(timer);
          // Let the first measurement get going, then interrupt it.
          setTimeout(() => {
            child.kill('SIGINT');
            resolve();
          }, 1500);
        }
      });
    });
    const code = await exited;
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/interrupted: stopping processes/);
    const [runId] = await readdir(resultsRoot);
    const manifest = JSON.parse(await readFile(path.join(resultsRoot, runId!, 'run.json'), 'utf8'));
    expect(manifest.status, stderr).toBe('incomplete');
    const files = await readdir(path.join(resultsRoot, runId!, 'measurements'));
    expect(files.sort()).toEqual(['ingest__go__r0.json', 'ingest__go__r1.json', 'ingest__go__r2.json']);
    const first = JSON.parse(await readFile(path.join(resultsRoot, runId!, 'measurements', 'ingest__go__r0.json'), 'utf8'));
    expect(first.status).toBe('incomplete');
    // The interrupted measurement keeps the requests it had already timed.
    expect(first.phases.length).toBe(2);
  }, 400_000);
});
