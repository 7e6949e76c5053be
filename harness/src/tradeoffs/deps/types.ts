// What one dependency source yields: the third-party packages, as name@version, that the
// processor's own code names (direct) and every one it reaches (all, direct included).

export interface SourceDependencies {
  direct: string[];
  all: string[];
}

/** A lock file or package database that does not say what the rule needs: one line for the table. */
export class DependencyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DependencyError';
  }
}

export const sortedUnique = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
