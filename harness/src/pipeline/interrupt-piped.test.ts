// `npm run bench | tee bench.log`, then Ctrl-C: the terminal sends SIGINT to the whole
// foreground process group, so npm, the harness and tee all get it, and tee dies. The harness
// must still write its final manifest (incomplete) although its stdout is now a closed pipe.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
let tmp: string | undefined;

/** Processes whose command line names this test's results folder (the harness and its shells). */
function harnessProcesses(marker: string): string[] {
  const out = spawnSync('pgrep', ['-f', marker], { encoding: 'utf8' }).stdout;
  return out.split('\n').filter(Boolean);
}

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('Ctrl-C during `npm run bench | tee log`', () => {
  it('writes the final manifest as incomplete although stdout is a closed pipe', async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'interrupt-piped-'));
    const resultsRoot = path.join(tmp, 'results');
    const stderrFile = path.join(tmp, 'stderr.log');
    const args = ['run', 'bench', '--', '--scenarios', 'ingest', '--processors', 'go', '--repetitions', '3',
      '--warmup', '0.5', '--duration', '2', '--capacity', '0', '--rate-scale', '0.25', '--skip-verify', '--results', resultsRoot];
    // A process group of its own (detached) stands for the terminal's foreground job.
    const job = spawn('sh', ['-c', `npm ${args.map((a) => `'${a}'`).join(' ')} 2>'${stderrFile}' | tee '${path.join(tmp, 'bench.log')}'`], {
      cwd: repoRoot, detached: true, stdio: ['ignore', 'ignore', 'ignore'],
    });
    const exited = new Promise<void>((resolve) => job.once('exit', () => resolve()));
    const stderr = async () => readFile(stderrFile, 'utf8').catch(() => '');
    const deadline = Date.now() + 300_000;
    while (!/ingest\/go #1/.test(await stderr())) {
      if (Date.now() > deadline) throw new Error(`the run never reached its first measurement:\n${await stderr()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 1500));
    process.kill(-job.pid!, 'SIGINT');
    await exited;
    // The harness outlives the shell's pipeline briefly while it stops its processor.
    let manifest: { status: string } | undefined;
    while (Date.now() < deadline) {
      const [runId] = await readdir(resultsRoot);
      manifest = JSON.parse(await readFile(path.join(resultsRoot, runId!, 'run.json'), 'utf8'));
      if (manifest!.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(manifest?.status, await stderr()).toBe('incomplete');
    expect(await stderr()).not.toMatch(/EPIPE|internal error/);
    // The summary still reaches a person: stdout is gone, so it goes to stderr.
    expect(await stderr()).toMatch(/Driver floor|insufficient data|processor/);
    // And the harness ends: a dead stdout pipe must not keep it waiting forever.
    while (harnessProcesses(resultsRoot).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(harnessProcesses(resultsRoot)).toEqual([]);
  }, 400_000);
});
