// Third-party dependencies of one processor from every source its manifest names
// (tradeoffs.dependencies), merged: a package named by two sources counts once.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DependencySource } from '../../processors/index.ts';
import { CARGO_RULE, cargoDependencies } from './cargo.ts';
import { DEBIAN_RULE, debianDependencies, DPKG_STATUS } from './debian.ts';
import { GO_RULE, goModDependencies } from './go-mod.ts';
import { NPM_RULE, npmDependencies } from './npm.ts';
import { DependencyError, sortedUnique, type SourceDependencies } from './types.ts';

export { DependencyError } from './types.ts';

export const DEPENDENCY_RULES: Record<DependencySource['ecosystem'], string> = { go: GO_RULE, cargo: CARGO_RULE, npm: NPM_RULE, debian: DEBIAN_RULE };

export interface CountedSource extends SourceDependencies {
  ecosystem: DependencySource['ecosystem'];
  /** The file read, relative to the implementation folder (dpkg's database for debian). */
  file: string;
}

export interface DependencyCount {
  direct: number;
  all: number;
  sources: CountedSource[];
}

export interface DependencyOptions {
  /** dpkg's status file (tests use a fixture). */
  dpkgStatus?: string;
}

function read(dir: string, file: string): string {
  try {
    return readFileSync(path.resolve(dir, file), 'utf8');
  } catch (err) {
    throw new DependencyError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function countSource(dir: string, source: DependencySource, opts: DependencyOptions): CountedSource {
  switch (source.ecosystem) {
    case 'go':
      return { ecosystem: 'go', file: source.go_mod, ...goModDependencies(read(dir, source.go_mod)) };
    case 'cargo':
      return { ecosystem: 'cargo', file: source.lock, ...cargoDependencies(read(dir, source.lock), read(dir, source.cargo_toml), source.package) };
    case 'npm':
      return { ecosystem: 'npm', file: source.lock, ...npmDependencies(read(dir, source.lock), source.workspace) };
    case 'debian': {
      const status = opts.dpkgStatus ?? DPKG_STATUS;
      return { ecosystem: 'debian', file: status, ...debianDependencies(read(dir, status), source.packages, source.toolchain) };
    }
  }
}

/** Throws DependencyError (one line) when a source cannot be read or does not hold what its rule needs. */
export function countDependencies(dir: string, sources: readonly DependencySource[], opts: DependencyOptions = {}): DependencyCount {
  const counted = sources.map((s) => countSource(dir, s, opts));
  const key = (c: CountedSource, id: string) => `${c.ecosystem}:${id}`;
  return {
    direct: sortedUnique(counted.flatMap((c) => c.direct.map((id) => key(c, id)))).length,
    all: sortedUnique(counted.flatMap((c) => c.all.map((id) => key(c, id)))).length,
    sources: counted,
  };
}
