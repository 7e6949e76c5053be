import { describe, expect, it } from 'vitest';
import { goModDependencies } from './go-mod.ts';

describe('goModDependencies', () => {
  it('finds nothing in a go.mod without requirements', () => {
    expect(goModDependencies('module x\n\ngo 1.26\n')).toEqual({ direct: [], all: [] });
  });

  it('tells direct requirements from indirect ones, in blocks and single lines', () => {
    const mod = 'module x\n\ngo 1.22\n\nrequire github.com/a/b v1.2.3\n\nrequire (\n\tgolang.org/x/net v0.20.0 // indirect\n\tgithub.com/c/d v0.1.0\n)\n';
    expect(goModDependencies(mod)).toEqual({
      direct: ['github.com/a/b@v1.2.3', 'github.com/c/d@v0.1.0'],
      all: ['github.com/a/b@v1.2.3', 'github.com/c/d@v0.1.0', 'golang.org/x/net@v0.20.0'],
    });
  });
});
