// With no server at CLICKHOUSE_URL, `npm test` starts the installed clickhouse-server itself.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../launch/port.ts';
import { servicesRequired } from '../store/clickhouse/test-server.ts';
import { clickHouseForTests } from './clickhouse-for-tests.ts';

const installed = spawnSync('sh', ['-c', 'command -v clickhouse-server'], { stdio: 'ignore' }).status === 0;
const saved = process.env.CLICKHOUSE_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.CLICKHOUSE_URL;
  else process.env.CLICKHOUSE_URL = saved;
});

describe.skipIf(!installed && !servicesRequired())(`a ClickHouse for the tests${installed ? '' : ' (skipped: clickhouse-server is not installed)'}`, () => {
  it('uses a server that answers', async () => {
    const first = await clickHouseForTests(() => undefined);
    try {
      process.env.CLICKHOUSE_URL = first.url;
      const again = await clickHouseForTests(() => undefined);
      expect(again).toMatchObject({ url: first.url, started: false });
    } finally {
      await first.stop();
    }
  });

  it('starts one on free ports with a temporary folder when none answers, and removes it after', async () => {
    process.env.CLICKHOUSE_URL = `http://127.0.0.1:${await freePort()}`;
    const lines: string[] = [];
    const ch = await clickHouseForTests((l) => lines.push(l));
    expect(ch.started).toBe(true);
    expect(ch.url).not.toBe(process.env.CLICKHOUSE_URL);
    const res = await fetch(new URL('/?query=SELECT%201', ch.url));
    expect((await res.text()).trim()).toBe('1');
    const dir = /data in (\S+),/.exec(lines.join('\n'))?.[1];
    expect(dir && existsSync(dir)).toBe(true);
    await ch.stop();
    expect(existsSync(dir!)).toBe(false);
    await expect(fetch(new URL('/ping', ch.url))).rejects.toThrow();
  }, 90_000);
});
