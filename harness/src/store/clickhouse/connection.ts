// One way to talk to ClickHouse: a client made from a ClickHouseConfig, queries that take only
// bound SQL (see sql-values.ts), inserts in JSONEachRow (the one format 18.16 and current servers
// share), and errors turned into one line that never contains the credentials.
import { readFileSync } from 'node:fs';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import type { ClickHouseConfig } from '../config.ts';
import { ident, type Sql } from './sql-values.ts';

/** A ClickHouse failure as one line a user can act on. */
export class ClickHouseError extends Error {
  constructor(message: string, readonly code: number | undefined, readonly kind: 'unreachable' | 'auth' | 'database' | 'schema' | 'query') {
    super(message);
    this.name = 'ClickHouseError';
  }
}

const AUTH_CODES = new Set([192, 193, 194, 195, 516]);

/** Replaces the password (and its Basic-auth form) wherever it appears. */
export function redact(text: string, cfg: Pick<ClickHouseConfig, 'username' | 'password'>): string {
  let out = text;
  if (cfg.password.length > 0) {
    const basic = Buffer.from(`${cfg.username}:${cfg.password}`).toString('base64');
    out = out.split(basic).join('***');
    out = out.split(cfg.password).join('***');
    out = out.split(encodeURIComponent(cfg.password)).join('***');
  }
  return out;
}

/** Turns any client error into a ClickHouseError with one redacted line. */
export function describeError(err: unknown, cfg: ClickHouseConfig): ClickHouseError {
  if (err instanceof ClickHouseError) return err;
  const raw = err instanceof Error ? err.message : String(err);
  const sysCode = (err as { code?: unknown } | null)?.code;
  const codeMatch = /Code: (\d+)/.exec(raw);
  const code = codeMatch ? Number(codeMatch[1]) : undefined;
  // 18.16 says "e.displayText() = DB::Exception: <text>, e.what() = …"; current servers "DB::Exception: <text>. (NAME)".
  const text = (/DB::Exception: ([^\n]*?)(?=, e\.what\(\)|\s*\(version|\n|$)/.exec(raw)?.[1] ?? raw.split('\n')[0] ?? raw).trim();
  const where = `ClickHouse at ${cfg.url}`;
  let out: ClickHouseError;
  if (code === undefined && (typeof sysCode === 'string' || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|socket hang up|Timeout/i.test(raw))) {
    out = new ClickHouseError(`${where} is not answering (${typeof sysCode === 'string' ? sysCode : text})`, undefined, 'unreachable');
  } else if (code !== undefined && AUTH_CODES.has(code)) {
    out = new ClickHouseError(`${where} refused user "${cfg.username}": ${text} (code ${code}); check CLICKHOUSE_USER and CLICKHOUSE_PASSWORD`, code, 'auth');
  } else if (code === 81) {
    out = new ClickHouseError(`${where} has no database "${cfg.database}" (code 81); create it and its tables with \`harness db migrate\`, or set CLICKHOUSE_DATABASE`, code, 'database');
  } else if (code === 60) {
    out = new ClickHouseError(`${where}: ${text} (code 60); run \`harness db migrate\``, code, 'schema');
  } else {
    out = new ClickHouseError(`${where}: ${text}${code !== undefined ? ` (code ${code})` : ''}`, code, 'query');
  }
  out.message = redact(out.message, cfg);
  return out;
}

export interface Connection {
  readonly config: ClickHouseConfig;
  query<T = Record<string, unknown>>(q: Sql): Promise<T[]>;
  /**
   * Rows as arrays in column order (FORMAT JSONCompact, 64-bit integers unquoted): about half the
   * bytes of JSONEachRow for wide tables, one JSON.parse per answer. Read numbers with Number()
   * anyway (servers differ in quoting).
   */
  queryCompact(q: Sql): Promise<CompactRows>;
  command(q: Sql): Promise<void>;
  insert(table: string, rows: readonly Record<string, unknown>[]): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface CompactRows {
  names: string[];
  rows: unknown[][];
}

export interface ConnectionOptions {
  /** Connect to this database instead of config.database (migrate connects to "default" first). */
  database?: string;
  request_timeout_ms?: number;
}

export function connect(cfg: ClickHouseConfig, opts: ConnectionOptions = {}): Connection {
  const database = opts.database ?? cfg.database;
  ident(database);
  const client: ClickHouseClient = createClient({
    url: cfg.url,
    username: cfg.username,
    password: cfg.password,
    database,
    request_timeout: opts.request_timeout_ms ?? 30_000,
    // The client's own logger prints full errors with request details; we report one line ourselves.
    log: { level: ClickHouseLogLevel.OFF },
    ...(cfg.caCertPath ? { tls: { ca_cert: readFileSync(cfg.caCertPath) } } : {}),
  });
  const wrap = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      throw describeError(err, cfg);
    }
  };
  return {
    config: cfg,
    query: <T>(q: Sql) => wrap(async () => (await (await client.query({ query: q.text, format: 'JSONEachRow' })).json<T>())),
    queryCompact: (q: Sql) =>
      wrap(async () => {
        const answer = await (
          await client.query({ query: q.text, format: 'JSONCompact', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } })
        ).json<unknown[]>();
        return { names: (answer.meta ?? []).map((m) => m.name), rows: answer.data };
      }),
    command: (q: Sql) => wrap(async () => void (await client.command({ query: q.text }))),
    insert: (table: string, rows: readonly Record<string, unknown>[]) =>
      wrap(async () => {
        if (rows.length === 0) return;
        await client.insert({ table: ident(table).text, values: rows as Record<string, unknown>[], format: 'JSONEachRow' });
      }),
    ping: () =>
      wrap(async () => {
        const r = await client.ping();
        if (!r.success) throw r.error;
      }),
    close: () => client.close(),
  };
}

/** Monotonic row versions for ReplacingMergeTree: a later write of the same row always wins. */
let lastVersion = 0;
export function nextVersion(now: number = Date.now()): number {
  lastVersion = Math.max(lastVersion + 1, now * 1000);
  return lastVersion;
}

/** A connection whose server answered a ping; closed again (and the error thrown) when it did not. */
export async function connectAnswering(cfg: ClickHouseConfig, opts: ConnectionOptions = {}): Promise<Connection> {
  const conn = connect(cfg, opts);
  try {
    await conn.ping();
  } catch (err) {
    await conn.close();
    throw err;
  }
  return conn;
}
