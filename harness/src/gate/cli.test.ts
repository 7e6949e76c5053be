// The gate end to end, as a CI job calls it: exit codes, the step summary, and bad input as listed
// problems without a stack trace. (Everything else is tested in-process: spawning the CLI is slow.)
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRun } from '../results/synthetic.ts';
import { writeRunDir } from '../results/write-run.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function harness(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'harness/src/main.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

let results = '';
beforeAll(async () => {
  results = await mkdtemp(path.join(os.tmpdir(), 'gate-cli-'));
  await writeRunDir(path.join(results, 'base-1'), syntheticRun({ seed: 1, run_id: 'base-1' }));
  await writeRunDir(path.join(results, 'cand-1'), syntheticRun({ seed: 2, run_id: 'cand-1', latency_scale: { go: 1.6 } }));
});
afterAll(async () => {
  await rm(results, { recursive: true, force: true });
});

describe('harness gate on the command line', () => {
  it('gate exits 1 on a regression and writes the step summary', async () => {
    const summary = path.join(results, 'summary.md');
    const r = await harness(['gate', '--baseline', 'base-1', '--candidate', 'cand-1', '--limits', 'p50=+10%', '--results', results], { GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('🔴 **regression**');
    expect(await readFile(summary, 'utf8')).toContain('🔴 **regression**');
  });

  it('gate exits 2 on bad input, listing every problem, without a stack trace', async () => {
    const r = await harness(['gate', '--baseline', 'nope', '--candidate', 'cand-1', '--limits', 'p99=+10%,bogus', '--results', results]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('"bogus" does not parse');
    expect(r.stdout).toContain('run "nope" does not exist');
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at /);
  });
});
