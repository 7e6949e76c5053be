// Finds and validates every processors/*/processor.json. All problems in all manifests are
// collected and reported together, each with its file and field, so one run shows everything
// that needs fixing.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve, relative } from 'node:path';
import { UserError } from '../errors/user-error.ts';
import { manifestSchema, type ProcessorManifest } from './manifest.ts';

export interface LoadOptions {
  /** With no names: every manifest, also those with `run_by_default: false` (conformance tests). */
  all?: boolean;
}

/**
 * The named manifests, in the order asked for; with no names, the default set: every manifest
 * except those marked `run_by_default: false` (variants such as node20 that a user asks for).
 */
export function loadManifests(repoRoot: string, names?: readonly string[], options: LoadOptions = {}): ProcessorManifest[] {
  const root = resolve(repoRoot);
  const processorsDir = join(root, 'processors');
  const dirs = existsSync(processorsDir)
    ? readdirSync(processorsDir, { withFileTypes: true })
        // A symlinked implementation folder counts too: existsSync follows links.
        .filter((d) => (d.isDirectory() || d.isSymbolicLink()) && existsSync(join(processorsDir, d.name, 'processor.json')))
        .map((d) => d.name)
        .sort()
    : [];

  const problems: string[] = [];
  const manifests: ProcessorManifest[] = [];
  for (const dirName of dirs) {
    const manifestPath = join(processorsDir, dirName, 'processor.json');
    const shown = relative(root, manifestPath);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
    } catch (err) {
      problems.push(`${shown}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    const parsed = manifestSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
        problems.push(`${shown}: ${field}: ${issue.message}`);
      }
      continue;
    }
    if (parsed.data.name !== dirName) {
      problems.push(`${shown}: name: "${parsed.data.name}" must equal its folder name "${dirName}"`);
      continue;
    }
    manifests.push({ ...parsed.data, dir: join(processorsDir, dirName), manifest_path: manifestPath });
  }
  if (problems.length > 0) {
    throw new UserError(`invalid processor manifest${problems.length > 1 ? 's' : ''}:\n  ${problems.join('\n  ')}`);
  }

  if (names === undefined) return options.all ? manifests : manifests.filter((m) => m.run_by_default !== false);
  const available = manifests.map((m) => m.name);
  const unknown = names.filter((n) => !available.includes(n));
  if (unknown.length > 0) {
    throw new UserError(
      `unknown processor${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}; available: ${available.length > 0 ? available.join(', ') : '(none: no processors/*/processor.json found)'}`,
    );
  }
  return names.map((n) => manifests.find((m) => m.name === n)!);
}
