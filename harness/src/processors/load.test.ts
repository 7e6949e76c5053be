import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifests } from './load.ts';
import { UserError } from '../errors/user-error.ts';

function validManifest(name: string): Record<string, unknown> {
  return {
    schema_version: 1,
    name,
    language: 'Go',
    description: 'net/http',
    build: { command: ['go', 'build', '-o', 'bin/processor', '.'], inputs: ['go.mod', 'cmd'] },
    start: { command: ['bin/processor'] },
    readiness: '/health',
    toolchain: { command: ['go', 'version'] },
  };
}

function repoWith(manifests: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'manifests-'));
  for (const [dir, content] of Object.entries(manifests)) {
    mkdirSync(join(root, 'processors', dir), { recursive: true });
    writeFileSync(join(root, 'processors', dir, 'processor.json'), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

function errorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

describe('loadManifests', () => {
  it('returns every valid manifest sorted by name with an absolute dir', () => {
    const root = repoWith({ rust: validManifest('rust'), go: validManifest('go') });
    const manifests = loadManifests(root);
    expect(manifests.map((m) => m.name)).toEqual(['go', 'rust']);
    expect(manifests[0]!.dir).toBe(join(root, 'processors', 'go'));
    expect(manifests[0]!.build.inputs).toEqual(['go.mod', 'cmd']);
  });

  it('returns the named manifests in the order asked for', () => {
    const root = repoWith({ rust: validManifest('rust'), go: validManifest('go'), node: validManifest('node') });
    expect(loadManifests(root, ['rust', 'go']).map((m) => m.name)).toEqual(['rust', 'go']);
  });

  it('lists the available processors when a name is unknown', () => {
    const root = repoWith({ rust: validManifest('rust'), go: validManifest('go') });
    const err = errorOf(() => loadManifests(root, ['java']));
    expect(err.message).toContain('"java"');
    expect(err.message).toContain('available: go, rust');
  });

  it('reports every invalid field of every manifest at once, with file and field', () => {
    const broken = validManifest('go');
    delete broken['readiness'];
    broken['build'] = { command: [], inputs: ['go.mod'] };
    const alsoBroken = { ...validManifest('rust'), schema_version: 2 };
    const root = repoWith({ go: broken, rust: alsoBroken });
    const message = errorOf(() => loadManifests(root)).message;
    expect(message).toContain('processors/go/processor.json: readiness:');
    expect(message).toContain('processors/go/processor.json: build.command:');
    expect(message).toContain('processors/rust/processor.json: schema_version:');
  });

  it('rejects an unknown field so typos do not pass silently', () => {
    const root = repoWith({ go: { ...validManifest('go'), readyness: '/health' } });
    expect(errorOf(() => loadManifests(root)).message).toContain('readyness');
  });

  it('accepts a microbench section without an output (harness microbench then says what to add)', () => {
    const root = repoWith({ cpp: { ...validManifest('cpp'), microbench: { command: ['./bench'] } } });
    expect(loadManifests(root)[0]!.microbench).toEqual({ command: ['./bench'] });
  });

  it('names a microbench output it cannot read', () => {
    const root = repoWith({ go: { ...validManifest('go'), microbench: { command: ['go', 'test'], output: 'criterion' } } });
    expect(errorOf(() => loadManifests(root)).message).toContain('processors/go/processor.json: microbench.output:');
  });

  it('reports a manifest that is not JSON with its path', () => {
    const root = repoWith({ go: '{ "schema_version": 1,' });
    expect(errorOf(() => loadManifests(root)).message).toContain('processors/go/processor.json: not valid JSON');
  });

  it('requires the name to match the folder', () => {
    const root = repoWith({ go: validManifest('golang') });
    expect(errorOf(() => loadManifests(root)).message).toContain('must equal its folder name "go"');
  });

  it('ignores folders without a manifest', () => {
    const root = repoWith({ go: validManifest('go') });
    mkdirSync(join(root, 'processors', 'java'));
    expect(loadManifests(root).map((m) => m.name)).toEqual(['go']);
  });

  it('follows a symlinked implementation folder', () => {
    const elsewhere = repoWith({ go: validManifest('go') });
    const root = repoWith({});
    mkdirSync(join(root, 'processors'), { recursive: true });
    symlinkSync(join(elsewhere, 'processors', 'go'), join(root, 'processors', 'go'));
    expect(loadManifests(root).map((m) => m.name)).toEqual(['go']);
  });

  it('leaves a manifest marked run_by_default: false out of the default set', () => {
    const root = repoWith({ go: validManifest('go'), node20: { ...validManifest('node20'), run_by_default: false } });
    expect(loadManifests(root).map((m) => m.name)).toEqual(['go']);
  });

  it('loads a manifest marked run_by_default: false when it is named', () => {
    const root = repoWith({ go: validManifest('go'), node20: { ...validManifest('node20'), run_by_default: false } });
    expect(loadManifests(root, ['node20', 'go']).map((m) => m.name)).toEqual(['node20', 'go']);
  });

  it('loads every manifest, the marked ones too, when asked for all', () => {
    const root = repoWith({ go: validManifest('go'), node20: { ...validManifest('node20'), run_by_default: false } });
    expect(loadManifests(root, undefined, { all: true }).map((m) => m.name)).toEqual(['go', 'node20']);
  });
});
