// Which store a command reads from and which sinks a run writes to. One place decides, from flags
// first and the environment second, so every command (run, report, serve, push) agrees.
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors/user-error.ts';

/** How to reach a ClickHouse server. TLS: use an https:// URL (and `caCertPath` for a private CA). */
export interface ClickHouseConfig {
  url: string;
  username: string;
  password: string;
  database: string;
  caCertPath?: string;
}

export interface StoreConfig {
  /** The store queries go to. The file store is always written during a run, whatever this says. */
  kind: 'file' | 'clickhouse';
  /** The results root of the file store (one folder per run). */
  resultsRoot: string;
  /** Present when kind is clickhouse, or when CLICKHOUSE_URL is set (the sink then writes there too). */
  clickhouse?: ClickHouseConfig;
}

export interface StoreFlags {
  store?: string;
  results?: string;
}

export const DEFAULT_RESULTS_ROOT = fileURLToPath(new URL('../../../results', import.meta.url));
export const DEFAULT_CLICKHOUSE_URL = 'http://127.0.0.1:8123';
export const DEFAULT_CLICKHOUSE_DATABASE = 'harness';

/**
 * `--store file|clickhouse` wins; without it, CLICKHOUSE_URL selects ClickHouse. User, password and
 * database come from CLICKHOUSE_USER, CLICKHOUSE_PASSWORD, CLICKHOUSE_DATABASE; CLICKHOUSE_CA_CERT
 * names a PEM file for servers signed by a private CA.
 */
export function storeConfigFromEnv(flags: StoreFlags = {}, env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const resultsRoot = flags.results ?? env.HARNESS_RESULTS_DIR ?? DEFAULT_RESULTS_ROOT;
  if (flags.store !== undefined && flags.store !== 'file' && flags.store !== 'clickhouse') {
    throw new UserError(`--store must be "file" or "clickhouse", not "${flags.store}"`);
  }
  const envUrl = env.CLICKHOUSE_URL?.trim() || undefined;
  const kind = flags.store === 'file' ? 'file' : flags.store === 'clickhouse' || envUrl ? 'clickhouse' : 'file';
  const wantsClickHouse = kind === 'clickhouse' || envUrl !== undefined;
  if (!wantsClickHouse || flags.store === 'file') return { kind: 'file', resultsRoot };
  const url = envUrl ?? DEFAULT_CLICKHOUSE_URL;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError('CLICKHOUSE_URL is not a valid URL (expected e.g. http://127.0.0.1:8123 or https://host:8443)');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UserError(`CLICKHOUSE_URL must start with http:// or https://, not ${parsed.protocol}//`);
  }
  // Credentials inside the URL would end up in logs; take them out and keep them apart.
  const username = env.CLICKHOUSE_USER ?? (decodeURIComponent(parsed.username) || 'default');
  const password = env.CLICKHOUSE_PASSWORD ?? decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  const clickhouse: ClickHouseConfig = {
    url: parsed.toString().replace(/\/$/, ''),
    username,
    password,
    database: env.CLICKHOUSE_DATABASE?.trim() || DEFAULT_CLICKHOUSE_DATABASE,
  };
  if (env.CLICKHOUSE_CA_CERT) clickhouse.caCertPath = env.CLICKHOUSE_CA_CERT;
  return { kind, resultsRoot, clickhouse };
}
