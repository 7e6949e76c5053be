// A run whose harness was killed outright (kill -9: nothing can catch it) keeps `running` in its
// run.json forever; readers must show it as abandoned instead.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
let resultsRoot: string | undefined;

afterAll(async () => {
  if (resultsRoot) await rm(resultsRoot, { recursive: true, force: true });
});

describe('a run whose harness was killed with SIGKILL', () => {
  it('is reported as abandoned, not running', async () => {
    resultsRoot = await mkdtemp(path.join(os.tmpdir(), 'abandoned-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'harness/src/main.ts', 'run', '--scenarios', 'ingest', '--processors', 'go',
      '--repetitions', '1', '--warmup', '0.5', '--duration', '30', '--capacity', '0', '--rate-scale', '0.25', '--skip-verify', '--results', resultsRoot],
    { cwd: repoRoot, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 120_000;
    let runId: string | undefined;
    while (runId === undefined) {
      if (Date.now() > deadline) throw new Error('the run never wrote its run.json');
      const [first] = await readdir(resultsRoot);
      if (first && existsSync(path.join(resultsRoot, first, 'run.json'))) runId = first;
      else await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    await exited;
    const { stdout } = await promisify(execFile)(process.execPath,
      ['--import', 'tsx', 'harness/src/main.ts', 'report', runId, '--format', 'json', '--results', resultsRoot], { cwd: repoRoot });
    expect(JSON.parse(stdout).manifest.status).toBe('abandoned');
  }, 200_000);
});
