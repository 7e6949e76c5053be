// Reads and validates a claims file. Every problem (unreadable file, bad JSON, each schema issue
// with its path) comes back at once, for one clear message and exit 2.
import { readFile } from 'node:fs/promises';
import { ClaimsFile } from './schema.ts';

export type LoadedClaims = { ok: true; file: ClaimsFile } | { ok: false; problems: string[] };

export function parseClaims(raw: unknown): LoadedClaims {
  const parsed = ClaimsFile.safeParse(raw);
  if (parsed.success) return { ok: true, file: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`) };
}

export async function loadClaims(file: string): Promise<LoadedClaims> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, problems: [code === 'ENOENT' ? `${file} does not exist` : `${file}: ${(err as Error).message}`] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [`${file} is not valid JSON (${(err as Error).message})`] };
  }
  const r = parseClaims(raw);
  return r.ok ? r : { ok: false, problems: r.problems.map((p) => `${file}: ${p}`) };
}
