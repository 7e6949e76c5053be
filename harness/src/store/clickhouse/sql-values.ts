// Client-side value binding. The ClickHouse we must support (18.16) has no server-side query
// parameters, so every value that reaches a query text goes through here: identifiers must match a
// strict pattern, strings are escaped, numbers must be finite. Nothing else builds SQL from input.

/** A piece of SQL that is safe by construction (made by `sql` or `ident`). */
export class Sql {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type SqlValue = string | number | boolean | Sql | readonly (string | number)[];

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
/** Longest string literal accepted, in UTF-8 bytes after escaping: well under max_query_size (256 KiB). */
export const MAX_LITERAL_BYTES = 64 * 1024;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export class SqlValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlValueError';
  }
}

/** A database, table or column name. */
export function ident(name: string): Sql {
  if (!IDENT.test(name)) throw new SqlValueError(`not a valid identifier: ${JSON.stringify(name.slice(0, 80))} (letters, digits, _; at most 63)`);
  return new Sql(name);
}

/** A quoted string literal. Backslash and quote are escaped; NUL and line breaks become escapes so the text stays one line. */
export function str(value: string): string {
  if (LONE_SURROGATE.test(value)) throw new SqlValueError('string is not well-formed UTF-16 (lone surrogate)');
  const escaped = value.replace(/[\\'\u0000\n\r\t]/g, (c) => {
    switch (c) {
      case '\\': return '\\\\';
      case "'": return "\\'";
      case '\u0000': return '\\0';
      case '\n': return '\\n';
      case '\r': return '\\r';
      default: return '\\t';
    }
  });
  if (Buffer.byteLength(escaped, 'utf8') > MAX_LITERAL_BYTES) throw new SqlValueError(`string literal longer than ${MAX_LITERAL_BYTES} bytes`);
  return `'${escaped}'`;
}

/** A finite number. Integers beyond 2^53 are refused: they would not be the number the caller meant. */
export function num(value: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new SqlValueError(`not a finite number: ${String(value)}`);
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) throw new SqlValueError(`integer out of the safe range: ${value}`);
  return String(value);
}

function literal(v: SqlValue): string {
  if (v instanceof Sql) return v.text;
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number') return num(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (Array.isArray(v)) return `[${v.map((x: string | number) => literal(x)).join(', ')}]`;
  throw new SqlValueError(`cannot bind a value of type ${typeof v}`);
}

/** Tagged template: `sql\`SELECT … WHERE run_id = ${id}\`` binds `id` as an escaped literal. */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): Sql {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += literal(v) + (strings[i + 1] ?? '');
  });
  return new Sql(out);
}

/** A parenthesized list for `IN`: `(a, b)`. An empty list has no SQL form: callers answer "nothing" themselves. */
export function list(values: readonly (string | number)[]): Sql {
  if (values.length === 0) throw new SqlValueError('empty IN list');
  return new Sql(`(${values.map((v) => literal(v)).join(', ')})`);
}

/** Joins fragments (e.g. WHERE conditions) with a separator. */
export function join(parts: readonly Sql[], separator: string): Sql {
  return new Sql(parts.map((p) => p.text).join(separator));
}
