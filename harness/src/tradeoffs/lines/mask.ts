// Lines of code are counted on a masked copy of each file: comments become spaces and the
// contents of string literals become `s` (whitespace kept), with every newline in place. A line
// is code when its masked form has anything but whitespace. Strings are lexed only so that a
// `/*` or `//` inside one ("*/*", "http://…") is not taken for a comment, and braces inside them
// do not upset the Rust #[cfg(test)] matcher.

/** The C-family lexical rules a file follows. */
export type Syntax = 'go' | 'rust' | 'js' | 'cpp';

const IDENT = /[A-Za-z0-9_$]/;
/** After one of these (or at the start), a `/` in JavaScript starts a regular expression literal. */
const BEFORE_REGEX = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
const REGEX_KEYWORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await']);

export function maskCode(text: string, syntax: Syntax): string {
  const out: string[] = new Array<string>(text.length);
  const n = text.length;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) out[k] = text[k] === '\n' ? '\n' : ' ';
  };
  const literal = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const ch = text[k]!;
      out[k] = ch === '\n' || ch === ' ' || ch === '\t' || ch === '\r' ? ch : 's';
    }
  };
  const code = (k: number) => {
    out[k] = text[k]!;
  };
  /** Index just past the closing `quote`, honouring backslash escapes; stops at a newline when singleLine. */
  const endOfQuoted = (start: number, quote: string, escapes: boolean, singleLine: boolean): number => {
    let k = start;
    while (k < n) {
      const ch = text[k]!;
      if (escapes && ch === '\\') k += 2;
      else if (ch === quote) return k + 1;
      else if (singleLine && ch === '\n') return k;
      else k++;
    }
    return n;
  };
  // Template literals nest code (`${ … }`) that may hold templates again: a stack of brace depths.
  const templates: number[] = [];
  let lastSignificant = '';
  let lastWord = '';

  let i = 0;
  const scanTemplate = (start: number): number => {
    // From inside a template string: up to the closing backtick (returns past it) or a `${` (returns past it, in code).
    let k = start;
    while (k < n) {
      const ch = text[k]!;
      if (ch === '\\') k += 2;
      else if (ch === '`') {
        literal(start, k);
        code(k);
        return k + 1;
      } else if (ch === '$' && text[k + 1] === '{') {
        literal(start, k);
        code(k);
        code(k + 1);
        templates.push(0);
        return k + 2;
      } else k++;
    }
    literal(start, n);
    return n;
  };

  while (i < n) {
    const ch = text[i]!;
    const next = text[i + 1];
    const prev = i > 0 ? text[i - 1]! : '';
    if (ch === '/' && next === '/') {
      let k = text.indexOf('\n', i);
      if (k < 0) k = n;
      blank(i, k);
      i = k;
      continue;
    }
    if (ch === '/' && next === '*') {
      let depth = 1;
      let k = i + 2;
      while (k < n && depth > 0) {
        if (text[k] === '*' && text[k + 1] === '/') {
          depth--;
          k += 2;
        } else if (syntax === 'rust' && text[k] === '/' && text[k + 1] === '*') {
          depth++;
          k += 2;
        } else k++;
      }
      blank(i, Math.min(k, n));
      i = Math.min(k, n);
      continue;
    }
    if (!IDENT.test(prev)) {
      // Raw strings: Rust's r#"…"# (and br"…"), C++'s R"delim(…)delim". Opening and closing
      // marks are code, what is between them a literal, to the end of the text if unclosed.
      const raw = syntax === 'rust' ? /^b?r(#*)"/.exec(text.slice(i, i + 260)) : syntax === 'cpp' ? /^(?:u8|u|U|L)?R"([^()\\\s]{0,16})\(/.exec(text.slice(i, i + 24)) : null;
      if (raw) {
        const close = syntax === 'rust' ? `"${raw[1]}` : `)${raw[1]}"`;
        const body = i + raw[0].length;
        const end = text.indexOf(close, body);
        const stop = end < 0 ? n : end + close.length;
        for (let k = i; k < body; k++) code(k);
        literal(body, end < 0 ? n : end);
        for (let k = end < 0 ? n : end; k < stop; k++) code(k);
        i = stop;
        lastSignificant = '"';
        continue;
      }
    }
    if (ch === '"') {
      const end = endOfQuoted(i + 1, '"', true, false);
      code(i);
      literal(i + 1, Math.max(i + 1, end - 1));
      if (end - 1 > i) code(end - 1);
      i = end;
      lastSignificant = '"';
      continue;
    }
    if (ch === '`' && (syntax === 'go' || syntax === 'js')) {
      code(i);
      if (syntax === 'go') {
        const end = endOfQuoted(i + 1, '`', false, false);
        literal(i + 1, Math.max(i + 1, end - 1));
        if (end - 1 > i) code(end - 1);
        i = end;
      } else {
        i = scanTemplate(i + 1);
      }
      lastSignificant = '`';
      continue;
    }
    if (ch === "'") {
      let end = -1;
      if (syntax === 'rust') {
        // A char literal ('a', '\n', '\u{1F600}'); anything else is a lifetime or a label ('a, 'outer).
        const m = /^'(?:\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]{1,6}\}|.)|[^\\'\n])'/.exec(text.slice(i, i + 16));
        if (m) end = i + m[0].length;
      } else if (syntax === 'cpp' && /[0-9A-Za-z]/.test(prev)) {
        end = -1; // a digit separator: 1'000'000
      } else {
        end = endOfQuoted(i + 1, "'", true, true);
      }
      if (end > i) {
        code(i);
        literal(i + 1, Math.max(i + 1, end - 1));
        if (text[end - 1] === "'") code(end - 1);
        else out[end - 1] = text[end - 1] === '\n' ? '\n' : 's';
        i = end;
        lastSignificant = "'";
        continue;
      }
    }
    if (syntax === 'js' && ch === '/' && (BEFORE_REGEX.has(lastSignificant) || REGEX_KEYWORDS.has(lastWord))) {
      const end = endOfRegex(text, i + 1);
      if (end > 0) {
        code(i);
        literal(i + 1, end - 1);
        code(end - 1);
        i = end;
        lastSignificant = '/';
        lastWord = '';
        continue;
      }
    }
    if (syntax === 'js' && templates.length > 0) {
      if (ch === '{') templates[templates.length - 1]!++;
      else if (ch === '}') {
        if (templates[templates.length - 1] === 0) {
          templates.pop();
          code(i);
          i = scanTemplate(i + 1);
          lastSignificant = '`';
          continue;
        }
        templates[templates.length - 1]!--;
      }
    }
    code(i);
    if (!/\s/.test(ch)) {
      lastSignificant = IDENT.test(ch) ? 'a' : ch;
      lastWord = IDENT.test(ch) ? (IDENT.test(prev) ? lastWord + ch : ch) : '';
    }
    i++;
  }
  return out.join('');
}

/** Past the closing `/` of a regular expression literal that starts at `from`, or -1 when the line has none (then it was a division). */
function endOfRegex(text: string, from: number): number {
  let inClass = false;
  for (let k = from; k < text.length; k++) {
    const ch = text[k]!;
    if (ch === '\n') return -1;
    if (ch === '\\') {
      k++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') inClass = true;
    else if (ch === '/') return k === from ? -1 : k + 1;
  }
  return -1;
}

/** Lines (0-based) whose masked form holds code. */
export function codeLineFlags(masked: string): boolean[] {
  return masked.split('\n').map((line) => /\S/.test(line));
}
