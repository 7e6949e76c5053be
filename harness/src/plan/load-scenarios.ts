// Reads scenario and profile files. Returns every problem found rather than stopping at the
// first, because a user fixing a file wants the whole list.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { ProfilesFile, ScenarioSpec, type Profile } from './scenario.ts';

export type Loaded<T> = { ok: true; value: T } | { ok: false; errors: string[] };

function describeIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${file}: ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}

async function readJson(file: string): Promise<Loaded<unknown>> {
  try {
    return { ok: true, value: JSON.parse(await readFile(file, 'utf8')) };
  } catch (err) {
    const why = err instanceof SyntaxError ? `not valid JSON: ${err.message}` : (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(err);
    return { ok: false, errors: [`${file}: ${why}`] };
  }
}

/** The names of the scenarios present under `scenariosDir` (folders with a scenario.json). */
export async function availableScenarios(scenariosDir: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(scenariosDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    try {
      await readFile(path.join(scenariosDir, entry.name, 'scenario.json'));
      names.push(entry.name);
    } catch {
      // a folder without scenario.json (e.g. vectors only) is not a scenario
    }
  }
  return names.sort();
}

export async function loadScenario(file: string): Promise<Loaded<ScenarioSpec>> {
  const raw = await readJson(file);
  if (!raw.ok) return raw;
  const parsed = ScenarioSpec.safeParse(raw.value);
  if (!parsed.success) return { ok: false, errors: describeIssues(file, parsed.error) };
  const expected = path.basename(path.dirname(file));
  if (parsed.data.name !== expected) {
    return { ok: false, errors: [`${file}: name: "${parsed.data.name}" must match its folder "${expected}"`] };
  }
  return { ok: true, value: parsed.data };
}

export async function loadProfiles(file: string): Promise<Loaded<Record<string, Profile>>> {
  const raw = await readJson(file);
  if (!raw.ok) return raw;
  const parsed = ProfilesFile.safeParse(raw.value);
  if (!parsed.success) return { ok: false, errors: describeIssues(file, parsed.error) };
  return { ok: true, value: parsed.data.profiles };
}
