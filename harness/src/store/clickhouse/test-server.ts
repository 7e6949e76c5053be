// Test support: the real ClickHouse server at CLICKHOUSE_URL (or the local default), and a
// throwaway database per test file. Under `npm test` (HARNESS_REQUIRE_SERVICES=1) or CI=true a
// missing server fails the tests; a lone `vitest run` skips them and says why.
import { randomBytes } from 'node:crypto';
import { DEFAULT_CLICKHOUSE_URL, type ClickHouseConfig } from '../config.ts';
import { connect } from './connection.ts';
import { migrate } from './migrate.ts';
import { ident, sql } from './sql-values.ts';

export function testServerConfig(database = 'default'): ClickHouseConfig {
  return {
    // `npm test` passes the server it found or started as HARNESS_TEST_CLICKHOUSE_URL, not as
    // CLICKHOUSE_URL, which would switch every harness command the tests run to the ClickHouse store.
    url: process.env.HARNESS_TEST_CLICKHOUSE_URL || process.env.CLICKHOUSE_URL || DEFAULT_CLICKHOUSE_URL,
    username: process.env.CLICKHOUSE_USER ?? 'default',
    password: process.env.CLICKHOUSE_PASSWORD ?? '',
    database,
  };
}

/** Whether absent services must fail the tests instead of skipping them. */
export const servicesRequired = (): boolean => process.env.CI === 'true' || process.env.HARNESS_REQUIRE_SERVICES === '1';

/** Undefined when the server answers (or services are required, where an absent server must fail); else the reason to skip. */
export async function serverSkipReason(): Promise<string | undefined> {
  if (servicesRequired()) return undefined;
  const conn = connect(testServerConfig(), { request_timeout_ms: 3000 });
  try {
    await conn.ping();
    return undefined;
  } catch (err) {
    return `no ClickHouse server answers (${err instanceof Error ? err.message : String(err)}); start one with \`bash .ci/start-clickhouse\``;
  } finally {
    await conn.close();
  }
}

export interface ThrowawayDatabase {
  cfg: ClickHouseConfig;
  drop: () => Promise<void>;
}

/** A new database with a random name, migrated; `drop` removes it. */
export async function throwawayDatabase(prefix = 'harness_test'): Promise<ThrowawayDatabase> {
  const cfg = testServerConfig(`${prefix}_${randomBytes(6).toString('hex')}`);
  await migrate(cfg);
  return {
    cfg,
    drop: async () => {
      const admin = connect(testServerConfig());
      try {
        await admin.command(sql`DROP DATABASE IF EXISTS ${ident(cfg.database)}`);
      } finally {
        await admin.close();
      }
    },
  };
}
