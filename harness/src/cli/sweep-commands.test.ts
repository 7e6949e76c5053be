// The commands that read a stored sweep: report --sweep, compare --sweep, claims --sweep, and
// sweep's own refusal of bad flags, all in one line with exit 2 when something is wrong.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDir } from '../results/layout.ts';
import { writeSweepFile } from '../store/sweep-files.ts';
import { sampleSweep } from '../sweep/fixtures/sample-sweep.ts';
import { syntheticRun } from '../results/synthetic.ts';
import { writeRunDir } from '../results/write-run.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const ID = '20261201T130000Z-abc1234-0001';
let root: string;

function harness(args: string[], sweepsRoot = root): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'harness/src/main.ts', ...args],
      { cwd: repoRoot, env: { ...process.env, HARNESS_SWEEPS_DIR: sweepsRoot, CLICKHOUSE_URL: '' } },
      (err, stdout, stderr) => resolve({ stdout, stderr, code: err ? Number((err as { code?: number }).code ?? 1) : 0 }),
    );
  });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'sweep-commands-'));
  await writeSweepFile(sweepDir(root, ID), await sampleSweep(ID));
  const run = syntheticRun({ seed: 1 });
  await writeRunDir(path.join(root, 'results', run.manifest.run_id), run);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('harness report --sweep', () => {
  it('prints the newest sweep as tables', async () => {
    const { stdout, code } = await harness(['report', '--sweep']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Sweep 20261201T130000Z-abc1234-0001 \(complete/);
    expect(stdout).toContain('ingest / rust: latency against load');
  });

  it('prints the curves as JSON for a chart', async () => {
    const { stdout } = await harness(['report', '--sweep', ID, '--format', 'json']);
    const out = JSON.parse(stdout) as { id: string; curves: Array<{ scenario: string; processors: Array<{ processor: string }> }> };
    expect(out.id).toBe(ID);
    expect(out.curves[0]!.processors.map((p) => p.processor)).toEqual(['go', 'rust', 'node']);
  });

  it('says in one line that there is none yet, exit 2', async () => {
    const { stderr, code } = await harness(['report', '--sweep'], path.join(root, 'empty'));
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^harness: no sweep in .* yet \(run `harness sweep` first\)$/);
  });
});

describe('harness compare --sweep', () => {
  it('compares go and rust at equal load', async () => {
    const { stdout, code } = await harness(['compare', '--sweep', 'latest', '--processors', 'go,rust']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ingest at equal load \(sweep .*, baseline go\)/);
    expect(stdout).toContain('80% of go');
  });

  it('names a processor the sweep did not sweep', async () => {
    const { stderr, code } = await harness(['compare', '--sweep', 'latest', '--processors', 'go,node']);
    expect(code).toBe(2);
    expect(stderr).toContain('processor "node" was not swept');
  });
});

describe('harness claims --sweep', () => {
  it('judges the claims about load on the sweep, beside the run claims', async () => {
    const { stdout, code } = await harness(['claims', '--no-write', '--json', '--sweep', 'latest', '--results', path.join(root, 'results')]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { sweeps: string[]; verdicts: Array<{ claim_id: string; verdict: string }> };
    expect(out.sweeps).toEqual([ID]);
    expect(out.verdicts.find((v) => v.claim_id === 'rust-sustains-1m-per-core')!.verdict).toBe('supported');
    expect(out.verdicts.find((v) => v.claim_id === 'rust-p99-clean-vs-go-at-80pct-of-go')!.verdict).toBe('supported');
  });

  it('judges them not measured without a sweep', async () => {
    const { stdout } = await harness(['claims', '--no-write', '--json', '--results', path.join(root, 'results')]);
    const out = JSON.parse(stdout) as { verdicts: Array<{ claim_id: string; verdict: string; reasons: string[] }> };
    const v = out.verdicts.find((x) => x.claim_id === 'rust-sustains-1m-per-core')!;
    expect(v.verdict).toBe('inconclusive');
    expect(v.reasons[0]).toMatch(/^not measured: no sweep given/);
  });
});

describe('harness sweep', () => {
  it('refuses bad flags together, before building anything', async () => {
    const { stderr, code } = await harness(['sweep', '--duration', '0.5', '--resolution', '3', '--profile', 'quick', '--scenarios', 'ingest']);
    expect(code).toBe(2);
    expect(stderr).toContain('--duration must be at least 1 s');
    expect(stderr).toContain('--resolution must be between 0 and 1');
  });
});
