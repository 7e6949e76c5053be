import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { childrenCpuSeconds, describeFailure, runTimed } from './timed-command.ts';

const logPath = () => path.join(mkdtempSync(path.join(tmpdir(), 'timed-')), 'build.log');

describe('runTimed', () => {
  it('counts the CPU time of the command and of what it ran', async () => {
    // A child shell burning CPU in a grandchild: the kernel folds it into our cutime once waited for.
    const outcome = await runTimed(['sh', '-c', "sh -c 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'"], tmpdir(), process.env, logPath());
    expect(outcome.code).toBe(0);
    expect(outcome.cpu_s).toBeGreaterThan(0);
    expect(outcome.wall_s).toBeGreaterThan(0);
  });

  it('passes the environment it is given', async () => {
    const log = logPath();
    await runTimed(['sh', '-c', 'echo "cache=$GOCACHE"'], tmpdir(), { ...process.env, GOCACHE: '/tmp/x' }, log);
    expect(readFileSync(log, 'utf8')).toContain('cache=/tmp/x');
  });

  it('reports a program that is not on PATH', async () => {
    const outcome = await runTimed(['no-such-compiler-xyz'], tmpdir(), process.env, logPath());
    expect(describeFailure(['no-such-compiler-xyz'], outcome)).toContain('"no-such-compiler-xyz" could not be started');
  });

  it('describes a failure with its exit code and last line', async () => {
    const outcome = await runTimed(['sh', '-c', 'echo one; echo "error: broken" >&2; exit 3'], tmpdir(), process.env, logPath());
    expect(describeFailure(['make'], outcome)).toBe('"make" exited with code 3: error: broken');
  });
});

describe('childrenCpuSeconds', () => {
  it('reads cutime and cstime even when the command name holds spaces and parentheses', () => {
    const stat = '123 (a (b) c) S 1 2 3 4 5 6 7 8 9 10 11 12 300 200 20 0 1 0 999 0 0';
    expect(childrenCpuSeconds(stat)).toBeCloseTo(5, 5);
  });
});
