// Cargo.lock holds the resolved graph but does not say which edges are dev-dependencies, so the
// root package's own Cargo.toml decides where the walk starts: its normal and build
// dependencies. Packages with a `source` are third-party; path packages (a sibling crate) are
// first-party and walked through. The lock resolves for every target platform, so crates only
// another OS compiles (windows-*, wasi) are counted too.
import { DependencyError, sortedUnique, type SourceDependencies } from './types.ts';

export const CARGO_RULE =
  'Cargo.lock graph from the package through the normal and build dependencies its Cargo.toml declares (dev-dependencies left out); direct = third-party packages a first-party package depends on, all = every third-party package reached; the lock resolves for every platform, so crates only other systems compile (windows-*, wasi) count too';

interface LockPackage {
  name: string;
  version: string;
  source: string | undefined;
  dependencies: string[];
}

export function parseCargoLock(text: string): LockPackage[] {
  const packages: LockPackage[] = [];
  for (const block of text.split(/^\[\[package\]\]\s*$/m).slice(1)) {
    const field = (key: string) => new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm').exec(block)?.[1];
    const deps = /^dependencies\s*=\s*\[([\s\S]*?)\]/m.exec(block)?.[1] ?? '';
    const name = field('name');
    const version = field('version');
    if (!name || !version) continue;
    packages.push({ name, version, source: field('source'), dependencies: [...deps.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) });
  }
  return packages;
}

/** Names of the packages the [dependencies], [build-dependencies] and their target-specific forms declare (renames resolved). */
export function normalAndBuildDependencyNames(cargoToml: string): Set<string> {
  const names = new Set<string>();
  let section = '';
  let tableDep: string | undefined;
  const counted = (s: string) => /^(target\..+\.)?(dependencies|build-dependencies)$/.test(s);
  for (const raw of cargoToml.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = header[1]!.trim();
      tableDep = undefined;
      // [dependencies.serde]: the table form of one dependency.
      const table = /^((?:target\..+\.)?(?:dependencies|build-dependencies))\.("?)([A-Za-z0-9_-]+)\2$/.exec(section);
      if (table) {
        tableDep = table[3]!;
        names.add(tableDep);
      }
      continue;
    }
    if (tableDep !== undefined) {
      const renamed = /^package\s*=\s*"([^"]+)"/.exec(line);
      if (renamed) {
        names.delete(tableDep);
        names.add(renamed[1]!);
      }
      continue;
    }
    if (!counted(section)) continue;
    const entry = /^("?)([A-Za-z0-9_-]+)\1(?:\.[A-Za-z]+)?\s*=\s*(.*)$/.exec(line);
    if (!entry) continue;
    const renamed = /\bpackage\s*=\s*"([^"]+)"/.exec(entry[3]!);
    names.add(renamed ? renamed[1]! : entry[2]!);
  }
  return names;
}

export function cargoDependencies(lockText: string, cargoToml: string, rootName: string): SourceDependencies {
  const packages = parseCargoLock(lockText);
  const root = packages.find((p) => p.name === rootName && p.source === undefined);
  if (!root) throw new DependencyError(`Cargo.lock has no first-party package "${rootName}"`);
  const declared = normalAndBuildDependencyNames(cargoToml);
  const resolve = (spec: string): LockPackage | undefined => {
    const [name, version] = spec.split(' ');
    const candidates = packages.filter((p) => p.name === name && (version === undefined || p.version === version));
    return candidates.length === 1 ? candidates[0] : undefined;
  };
  const id = (p: LockPackage) => `${p.name}@${p.version}`;
  const direct: string[] = [];
  const all: string[] = [];
  const seen = new Set<string>([id(root)]);
  const queue: LockPackage[] = [];
  const visit = (from: LockPackage, spec: string) => {
    const p = resolve(spec);
    if (!p) throw new DependencyError(`Cargo.lock: dependency "${spec}" of ${id(from)} matches no single package`);
    if (from.source === undefined && p.source !== undefined) direct.push(id(p));
    if (seen.has(id(p))) return;
    seen.add(id(p));
    if (p.source !== undefined) all.push(id(p));
    queue.push(p);
  };
  for (const spec of root.dependencies) if (declared.has(spec.split(' ')[0]!)) visit(root, spec);
  while (queue.length > 0) {
    const p = queue.shift()!;
    for (const spec of p.dependencies) visit(p, spec);
  }
  return { direct: sortedUnique(direct), all: sortedUnique(all) };
}
