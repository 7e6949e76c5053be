// Debian packages a C/C++ build uses (the headers and libraries behind its find_package and
// pkg-config names), from dpkg's database of installed packages: the listed packages and what
// they Depend or Pre-Depend on, minus everything the toolchain package (g++) already pulls in,
// which is the compiler's own runtime (libc, libstdc++), as the standard library is elsewhere.
import { DependencyError, sortedUnique, type SourceDependencies } from './types.ts';

export const DEBIAN_RULE =
  'installed Debian packages: direct = the packages the manifest lists (behind the build\u2019s find_package/pkg-config names), all = their Depends/Pre-Depends closure minus the closure of the toolchain package(s) (the compiler\u2019s own runtime, like the standard library elsewhere)';

export const DPKG_STATUS = '/var/lib/dpkg/status';

interface Installed {
  version: string;
  depends: string[][];
}

/** Installed packages by name, with their dependencies as lists of alternatives; `provides` maps virtual names. */
export function parseDpkgStatus(text: string): { packages: Map<string, Installed>; provides: Map<string, string[]> } {
  const packages = new Map<string, Installed>();
  const provides = new Map<string, string[]>();
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    let last = '';
    for (const line of stanza.split('\n')) {
      if (/^\s/.test(line) && last) fields.set(last, `${fields.get(last)} ${line.trim()}`);
      else {
        const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
        if (m) fields.set((last = m[1]!), m[2]!);
      }
    }
    const name = fields.get('Package');
    if (!name || !/\binstalled$/.test(fields.get('Status') ?? '')) continue;
    const relations = [fields.get('Pre-Depends'), fields.get('Depends')].filter((x): x is string => !!x).join(', ');
    packages.set(name, { version: fields.get('Version') ?? '?', depends: parseRelations(relations) });
    for (const [virtual] of parseRelations(fields.get('Provides') ?? '')) {
      if (virtual) provides.set(virtual, [...(provides.get(virtual) ?? []), name]);
    }
  }
  return { packages, provides };
}

/** "a (>= 1) | b:any, c" → [["a", "b"], ["c"]] */
function parseRelations(text: string): string[][] {
  return text
    .split(',')
    .map((group) =>
      group
        .split('|')
        .map((alt) => alt.trim().replace(/\s*\(.*?\)/g, '').replace(/\s*\[.*?\]/g, '').replace(/:[a-z0-9]+$/, '').trim())
        .filter(Boolean),
    )
    .filter((g) => g.length > 0);
}

function closure(db: ReturnType<typeof parseDpkgStatus>, roots: readonly string[]): Set<string> {
  const out = new Set<string>();
  const installedAs = (name: string): string | undefined => (db.packages.has(name) ? name : db.provides.get(name)?.find((p) => db.packages.has(p)));
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (out.has(name)) continue;
    const pkg = db.packages.get(name);
    if (!pkg) continue;
    out.add(name);
    for (const alternatives of pkg.depends) {
      const chosen = alternatives.map(installedAs).find((x) => x !== undefined);
      if (chosen && !out.has(chosen)) queue.push(chosen);
    }
  }
  return out;
}

export function debianDependencies(statusText: string, packages: readonly string[], toolchain: readonly string[]): SourceDependencies {
  const db = parseDpkgStatus(statusText);
  const missing = [...packages, ...toolchain].filter((p) => !db.packages.has(p));
  if (missing.length > 0) throw new DependencyError(`Debian package${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not installed`);
  const base = closure(db, toolchain);
  const id = (name: string) => `${name}@${db.packages.get(name)!.version}`;
  const all = [...closure(db, packages)].filter((p) => !base.has(p) || packages.includes(p));
  return { direct: sortedUnique(packages.map(id)), all: sortedUnique(all.map(id)) };
}
