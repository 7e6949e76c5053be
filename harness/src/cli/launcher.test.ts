// `npx harness …` runs node_modules/.bin/harness, a symlink to harness/bin/harness. The launcher
// must find the CLI through that link, from any folder inside the repository.
import { execFile } from 'node:child_process';
import { existsSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const binLink = path.join(repoRoot, 'node_modules', '.bin', 'harness');

describe('the harness launcher', () => {
  it('is linked by npm into node_modules/.bin', () => {
    expect(existsSync(binLink)).toBe(true);
    expect(lstatSync(binLink).isSymbolicLink()).toBe(true);
  });

  it('prints the CLI help through the .bin symlink from a sub-folder of the repository', async () => {
    const { stdout } = await run(binLink, ['--help'], { cwd: path.join(repoRoot, 'harness', 'src') });
    expect(stdout).toMatch(/^Usage: harness /);
  });

  it('runs a command through the .bin symlink from outside the repository', async () => {
    const { stdout } = await run(binLink, ['plan', '--scenarios', 'ingest', '--processors', 'go'], { cwd: '/' });
    expect(stdout).toMatch(/scenarios:/);
  });

  it('works through npx from the repository root', async () => {
    const { stdout } = await run('npx', ['--no-install', 'harness', '--help'], { cwd: repoRoot });
    expect(stdout).toMatch(/^Usage: harness /);
  });
});
