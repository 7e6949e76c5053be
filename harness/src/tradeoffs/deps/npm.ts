// package-lock.json (lockfileVersion 2 or 3, the `packages` map): from one workspace folder,
// through dependencies, optionalDependencies and non-optional peerDependencies, each name
// resolved as Node resolves it (the nearest node_modules folder up the tree). devDependencies
// are not followed: for a processor they are its compiler, build CLI, test and bench tools,
// which the other languages' counts leave out as their toolchain.
import { DependencyError, sortedUnique, type SourceDependencies } from './types.ts';

export const NPM_RULE =
  'package-lock.json from the workspace folder through dependencies, optionalDependencies and required peerDependencies, resolved as Node resolves node_modules; devDependencies (compiler, build CLI, test and bench tools: the toolchain) are not followed';

interface LockEntry {
  name?: string;
  version?: string;
  link?: boolean;
  resolved?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

function entriesOf(lockText: string): Record<string, LockEntry> {
  let lock: { lockfileVersion?: number; packages?: Record<string, LockEntry> };
  try {
    lock = JSON.parse(lockText) as typeof lock;
  } catch (err) {
    throw new DependencyError(`package-lock.json is not valid JSON (${(err as Error).message})`);
  }
  if (!lock.packages || (lock.lockfileVersion ?? 0) < 2) throw new DependencyError('package-lock.json has no "packages" map (lockfileVersion 2 or later is needed)');
  return lock.packages;
}

/** Where `name` resolves from the package at `location`: the nearest node_modules up the tree. */
function resolveFrom(entries: Record<string, LockEntry>, location: string, name: string): string | undefined {
  const parts = location === '' ? [] : location.split('/');
  for (let n = parts.length; n >= 0; n--) {
    const base = parts.slice(0, n).join('/');
    if (base === 'node_modules' || base.endsWith('/node_modules')) continue;
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (entries[candidate]) return candidate;
  }
  return undefined;
}

const packageName = (location: string) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);

export function npmDependencies(lockText: string, workspace: string): SourceDependencies {
  const entries = entriesOf(lockText);
  const start = workspace.replace(/^\.\/?/, '').replace(/\/$/, '');
  if (!entries[start]) throw new DependencyError(`package-lock.json has no package at "${start || '(root)'}"`);
  const direct: string[] = [];
  const all: string[] = [];
  const seen = new Set<string>();
  const queue: Array<{ location: string; firstParty: boolean }> = [{ location: start, firstParty: true }];
  seen.add(start);
  while (queue.length > 0) {
    const { location, firstParty } = queue.shift()!;
    const entry = entries[location]!;
    const wanted = new Map<string, boolean>();
    for (const n of Object.keys(entry.dependencies ?? {})) wanted.set(n, true);
    for (const n of Object.keys(entry.peerDependencies ?? {})) if (!entry.peerDependenciesMeta?.[n]?.optional) wanted.set(n, true);
    for (const n of Object.keys(entry.optionalDependencies ?? {})) wanted.set(n, false);
    for (const [name, required] of wanted) {
      let at = resolveFrom(entries, location, name);
      if (at === undefined) {
        if (required) throw new DependencyError(`package-lock.json: ${name}, a dependency of ${location || '(root)'}, is not in the lock`);
        continue; // an optional dependency npm did not install (another platform's)
      }
      const target = entries[at]!;
      const isLink = target.link === true && typeof target.resolved === 'string';
      if (isLink) at = target.resolved!;
      if (!isLink) {
        const id = `${packageName(at)}@${target.version ?? '?'}`;
        if (firstParty) direct.push(id);
        all.push(id);
      }
      if (seen.has(at) || !entries[at]) continue;
      seen.add(at);
      queue.push({ location: at, firstParty: isLink });
    }
  }
  return { direct: sortedUnique(direct), all: sortedUnique(all) };
}
