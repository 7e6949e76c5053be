// `harness report --tradeoffs`: the table of a stored trade-offs run, in every format.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tradeoffsDir } from '../results/layout.ts';
import { writeTradeoffsFile } from '../store/tradeoffs-files.ts';
import { sampleTradeoffs } from '../tradeoffs/fixtures/sample-result.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const ID = '20261201T120000Z-abc1234-0001';
let root: string;

function report(args: string[], tradeoffsRoot = root): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'harness/src/main.ts', 'report', ...args],
      { cwd: repoRoot, env: { ...process.env, HARNESS_TRADEOFFS_DIR: tradeoffsRoot, CLICKHOUSE_URL: '' } },
      (err, stdout, stderr) => resolve({ stdout, stderr, code: err ? Number((err as { code?: number }).code ?? 1) : 0 }),
    );
  });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'report-tradeoffs-'));
  await writeTradeoffsFile(tradeoffsDir(root, ID), sampleTradeoffs(ID));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('harness report --tradeoffs', () => {
  it('prints the newest trade-offs run as a table', async () => {
    const { stdout, code } = await report(['--tradeoffs']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^processor\s+cold build/);
    expect(stdout).toContain(ID);
  });

  it('prints one by id as Markdown', async () => {
    const { stdout } = await report(['--tradeoffs', ID, '--format', 'markdown']);
    expect(stdout).toContain('| processor | cold build |');
  });

  it('prints the stored result as JSON', async () => {
    const { stdout } = await report(['--tradeoffs', path.join(root, ID), '--format', 'json']);
    expect(JSON.parse(stdout)).toEqual(sampleTradeoffs(ID));
  });

  it('says in one line that there is none yet, exit 2', async () => {
    const { stderr, code } = await report(['--tradeoffs'], path.join(root, 'empty'));
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^harness: no trade-offs run in .* yet \(run `harness tradeoffs` first\)$/);
  });
});
