// Reads every scenarios/<suite>/vectors/*.json, validated, in a fixed order (suite, then file).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError } from '../errors/user-error.ts';
import { vectorSchema, type Vector } from './vector-schema.ts';

export interface VectorFile {
  /** Path relative to the repository root, e.g. scenarios/ingest/vectors/001-single-event.json */
  file: string;
  vector: Vector;
}

export function vectorFilePaths(scenariosDir: string): string[] {
  if (!existsSync(scenariosDir)) return [];
  const paths: string[] = [];
  for (const suite of readdirSync(scenariosDir).sort()) {
    const dir = join(scenariosDir, suite, 'vectors');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) if (file.endsWith('.json')) paths.push(join(dir, file));
  }
  return paths;
}

export function loadVectors(repoRoot: string, scenariosDir = join(repoRoot, 'scenarios')): VectorFile[] {
  const problems: string[] = [];
  const vectors: VectorFile[] = [];
  for (const path of vectorFilePaths(scenariosDir)) {
    const file = relative(repoRoot, path);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      problems.push(`${file}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    const parsed = vectorSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
      continue;
    }
    vectors.push({ file, vector: parsed.data });
  }
  if (problems.length > 0) throw new UserError(`invalid golden vector${problems.length > 1 ? 's' : ''}:\n  ${problems.join('\n  ')}`);
  return vectors;
}
