// Lines of code of one processor, by the manifest's rule (tradeoffs.code): the files it includes
// (files, folders or globs, relative to the implementation folder), minus those its exclude
// globs name, in the languages languages.ts knows. COUNTING_RULE says what a line is.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { globBase, globToRegExp, isGlob } from './glob.ts';
import { languageOf } from './languages.ts';
import { codeLineFlags, maskCode } from './mask.ts';
import { blankRustTestItems } from './rust-tests.ts';

export const COUNTING_RULE =
  'non-blank lines that hold code after comments are removed (a line with code and a comment counts; a line inside a multi-line string counts); ' +
  'files: the manifest\u2019s tradeoffs.code include minus its exclude globs (tests, benches, test helpers), in Go, Rust, TypeScript/JavaScript or C/C++; ' +
  'never: node_modules, vendor, target and .git folders (vendored or built code), files marked generated ("Code generated … DO NOT EDIT." or "@generated" in their first lines), ' +
  'Rust items under #[cfg(test)]';

/** Folders never walked: vendored or built code. */
const SKIPPED_DIRS = new Set(['node_modules', 'vendor', 'target', '.git']);
const GENERATED = /^\/\/ Code generated .* DO NOT EDIT\.$|@generated/m;

export interface CodeRule {
  include: readonly string[];
  exclude?: readonly string[] | undefined;
}

export interface LanguageLines {
  language: string;
  files: number;
  lines: number;
}

export interface CodeCount {
  lines: number;
  files: number;
  by_language: LanguageLines[];
  /** Files left out because they say they are generated. */
  generated_files: number;
  /** Include entries that matched no file: a manifest whose rule counts nothing should be noticed. */
  unmatched_includes: string[];
}

const posix = (p: string) => p.split(path.sep).join('/');

function walk(dir: string, relBase: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) walk(path.join(dir, e.name), `${relBase}/${e.name}`, out);
    } else if (e.isFile()) out.push(`${relBase}/${e.name}`);
  }
}

/** Relative paths (posix, as the manifest writes them) of the files an include entry names. */
function filesOf(dir: string, entry: string): string[] {
  const clean = posix(path.normalize(entry));
  if (isGlob(clean)) {
    const base = globBase(clean);
    const re = globToRegExp(clean);
    const found: string[] = [];
    walk(path.resolve(dir, base), base, found);
    return found.map((f) => posix(path.normalize(f))).filter((f) => re.test(f));
  }
  const full = path.resolve(dir, clean);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    return [];
  }
  if (stat.isFile()) return [clean];
  const found: string[] = [];
  walk(full, clean, found);
  return found.map((f) => posix(path.normalize(f)));
}

function excluder(exclude: readonly string[]): (file: string) => boolean {
  const tests = exclude.map((e) => {
    const clean = posix(path.normalize(e));
    if (isGlob(clean)) {
      const re = globToRegExp(clean);
      return (f: string) => re.test(f);
    }
    return (f: string) => f === clean || f.startsWith(`${clean}/`);
  });
  return (file) => tests.some((t) => t(file));
}

/** Lines of code in one file's text (see COUNTING_RULE). */
export function countLines(text: string, file: string): number {
  const lang = languageOf(file);
  if (!lang) return 0;
  let masked = maskCode(text, lang.syntax);
  if (lang.syntax === 'rust') masked = blankRustTestItems(masked);
  return codeLineFlags(masked).filter(Boolean).length;
}

export function countCode(dir: string, rule: CodeRule): CodeCount {
  const excluded = excluder(rule.exclude ?? []);
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const entry of rule.include) {
    const found = filesOf(dir, entry).filter((f) => languageOf(f) !== undefined && !excluded(f) && !f.split('/').some((part) => SKIPPED_DIRS.has(part)));
    if (found.length === 0) unmatched.push(entry);
    for (const f of found) files.add(f);
  }
  const byLanguage = new Map<string, LanguageLines>();
  let generated = 0;
  for (const file of [...files].sort()) {
    const text = readFileSync(path.resolve(dir, file), 'utf8');
    if (GENERATED.test(text.split('\n', 10).join('\n'))) {
      generated++;
      continue;
    }
    const language = languageOf(file)!.language;
    const entry = byLanguage.get(language) ?? { language, files: 0, lines: 0 };
    entry.files++;
    entry.lines += countLines(text, file);
    byLanguage.set(language, entry);
  }
  const by_language = [...byLanguage.values()].sort((a, b) => b.lines - a.lines || a.language.localeCompare(b.language));
  return {
    lines: by_language.reduce((s, l) => s + l.lines, 0),
    files: by_language.reduce((s, l) => s + l.files, 0),
    by_language,
    generated_files: generated,
    unmatched_includes: unmatched,
  };
}
