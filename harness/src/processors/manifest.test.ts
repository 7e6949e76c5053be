import { describe, expect, it } from 'vitest';
import { manifestSchema } from './manifest.ts';

const base = {
  schema_version: 1,
  name: 'go',
  language: 'Go',
  description: 'net/http',
  build: { command: ['go', 'build', '-o', 'bin/processor', '.'], inputs: ['go.mod'] },
  start: { command: ['bin/processor'] },
  readiness: '/health',
  toolchain: { command: ['go', 'version'] },
};

const tradeoffs = {
  clean: ['rm', '-f', 'bin/processor'],
  build_env: { GOCACHE: '{scratch}/go-build' },
  touch: 'internal/events/validate.go',
  touch_line: 'var tradeoffsProbe = "{nonce}"',
  artifacts: ['bin/processor'],
  code: { include: ['cmd', 'internal'], exclude: ['**/*_test.go'] },
  dependencies: [{ ecosystem: 'go', go_mod: 'go.mod' }],
  safety: {
    tool: 'Go race detector',
    build: { command: ['go', 'build', '-race', '-o', 'bin/processor-race', './cmd/processor'] },
    start: { command: ['bin/processor-race'] },
    finding_pattern: '^WARNING: DATA RACE$',
  },
};

const issues = (raw: unknown): string[] => {
  const r = manifestSchema.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('manifest tradeoffs section', () => {
  it('is optional', () => {
    expect(issues(base)).toEqual([]);
  });

  it('accepts a full section', () => {
    expect(issues({ ...base, tradeoffs })).toEqual([]);
  });

  it('accepts a safety entry that says why no checker runs', () => {
    expect(issues({ ...base, tradeoffs: { ...tradeoffs, safety: { none: 'JavaScript has no data races to detect' } } })).toEqual([]);
  });

  it('accepts every dependency ecosystem', () => {
    const dependencies = [
      { ecosystem: 'go', go_mod: 'go.mod' },
      { ecosystem: 'cargo', lock: 'Cargo.lock', cargo_toml: 'Cargo.toml', package: 'processor' },
      { ecosystem: 'npm', lock: '../../package-lock.json', workspace: 'processors/node' },
      { ecosystem: 'debian', packages: ['libboost-dev'], toolchain: ['g++'] },
    ];
    expect(issues({ ...base, tradeoffs: { ...tradeoffs, dependencies } })).toEqual([]);
  });

  it('rejects an unknown field inside it', () => {
    expect(issues({ ...base, tradeoffs: { ...tradeoffs, touched: 'x.go' } }).join('\n')).toContain('touched');
  });

  it('requires the touched file and the code rule', () => {
    const { touch: _t, code: _c, ...rest } = tradeoffs;
    const found = issues({ ...base, tradeoffs: rest }).join('\n');
    expect(found).toContain('tradeoffs.touch');
    expect(found).toContain('tradeoffs.code');
  });

  it('requires the touched line to hold the nonce', () => {
    expect(issues({ ...base, tradeoffs: { ...tradeoffs, touch_line: 'var x = 1' } }).join('\n')).toContain('{nonce}');
  });

  it('rejects an absolute touched file', () => {
    expect(issues({ ...base, tradeoffs: { ...tradeoffs, touch: '/etc/passwd' } }).join('\n')).toContain('must be relative');
  });

  it('rejects a finding pattern that is not a regular expression', () => {
    const safety = { ...tradeoffs.safety, finding_pattern: '([unclosed' };
    expect(issues({ ...base, tradeoffs: { ...tradeoffs, safety } }).join('\n')).toContain('valid regular expression');
  });

  it('rejects a safety entry with both a checker and a reason for none', () => {
    expect(issues({ ...base, tradeoffs: { ...tradeoffs, safety: { ...tradeoffs.safety, none: 'x' } } })).not.toEqual([]);
  });

  it('rejects an unknown dependency ecosystem', () => {
    expect(issues({ ...base, tradeoffs: { ...tradeoffs, dependencies: [{ ecosystem: 'maven', pom: 'pom.xml' }] } }).join('\n')).toContain('dependencies.0');
  });

  it('rejects a debian source without the toolchain to subtract', () => {
    const dependencies = [{ ecosystem: 'debian', packages: ['libboost-dev'], toolchain: [] }];
    expect(issues({ ...base, tradeoffs: { ...tradeoffs, dependencies } }).join('\n')).toContain('compiler package');
  });

  it('rejects a build environment variable with an invalid name', () => {
    expect(issues({ ...base, tradeoffs: { ...tradeoffs, build_env: { 'GO CACHE': 'x' } } }).join('\n')).toContain('environment variable name');
  });
});
