// `--duet` is not a sequential run in disguise: it either says the machine lacks the CPUs (why,
// in one line) or that two-at-once measurement is not built yet; it never starts a run.
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

describe('harness plan --duet', () => {
  it('refuses in one line with exit status 2, naming the CPUs it needs on a small machine', async () => {
    const err = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'harness/src/main.ts', 'plan', '--duet'], { cwd: repoRoot }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err).not.toBeNull();
    expect(err!.code).toBe(2);
    const lines = err!.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('--duet');
    if (os.availableParallelism() < 4) expect(lines[0]).toContain('needs at least 4 CPUs');
    expect(lines[0]).not.toMatch(/\n\s+at /);
  });
});
