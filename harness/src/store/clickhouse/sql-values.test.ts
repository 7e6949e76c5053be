// Unit side of the binding rules; the server-side proof (nothing but the intended rows come back)
// is in sql-values.server.test.ts.
import { describe, expect, it } from 'vitest';
import { ident, join, num, sql, SqlValueError, str } from './sql-values.ts';

describe('client-side SQL binding', () => {
  it('quotes a string and escapes quote and backslash', () => {
    expect(str("it's a \\ test")).toBe("'it\\'s a \\\\ test'");
  });

  it('turns NUL, newline, CR and tab into escapes', () => {
    expect(str('a\u0000b\nc\rd\te')).toBe("'a\\0b\\nc\\rd\\te'");
  });

  it('refuses a string with a lone surrogate', () => {
    expect(() => str('a\uD800b')).toThrow(SqlValueError);
  });

  it('refuses a string literal beyond the size limit', () => {
    expect(() => str("'".repeat(40_000))).toThrow(/longer than/);
  });

  it('accepts only plain identifiers', () => {
    expect(ident('harness_test_1').text).toBe('harness_test_1');
    for (const bad of ['', '1abc', 'a-b', 'a b', 'a;DROP', '`x`', 'x'.repeat(64), 'db.table', 'ä']) expect(() => ident(bad)).toThrow(SqlValueError);
  });

  it('refuses non-finite and unsafe numbers', () => {
    expect(num(-1.5)).toBe('-1.5');
    for (const bad of [NaN, Infinity, -Infinity, 2 ** 60]) expect(() => num(bad)).toThrow(SqlValueError);
    expect(() => num('1; DROP TABLE x' as unknown as number)).toThrow(SqlValueError);
  });

  it('binds values in a template and leaves the template text alone', () => {
    expect(sql`SELECT ${ident('x')} FROM t WHERE a = ${"o'k"} AND b IN ${['p', 'q']} AND c = ${3} AND d = ${true}`.text)
      .toBe("SELECT x FROM t WHERE a = 'o\\'k' AND b IN ['p', 'q'] AND c = 3 AND d = 1");
  });

  it('nests fragments without quoting them again', () => {
    const cond = join([sql`a = ${'x'}`, sql`b = ${2}`], ' AND ');
    expect(sql`WHERE ${cond}`.text).toBe("WHERE a = 'x' AND b = 2");
  });
});
