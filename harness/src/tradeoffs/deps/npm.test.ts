import { describe, expect, it } from 'vitest';
import { npmDependencies } from './npm.ts';

const lock = JSON.stringify({
  name: 'root',
  lockfileVersion: 3,
  packages: {
    '': { name: 'root', workspaces: ['apps/web'], devDependencies: { typescript: '^5' } },
    'apps/web': { name: 'web', version: '1.0.0', dependencies: { a: '^1', shared: '*' }, optionalDependencies: { 'fsevents-like': '*' }, devDependencies: { vitest: '^1' } },
    'node_modules/web': { resolved: 'apps/web', link: true },
    'node_modules/shared': { resolved: 'packages/shared', link: true },
    'packages/shared': { name: 'shared', version: '0.0.1', dependencies: { c: '^3' } },
    'node_modules/a': { version: '1.0.0', dependencies: { b: '^2' }, peerDependencies: { react: '*', opt: '*' }, peerDependenciesMeta: { opt: { optional: true } } },
    'node_modules/b': { version: '2.0.0' },
    'node_modules/a/node_modules/b': { version: '2.5.0' },
    'node_modules/react': { version: '19.0.0' },
    'node_modules/c': { version: '3.0.0' },
    'node_modules/vitest': { version: '1.0.0', dev: true },
    'node_modules/typescript': { version: '5.0.0', dev: true },
  },
});

describe('npmDependencies', () => {
  it('walks dependencies, required peers and linked workspaces, resolving the nearest node_modules, and skips devDependencies', () => {
    expect(npmDependencies(lock, 'apps/web')).toEqual({
      direct: ['a@1.0.0', 'c@3.0.0'],
      all: ['a@1.0.0', 'b@2.5.0', 'c@3.0.0', 'react@19.0.0'],
    });
  });

  it('finds nothing for a workspace with only devDependencies', () => {
    expect(npmDependencies(lock, '.')).toEqual({ direct: [], all: [] });
  });

  it('names a workspace the lock does not have', () => {
    expect(() => npmDependencies(lock, 'apps/api')).toThrow('no package at "apps/api"');
  });

  it('refuses a lock without the packages map', () => {
    expect(() => npmDependencies(JSON.stringify({ lockfileVersion: 1, dependencies: {} }), '.')).toThrow('lockfileVersion 2');
  });
});
