// Versioned, idempotent schema migrations: migrations/NNNN_name.sql, applied in order, each
// recorded in schema_migrations. Every statement is CREATE … IF NOT EXISTS, so running them again
// (or two processes at once) changes nothing. A file may hold several statements, each ending
// in `;` at the end of a line: ClickHouse takes one statement per request, so they are sent apart.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { ClickHouseConfig } from '../config.ts';
import { ClickHouseError, connect, type Connection } from './connection.ts';
import { ident, Sql, sql } from './sql-values.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export interface Migration {
  version: string;
  name: string;
  /** The statements of the file, in order, without comments or the final `;`. */
  statements: string[];
  checksum: string;
}

export const SCHEMA_MIGRATIONS_DDL = `CREATE TABLE IF NOT EXISTS schema_migrations
(
    version String,
    name String,
    checksum String,
    applied_at String
)
ENGINE = ReplacingMergeTree
ORDER BY version`;

/** Strips `--` comment lines and splits at a `;` that ends a line: what is sent is the DDL alone. */
function statementsOf(text: string): string[] {
  const ddl = text.split('\n').filter((l) => !l.trimStart().startsWith('--')).join('\n');
  return ddl.split(/;[ \t]*(?:\n|$)/).map((s) => s.trim()).filter(Boolean);
}

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const text = readFileSync(path.join(dir, f), 'utf8');
      return {
        version: f.slice(0, 4),
        name: f.replace(/^\d{4}_/, '').replace(/\.sql$/, ''),
        statements: statementsOf(text),
        checksum: createHash('sha256').update(text).digest('hex').slice(0, 16),
      };
    });
}

export interface MigrationState {
  version: string;
  name: string;
  applied_at: string | null;
}

async function appliedVersions(conn: Connection): Promise<Map<string, string>> {
  const rows = await conn.query<{ version: string; applied_at: string }>(sql`SELECT version, applied_at FROM schema_migrations FINAL`);
  return new Map(rows.map((r) => [r.version, r.applied_at]));
}

/** Creates the database if needed, then applies every migration not yet recorded. */
export async function migrate(cfg: ClickHouseConfig, migrations: Migration[] = loadMigrations()): Promise<{ applied: string[]; skipped: string[] }> {
  const admin = connect(cfg, { database: 'default' });
  try {
    await admin.command(sql`CREATE DATABASE IF NOT EXISTS ${ident(cfg.database)}`);
  } finally {
    await admin.close();
  }
  const conn = connect(cfg);
  try {
    await conn.command(rawDdl(SCHEMA_MIGRATIONS_DDL));
    const done = await appliedVersions(conn);
    const applied: string[] = [];
    const skipped: string[] = [];
    for (const m of migrations) {
      const label = `${m.version}_${m.name}`;
      if (done.has(m.version)) {
        skipped.push(label);
        continue;
      }
      for (const statement of m.statements) await conn.command(rawDdl(statement));
      await conn.insert('schema_migrations', [{ version: m.version, name: m.name, checksum: m.checksum, applied_at: new Date().toISOString() }]);
      applied.push(label);
    }
    return { applied, skipped };
  } finally {
    await conn.close();
  }
}

/** Which migrations ran, and when. Throws ClickHouseError (database) when the database is missing. */
export async function migrationStatus(cfg: ClickHouseConfig, migrations: Migration[] = loadMigrations()): Promise<MigrationState[]> {
  const conn = connect(cfg);
  try {
    let done = new Map<string, string>();
    const exists = await conn.query<{ c: string }>(sql`SELECT count() AS c FROM system.tables WHERE database = ${cfg.database} AND name = 'schema_migrations'`);
    if (Number(exists[0]?.c ?? 0) > 0) done = await appliedVersions(conn);
    return migrations.map((m) => ({ version: m.version, name: m.name, applied_at: done.get(m.version) ?? null }));
  } finally {
    await conn.close();
  }
}

/** Fails with one clear line unless every migration has run (sinks and push call this first). */
export async function assertMigrated(conn: Connection, migrations: Migration[] = loadMigrations()): Promise<void> {
  const exists = await conn.query<{ c: string }>(sql`SELECT count() AS c FROM system.tables WHERE database = ${conn.config.database} AND name = 'schema_migrations'`);
  const done = Number(exists[0]?.c ?? 0) > 0 ? await appliedVersions(conn) : new Map<string, string>();
  const missing = migrations.filter((m) => !done.has(m.version)).map((m) => `${m.version}_${m.name}`);
  if (missing.length) {
    throw new ClickHouseError(`ClickHouse database "${conn.config.database}" lacks migrations ${missing.join(', ')}; run \`harness db migrate\``, undefined, 'schema');
  }
}

/** DDL from our own migration files (never from input) passes through as is. */
function rawDdl(text: string): Sql {
  return new Sql(text);
}
