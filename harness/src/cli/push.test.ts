// The CLI end to end: one line on failure, exit code 2, and the password nowhere in the output.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRun } from '../results/synthetic.ts';
import { writeRunDir } from '../results/write-run.ts';
import { serverSkipReason, throwawayDatabase, type ThrowawayDatabase } from '../store/clickhouse/test-server.ts';

const skip = await serverSkipReason();
const MAIN = fileURLToPath(new URL('../store/clickhouse/cli-fixture.ts', import.meta.url));
const SECRET = 'pw-Do-Not-Print-42';

async function harness(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  const run = promisify(execFile);
  try {
    const r = await run(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: { ...process.env, ...env } });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe.skipIf(skip !== undefined)(`harness push / db from the command line${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let db: ThrowawayDatabase;
  let root: string;
  beforeAll(async () => {
    db = await throwawayDatabase('harness_cli');
    root = await mkdtemp(path.join(os.tmpdir(), 'push-cli-'));
    await writeRunDir(path.join(root, 'cli-run'), syntheticRun({ seed: 41, run_id: 'cli-run', samples_per_phase: 20 }));
  });
  afterAll(async () => {
    await db?.drop();
    await rm(root, { recursive: true, force: true });
  });

  it('pushes a run, then finds it already there', async () => {
    const env = { CLICKHOUSE_URL: db.cfg.url, CLICKHOUSE_DATABASE: db.cfg.database };
    const first = await harness(['push', 'cli-run', '--results', root], env);
    expect(first.out).toContain('pushed 1, already there 0');
    const second = await harness(['push', '--all', '--results', root], env);
    expect(second.out).toContain('pushed 0, already there 1');
  });

  it('pushes a run given as its folder, trailing slash and all, like every other command accepts', async () => {
    const env = { CLICKHOUSE_URL: db.cfg.url, CLICKHOUSE_DATABASE: db.cfg.database };
    const r = await harness(['push', `${path.join(root, 'cli-run')}/`, '--force'], env);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('pushed 1');
  });

  it('reports wrong credentials in one line without the password, exit 2', async () => {
    const wrongPassword = { CLICKHOUSE_URL: db.cfg.url, CLICKHOUSE_DATABASE: db.cfg.database, CLICKHOUSE_PASSWORD: SECRET };
    const passwordInUrl = { CLICKHOUSE_URL: db.cfg.url.replace('://', `://default:${SECRET}@`), CLICKHOUSE_DATABASE: db.cfg.database };
    const cases: [Record<string, string>, string[]][] = [
      [wrongPassword, ['push', '--all', '--results', root]],
      [passwordInUrl, ['db', 'status']],
      [passwordInUrl, ['db', 'migrate']],
    ];
    for (const [env, args] of cases) {
      const r = await harness(args, env);
      expect(r.code).toBe(2);
      expect(r.out).not.toContain(SECRET);
      expect(r.out.trim().split('\n')).toHaveLength(1);
      expect(r.out).toMatch(/refused user "default"/);
    }
  });

  it('names a missing run folder', async () => {
    const r = await harness(['push', 'no-such-run', '--results', root], { CLICKHOUSE_URL: db.cfg.url });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/no run folder no-such-run/);
  });
});
