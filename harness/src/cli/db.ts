// `harness db migrate` / `harness db status`: the ClickHouse schema, versioned and idempotent.
import type { Command } from 'commander';
import { storeConfigFromEnv } from '../store/config.ts';
import { ClickHouseError } from '../store/clickhouse/connection.ts';
import { migrate, migrationStatus } from '../store/clickhouse/migrate.ts';
import { UserError } from '../errors/user-error.ts';

async function oneLine<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ClickHouseError) throw new UserError(err.message);
    throw err;
  }
}

export function register(program: Command): void {
  const db = program.command('db').description('ClickHouse schema (CLICKHOUSE_URL, CLICKHOUSE_USER, CLICKHOUSE_PASSWORD, CLICKHOUSE_DATABASE)');
  db.command('migrate')
    .description('create the database and apply pending migrations (safe to run again)')
    .action(async () => {
      const cfg = storeConfigFromEnv({ store: 'clickhouse' }).clickhouse!;
      const { applied, skipped } = await oneLine(() => migrate(cfg));
      for (const m of applied) process.stdout.write(`applied ${m}\n`);
      process.stdout.write(`database ${cfg.database} at ${cfg.url}: ${applied.length} applied, ${skipped.length} already there\n`);
    });
  db.command('status')
    .description('list migrations and whether each has run')
    .action(async () => {
      const cfg = storeConfigFromEnv({ store: 'clickhouse' }).clickhouse!;
      const states = await oneLine(() => migrationStatus(cfg));
      for (const s of states) process.stdout.write(`${s.version}_${s.name.padEnd(20)} ${s.applied_at ?? 'pending'}\n`);
      const pending = states.filter((s) => s.applied_at === null).length;
      process.stdout.write(`database ${cfg.database} at ${cfg.url}: ${pending === 0 ? 'up to date' : `${pending} pending: run \`harness db migrate\``}\n`);
    });
}
