// Every command that takes a run accepts the same references: a run id, a run folder (with or
// without its trailing slash) or "latest".
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRun } from '../results/synthetic.ts';
import { writeRunDir } from '../results/write-run.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const ID = '20261201T090000Z-ccccccc-0003';
let root: string;

async function reportedRunId(ref: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath,
    ['--import', 'tsx', 'harness/src/main.ts', 'report', ref, '--format', 'json', '--results', root], { cwd: repoRoot });
  return JSON.parse(stdout).manifest.run_id;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'run-refs-'));
  await writeRunDir(path.join(root, ID), syntheticRun({ seed: 5, run_id: ID, samples_per_phase: 5 }));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('harness report <run>', () => {
  it.each([
    ['a run id', () => ID],
    ['a run folder', () => path.join(root, ID)],
    ['a run folder with a trailing slash', () => `${path.join(root, ID)}/`],
    ['"latest"', () => 'latest'],
  ])('accepts %s', async (_what, ref) => {
    expect(await reportedRunId(ref())).toBe(ID);
  });
});
