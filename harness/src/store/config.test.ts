import { describe, expect, it } from 'vitest';
import { UserError } from '../errors/user-error.ts';
import { DEFAULT_RESULTS_ROOT, storeConfigFromEnv } from './config.ts';

describe('storeConfigFromEnv', () => {
  it('uses the file store when nothing is configured', () => {
    expect(storeConfigFromEnv({}, {})).toEqual({ kind: 'file', resultsRoot: DEFAULT_RESULTS_ROOT });
  });

  it('selects ClickHouse from CLICKHOUSE_URL with user, password and database', () => {
    const c = storeConfigFromEnv({}, { CLICKHOUSE_URL: 'https://ch.example:8443', CLICKHOUSE_USER: 'u', CLICKHOUSE_PASSWORD: 'p', CLICKHOUSE_DATABASE: 'bench' });
    expect(c).toMatchObject({ kind: 'clickhouse', clickhouse: { url: 'https://ch.example:8443', username: 'u', password: 'p', database: 'bench' } });
  });

  it('lets --store file win over CLICKHOUSE_URL', () => {
    expect(storeConfigFromEnv({ store: 'file' }, { CLICKHOUSE_URL: 'http://x:8123' }).kind).toBe('file');
  });

  it('defaults --store clickhouse to the local server and the harness database', () => {
    expect(storeConfigFromEnv({ store: 'clickhouse' }, {}).clickhouse).toEqual({ url: 'http://127.0.0.1:8123', username: 'default', password: '', database: 'harness' });
  });

  it('moves credentials out of the URL so the URL can be printed', () => {
    const c = storeConfigFromEnv({}, { CLICKHOUSE_URL: 'http://alice:s3cret@ch:8123' }).clickhouse!;
    expect(c.url).toBe('http://ch:8123');
    expect(c.username).toBe('alice');
    expect(c.password).toBe('s3cret');
  });

  it('rejects an unknown --store with a user error', () => {
    expect(() => storeConfigFromEnv({ store: 'postgres' }, {})).toThrow(UserError);
  });

  it('rejects a URL that is not http(s)', () => {
    expect(() => storeConfigFromEnv({}, { CLICKHOUSE_URL: 'tcp://ch:9000' })).toThrow(/http:\/\/ or https:\/\//);
  });

  it('takes the results root from --results', () => {
    expect(storeConfigFromEnv({ results: '/tmp/r' }, {}).resultsRoot).toBe('/tmp/r');
  });
});
