import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrations } from './migrate.ts';

describe('loadMigrations', () => {
  it('sends the statements of a file apart, without comments or their final semicolons', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
    writeFileSync(path.join(dir, '0001_two.sql'), '-- two tables\nCREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = Memory;\n\nCREATE TABLE IF NOT EXISTS b (y UInt8) ENGINE = Memory\n');
    expect(loadMigrations(dir)[0]!.statements).toEqual(['CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = Memory', 'CREATE TABLE IF NOT EXISTS b (y UInt8) ENGINE = Memory']);
  });

  it('keeps a one-statement file as one statement', () => {
    const m = loadMigrations().find((x) => x.version === '0008')!;
    expect(m.statements).toHaveLength(1);
    expect(m.statements[0]).toMatch(/^CREATE TABLE IF NOT EXISTS tradeoffs/);
  });

  it('reads the sweep migration as its two tables', () => {
    const m = loadMigrations().find((x) => x.version === '0010')!;
    expect(m.statements.map((s) => /CREATE TABLE IF NOT EXISTS (\w+)/.exec(s)![1])).toEqual(['sweep_results', 'sweep_steps']);
  });
});
