// `npm test`: every suite, on a machine that has the prerequisites (testing/prerequisites.ts).
// Missing ones stop the run in one line that names the install command. A ClickHouse server is
// found or started for the run (testing/clickhouse-for-tests.ts), and the suites are told that
// absent services are failures, not skips (HARNESS_REQUIRE_SERVICES=1), so green means green.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { clickHouseForTests } from './clickhouse-for-tests.ts';
import { missingLine } from './prerequisites.ts';

/** The steps, in order; each is an npm script of the root package.json. */
export const TEST_STEPS = ['typecheck', 'build', 'test:ts', 'test:go', 'test:rust', 'test:cpp', 'test:python', 'verify'] as const;

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const say = (line: string) => process.stderr.write(`harness test: ${line}\n`);

async function main(): Promise<number> {
  const missing = missingLine();
  if (missing) {
    say(missing);
    return 2;
  }
  let clickhouse;
  try {
    clickhouse = await clickHouseForTests(say);
  } catch (err) {
    say(err instanceof Error ? err.message : String(err));
    return 2;
  }
  // The suites reach the server through HARNESS_TEST_CLICKHOUSE_URL; CLICKHOUSE_URL is removed, or
  // every harness command a test runs would write to (and read from) ClickHouse instead of its files.
  const { CLICKHOUSE_URL: _ignored, ...rest } = process.env;
  const env = { ...rest, HARNESS_TEST_CLICKHOUSE_URL: clickhouse.url, HARNESS_REQUIRE_SERVICES: '1' };
  const only = process.argv.slice(2);
  const steps = only.length ? TEST_STEPS.filter((s) => only.includes(s)) : TEST_STEPS;
  const started = Date.now();
  try {
    for (const step of steps) {
      say(`${step} (${Math.round((Date.now() - started) / 1000)} s so far)`);
      const r = spawnSync('npm', ['run', '--silent', step], { cwd: repoRoot, env, stdio: 'inherit' });
      if (r.status !== 0) {
        say(`${step} failed (exit ${r.status ?? r.signal}); later steps not run`);
        return r.status ?? 1;
      }
    }
  } finally {
    await clickhouse.stop();
  }
  say(`all ${steps.length} steps passed in ${Math.round((Date.now() - started) / 1000)} s`);
  return 0;
}

process.exitCode = await main();
