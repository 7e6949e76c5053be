// The binding rules against the real server: hostile values reach ClickHouse as exactly the
// intended literal, select exactly the intended rows, and leave the tables alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connection } from './connection.ts';
import { ident, list, sql, SqlValueError } from './sql-values.ts';
import { serverSkipReason, throwawayDatabase, type ThrowawayDatabase } from './test-server.ts';

const skip = await serverSkipReason();

const HOSTILE = [
  "'",
  "\\",
  "\\'",
  "''",
  "' OR '1'='1",
  "x' OR 1=1 --",
  "'; DROP TABLE probe; --",
  'a\u0000b',
  '\u0000',
  'line1\nline2',
  'cr\rtab\t',
  '\\x27 OR 1=1',
  '\\0',
  '`probe`',
  '"quoted"',
  '{name:String}',
  'ünïcødé 🎉',
  '/* comment */ 1',
  "x".repeat(10_000) + "' OR '1'='1",
  "\\'".repeat(5_000),
];

describe.skipIf(skip !== undefined)(`client-side binding against the server${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let db: ThrowawayDatabase;
  let conn: Connection;

  beforeAll(async () => {
    db = await throwawayDatabase('harness_inject');
    conn = connect(db.cfg);
    await conn.command(sql`CREATE TABLE probe (id UInt32, name String) ENGINE = MergeTree ORDER BY id`);
    await conn.insert('probe', [{ id: 0, name: 'innocent' }, ...HOSTILE.map((name, i) => ({ id: i + 1, name }))]);
  });
  afterAll(async () => {
    await conn?.close();
    await db?.drop();
  });

  it('sends each hostile string as exactly that string', async () => {
    for (const value of HOSTILE) {
      const [row] = await conn.query<{ v: string }>(sql`SELECT ${value} AS v`);
      expect(row?.v).toBe(value);
    }
  });

  it('selects only the row holding the hostile string', async () => {
    for (const [i, value] of HOSTILE.entries()) {
      const rows = await conn.query<{ id: number }>(sql`SELECT id FROM probe WHERE name = ${value} ORDER BY id`);
      expect(rows.map((r) => Number(r.id))).toEqual([i + 1]);
    }
  });

  it('selects nothing for hostile strings that are not stored', async () => {
    for (const value of HOSTILE) {
      const rows = await conn.query(sql`SELECT id FROM probe WHERE name = ${`${value}-absent`}`);
      expect(rows).toEqual([]);
    }
  });

  it('binds hostile strings inside IN lists and arrays', async () => {
    const rows = await conn.query<{ id: number }>(sql`SELECT id FROM probe WHERE name IN ${list(["' OR '1'='1", 'innocent'])} ORDER BY id`);
    expect(rows.map((r) => Number(r.id))).toEqual([0, 5]);
    const arr = await conn.query<{ n: number }>(sql`SELECT count() AS n FROM probe WHERE has(${["'; DROP TABLE probe; --"]}, name)`);
    expect(Number(arr[0]?.n)).toBe(1);
  });

  it('leaves the table whole after every attempt', async () => {
    const [row] = await conn.query<{ n: string }>(sql`SELECT count() AS n FROM probe`);
    expect(Number(row?.n)).toBe(HOSTILE.length + 1);
  });

  it('refuses hostile identifiers before anything is sent', () => {
    expect(() => sql`SELECT * FROM ${ident('probe; DROP TABLE probe')}`).toThrow(SqlValueError);
    expect(() => sql`SELECT * FROM ${ident('probe` UNION SELECT 1 --')}`).toThrow(SqlValueError);
  });

  it('binds numbers exactly and refuses what is not a number', async () => {
    const [row] = await conn.query<{ v: number }>(sql`SELECT ${-12.5} AS v`);
    expect(row?.v).toBe(-12.5);
    // A string where a number was meant stays a quoted string: it never becomes SQL.
    const [cmp] = await conn.query<{ n: string }>(sql`SELECT count() AS n FROM probe WHERE toString(id) = ${'1 OR 1=1'}`);
    expect(Number(cmp?.n)).toBe(0);
  });
});
