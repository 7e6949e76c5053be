import { describe, expect, it } from 'vitest';
import { storeContract } from '../store-contract.ts';
import { ClickHouseStore } from './clickhouse-store.ts';
import { connect } from './connection.ts';
import { pushRun } from './push.ts';
import { serverSkipReason, throwawayDatabase } from './test-server.ts';

const skip = await serverSkipReason();

storeContract('clickhouse', async (runs) => {
  const db = await throwawayDatabase();
  const conn = connect(db.cfg);
  try {
    for (const r of runs) await pushRun(conn, r);
  } finally {
    await conn.close();
  }
  return { store: await ClickHouseStore.open(db.cfg), cleanup: db.drop };
}, skip ? { skip } : {});

describe.skipIf(skip !== undefined)('ClickHouseStore', () => {
  it('fails to open with one line naming the server when nothing answers', async () => {
    await expect(ClickHouseStore.open({ url: 'http://127.0.0.1:1', username: 'default', password: '', database: 'x' })).rejects.toThrow(/^ClickHouse at http:\/\/127\.0\.0\.1:1 is not answering/);
  });
});
